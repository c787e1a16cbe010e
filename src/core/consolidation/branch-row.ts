import { assess } from "../scoring/assess";
import type { BranchRow } from "./model";
import type { Filling } from "../scoring/filling";
import { branchKey } from "./identity";
import { sortIssues, type Issue } from "../issues";
import type { Rubric } from "../rubric/rubric";
import type { FoundScoresheet } from "../scoresheet/locate";
import { validate } from "../validation/validate";
import { typedCellsOf } from "../scoresheet/typed";

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
  const issues = sortIssues([
    ...readIssues,
    ...validate(rubric, found, filling, a, today, { formulas: !fromReport }),
  ]);
  const flags = [
    ...new Set(issues.flatMap((i) => (i.flag && i.severity === "错误" ? [i.flag] : []))),
  ];
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
    notes: filling.notes,
    flags,
    errors: issues.filter((i) => i.severity === "错误").length,
    warnings: issues.filter((i) => i.severity === "警告").length,
    issues,
    file,
    remark: "",
    naming: "",
    vanished: false,
    ...(fromReport ? {} : { typed: typedCellsOf(found, rubric) }),
  };
}
