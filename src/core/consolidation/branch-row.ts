import { assess, type Assessment } from "../scoring/assess";
import type { BranchRow } from "./model";
import type { Filling } from "../scoring/filling";
import { branchKey } from "./identity";
import { sortIssues, type Issue } from "../issues";
import type { Rubric } from "../rubric/rubric";
import type { FoundScoresheet } from "../scoresheet/locate";
import { sheetViewOf, validate } from "../validation/validate";
import { heldReasons, type HoldSigns } from "./held";
import { typedCellsOf, unreadEntries } from "../scoresheet/typed";

/** A branch row from a located sheet and its filling: recomputed scores, tiers, issues and integrity flags. */
export function rowOf(
  found: FoundScoresheet,
  filling: Filling,
  readIssues: readonly Issue[],
  rubric: Rubric,
  today: Date,
  fromReport: boolean,
  file: string
): BranchRow {
  const a = assess(rubric, filling);
  // The sheet's own reading is made once, for whichever of validation and 待核实 asks first.
  const sheetView = sheetViewOf(rubric, found);
  const checked = validate(rubric, found, filling, a, today, {
    formulas: !fromReport,
    sheetView,
  });
  // A report's row comes with what its own consolidation found (its 问题清单): a finding the values
  // here give again is the same finding, said once, where the branch's scoresheet has it.
  const issues = sortIssues(
    fromReport ? withCarried(readIssues, checked) : [...readIssues, ...checked]
  );
  const signs = fromReport
    ? { typedStages: [], sheetTier: null }
    : signsOf(filling, readIssues, sheetView);
  return rowFrom(found, filling, a, issues, signs, rubric, fromReport, file);
}

/**
 * A report's branch as that report stated it: scored from its values, with the issues its 问题清单
 * lists for it (its consolidation validated it then; validating the values again would say less).
 */
export function reportedRow(
  found: FoundScoresheet,
  filling: Filling,
  issues: readonly Issue[],
  rubric: Rubric,
  file: string
): BranchRow {
  const signs = { typedStages: [], sheetTier: null };
  return rowFrom(
    found,
    filling,
    assess(rubric, filling),
    sortIssues(issues),
    signs,
    rubric,
    true,
    file
  );
}

function rowFrom(
  found: FoundScoresheet,
  filling: Filling,
  a: Assessment,
  issues: readonly Issue[],
  signs: HoldSigns,
  rubric: Rubric,
  fromReport: boolean,
  file: string
): BranchRow {
  const flags = [
    ...new Set(issues.flatMap((i) => (i.flag && i.severity === "错误" ? [i.flag] : []))),
  ];
  const errors = issues.filter((i) => i.severity === "错误").length;
  const held = heldReasons({ flags, errors, tier: a.tier.tier }, signs);
  return {
    key: branchKey(filling.header.committee ?? "", filling.header.name ?? ""),
    header: filling.header,
    items: a.items,
    sections: a.sections,
    totals: a.totals,
    tier: a.tier.tier,
    selfTier: a.selfTier.tier,
    caps: a.tier.caps.map((c) => c.reason),
    vetoes: a.vetoes,
    entries: filling.entries,
    vetoAnswers: filling.vetoes,
    unread: unreadEntries(found, filling),
    notes: filling.notes,
    flags,
    errors,
    warnings: issues.filter((i) => i.severity === "警告").length,
    issues,
    file,
    remark: "",
    naming: "",
    vanished: false,
    held,
    verified: false,
    ...(fromReport ? {} : { typed: typedCellsOf(found, rubric) }),
  };
}

/** Two issues are one finding when they say the same thing under the same rule, whichever sheet they point at. */
function sameFinding(i: Issue): string {
  return `${i.severity}\u0000${i.rule}\u0000${i.message}`;
}

/**
 * A report's row comes with what its own consolidation found (its 问题清单): a finding the report's
 * values give again is the same finding, said once, where the branch's scoresheet had it.
 */
export function withCarried(carried: readonly Issue[], found: readonly Issue[]): Issue[] {
  const known = new Set(carried.map(sameFinding));
  return [...carried, ...found.filter((i) => !known.has(sameFinding(i)))];
}

/** What a branch's own scoresheet says that may hold it back: typed committee columns, a tier its formulas show otherwise. */
function signsOf(
  filling: Filling,
  readIssues: readonly Issue[],
  sheetView: () => Assessment
): HoldSigns {
  const typedStages = [
    ...(Object.keys(filling.reviews).length > 0 ? (["审核"] as const) : []),
    ...(Object.keys(filling.samples).length > 0 ? (["抽验"] as const) : []),
  ];
  // The sheet's formulas read what the engine reads unless an entry had to be interpreted.
  const sheetTier = readIssues.length === 0 ? null : sheetView().tier.tier;
  return { typedStages, sheetTier };
}
