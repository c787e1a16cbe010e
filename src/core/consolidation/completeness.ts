import { TIERS } from "../rubric/rubric";
import { normaliseName } from "./identity";
import type {
  BranchRow,
  CarriedInput,
  CommitteeSummary,
  InputOutcome,
  Recommendation,
  RosterSummary,
  TierCounts,
} from "./model";
import { percentText, recommend } from "./recommend";
import type { RosterEntry } from "./roster";

// Every branch of every committee accounted for: the roster's branches that sent nothing (未报送),
// the branches that sent a file without being on it (名册外), and per committee the 党支部数 that
// 达标比例 and the 20 % rule are counted against.

/** What the counting is against: the roster's branches and those that submitted, per committee. */
export interface Completeness {
  readonly roster: RosterSummary | null;
  readonly committees: readonly CommitteeSummary[];
  /** All committees' 示范 recommendations together, committee by committee. */
  readonly recommendation: Recommendation;
  /** (示范 + 先进 + 达标) ÷ 党支部数 over all committees. */
  readonly passRate: number;
}

/** The roster entries that appear once each (by branch identity), in the order first given. */
export function unionRoster(lists: readonly (readonly RosterEntry[])[]): RosterEntry[] {
  const seen = new Set<string>();
  return lists.flat().filter((e) => !seen.has(e.key) && (seen.add(e.key), true));
}

/** Accounts for every committee: 党支部数 = its roster's branches plus its branches that submitted without being on it. */
export function accountFor(
  branches: readonly BranchRow[],
  given: readonly RosterEntry[] | null,
  ratio: number,
  inputs: readonly InputOutcome[] = [],
  carried: readonly CarriedInput[] = []
): Completeness {
  // A roster without a branch says nothing about who is missing: it is no roster.
  const roster = given !== null && given.length > 0 ? given : null;
  const present = branches.filter((b) => !b.vanished);
  const listed = new Set((roster ?? []).map((e) => e.key));
  const submitted = new Set(present.map((b) => b.key));
  const groups = new Map<
    string,
    { name: string; roster: RosterEntry[]; present: BranchRow[]; vanished: BranchRow[] }
  >();
  const group = (committee: string) => {
    const key = normaliseName(committee);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name: committee, roster: [], present: [], vanished: [] }));
    return g;
  };
  for (const e of roster ?? []) group(e.committee).roster.push(e);
  for (const b of branches) {
    const g = group(b.header.committee ?? "");
    (b.vanished ? g.vanished : g.present).push(b);
  }
  const committees = [...groups.entries()]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name, "zh-CN"))
    .map(([key, g]): CommitteeSummary => {
      const hasRoster = g.roster.length > 0;
      const missing = g.roster.filter((e) => !submitted.has(e.key));
      const unlisted = roster === null ? [] : g.present.filter((b) => !listed.has(b.key));
      const total = g.present.length + missing.length;
      const counts = tierCounts(g.present);
      const rec = recommend(g.present, ratio, total);
      return {
        key,
        name: g.name,
        hasRoster,
        expected: hasRoster ? g.roster.length : null,
        submitted: g.present.length,
        branches: total,
        missing,
        unlisted,
        present: g.present,
        counts,
        passRate: total === 0 ? 0 : (g.present.length - counts.未达标) / total,
        recommendation: rec,
        rejected: inputs.filter((i) => i.status === "rejected" && sameCommittee(i.committee, key)),
        superseded: inputs.filter(
          (i) => i.status === "superseded" && sameCommittee(i.committee, key)
        ),
        carried: carried.filter((c) => sameCommittee(c.committee, key)),
      };
    });
  const totalBranches = committees.reduce((a, c) => a + c.branches, 0);
  const passing = committees.reduce((a, c) => a + c.submitted - c.counts.未达标, 0);
  return {
    roster:
      roster === null
        ? null
        : {
            entries: roster,
            expected: roster.length,
            submitted: roster.filter((e) => submitted.has(e.key)).length,
            missing: committees.flatMap((c) => c.missing),
            unlisted: committees.flatMap((c) => c.unlisted),
          },
    committees,
    recommendation: combined(committees, ratio),
    passRate: totalBranches === 0 ? 0 : passing / totalBranches,
  };
}

/** Counts by tier of the branches that submitted. */
export function tierCounts(branches: readonly BranchRow[]): TierCounts {
  return Object.fromEntries(
    TIERS.map((t) => [t, branches.filter((b) => b.tier === t).length])
  ) as TierCounts;
}

function sameCommittee(committee: string | null | undefined, key: string): boolean {
  return committee !== null && committee !== undefined && normaliseName(committee) === key;
}

/** The committees' recommendations as one: the sum of what each must recommend, and who falls short. */
function combined(committees: readonly CommitteeSummary[], ratio: number): Recommendation {
  const short = committees.filter((c) => c.recommendation.shortfall !== null);
  return {
    ratio,
    required: committees.reduce((a, c) => a + c.recommendation.required, 0),
    chosen: committees.flatMap((c) => c.recommendation.chosen),
    shortfall:
      short.length === 0
        ? null
        : committees.length === 1
          ? (short[0]?.recommendation.shortfall ?? null)
          : `按不少于党支部数${percentText(ratio)}的要求，${short.length} 个党委推荐不足：${short
              .map((c) => {
                const { required, chosen } = c.recommendation;
                return `${c.name}应推荐 ${required} 个，${chosen.length === 0 ? "没有可推荐的示范或先进党支部" : `只有 ${chosen.length} 个可推荐`}，尚缺 ${required - chosen.length} 个`;
              })
              .join("；")}。`,
  };
}
