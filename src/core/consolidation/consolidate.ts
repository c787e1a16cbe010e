import type {
  CarriedInput,
  Candidate,
  ConsolidateOptions,
  Consolidation,
  ConsolidationInput,
  FileIssue,
  InputOutcome,
} from "./model";
import { rubricFingerprint } from "../rubric/fingerprint";
import { DEFAULT_RATIO } from "./recommend";
import { accountFor, tierCounts, unionRoster } from "./completeness";
import type { RosterEntry } from "./roster";
import { carryOver, settleDuplicates } from "./merge";
import { analyse, type Analysed } from "./analyse";
import { unlistedCounts } from "./listed";
import { StringPool } from "./string-pool";

const NOT_FIVE_STAR = (stars: number | null): string =>
  `列入推荐名单，但${stars === null || stars === 0 ? "未填星级" : `现为${"一二三四五".charAt(stars - 1)}星级`}；示范党支部一般在五星级基层党组织中产生，上报前请核实。`;

/** Merges every input into one result: each input accepted, rejected or superseded; every score recomputed. */
export function consolidate(
  inputs: Iterable<ConsolidationInput>,
  options: ConsolidateOptions
): Consolidation {
  return consolidateAnalysed(analyseEach(inputs, options), options);
}

/** Each input analysed as the merge asks for it: the caller may read files lazily, so only one snapshot is alive at once. */
function* analyseEach(
  inputs: Iterable<ConsolidationInput>,
  options: ConsolidateOptions
): Generator<Analysed> {
  const fingerprint = rubricFingerprint(options.rubric);
  const strings = new StringPool();
  let index = -1;
  for (const input of inputs) yield strings.shared(analyse(input, ++index, options, fingerprint));
}

/** Merges inputs analysed one by one, in input order, into one result: duplicates settled, a previous report carried over. */
export function consolidateAnalysed(
  analysed: Iterable<Analysed>,
  options: ConsolidateOptions
): Consolidation {
  const { rubric } = options;
  const fingerprint = rubricFingerprint(rubric);
  const outcomes: InputOutcome[] = [];
  const candidates: Candidate[] = [];
  const issues: FileIssue[] = [];
  const files: string[] = [];
  const rosters: (readonly RosterEntry[])[] = options.roster ? [options.roster.entries] : [];
  const carried: CarriedInput[] = [];
  for (const a of analysed) {
    // Duplicates are settled by input position: an input analysed under another index would win wrongly.
    for (const c of a.candidates) {
      if (c.input !== files.length)
        throw new Error(`analysed input ${c.input} merged at ${files.length}`);
      candidates.push(c);
    }
    files.push(a.file);
    outcomes.push(a.outcome);
    for (const issue of a.issues) issues.push(issue);
    if (a.account.roster.length > 0) rosters.push(a.account.roster);
    carried.push(...a.account.carried);
  }
  const winners = settleDuplicates(candidates, files, outcomes);
  const merged = options.previous
    ? carryOver(winners, options.previous, options, issues)
    : winners.map((w) => w.row);
  const roster = rosters.length > 0 ? unionRoster(rosters) : null;
  const whole = accountFor(merged, roster, options.ratio ?? DEFAULT_RATIO, outcomes, carried);
  // The notice: 示范 "一般在五星级基层党组织中产生"; a recommendation of another is said, not refused.
  for (const b of whole.recommendation.chosen)
    if (b.header.stars !== 5)
      issues.push({
        severity: "提示",
        rule: "V23",
        file: b.file,
        branch: `${b.header.committee ?? ""} / ${b.header.name ?? ""}`,
        message: NOT_FIVE_STAR(b.header.stars),
      });
  const result: Consolidation = {
    inputs: outcomes,
    branches: merged,
    issues,
    counts: tierCounts(merged.filter((b) => !b.vanished)),
    passRate: whole.passRate,
    recommendation: whole.recommendation,
    roster: whole.roster,
    committees: whole.committees,
    carried,
    rubricName: rubric.name,
    rubricVersion: rubric.version,
    fingerprint,
  };
  // A count the 问题清单 does not back is a defect of this code, never a thing to print on a report.
  const unlisted = unlistedCounts(result);
  if (unlisted.length > 0)
    throw new Error(`汇总表的错误数、警告数与问题清单不一致（程序缺陷）：${unlisted.join("；")}`);
  return result;
}
