import type {
  Candidate,
  ConsolidateOptions,
  Consolidation,
  ConsolidationInput,
  FileIssue,
  InputOutcome,
} from "./model";
import { rubricFingerprint } from "../rubric/fingerprint";
import { DEFAULT_RATIO, recommend } from "./recommend";
import { TIERS } from "../rubric/rubric";
import { carryOver, settleDuplicates } from "./merge";
import { analyse, type Analysed } from "./analyse";

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
  let index = -1;
  for (const input of inputs) yield analyse(input, ++index, options, fingerprint);
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
  }
  const winners = settleDuplicates(candidates, files, outcomes);
  const merged = options.previous
    ? carryOver(winners, options.previous, options, issues)
    : winners.map((w) => w.row);
  const current = merged.filter((b) => !b.vanished);
  const counts = Object.fromEntries(
    TIERS.map((t) => [t, current.filter((b) => b.tier === t).length])
  ) as Consolidation["counts"];
  const passing = current.length - counts.未达标;
  return {
    inputs: outcomes,
    branches: merged,
    issues,
    counts,
    passRate: current.length === 0 ? 0 : passing / current.length,
    recommendation: recommend(merged, options.ratio ?? DEFAULT_RATIO),
    rubricName: rubric.name,
    rubricVersion: rubric.version,
    fingerprint,
  };
}
