import { assess, type Assessment } from "../scoring/assess";
import type { Filling } from "../scoring/filling";
import { finalScoreFormula, selfScoreFormula } from "../scoresheet/formulas";
import { rubricFingerprint } from "../rubric/fingerprint";
import type { Issue } from "../issues";
import { MSG } from "../messages";
import { META_KEYS } from "../scoresheet/meta";
import { displayText, readNumber } from "../readings";
import { allItems, type Rubric } from "../rubric/rubric";
import type { Found, FoundScoresheet } from "../scoresheet/locate";
import { layoutTemplate } from "../scoresheet/layout";
import { checkFacts } from "./facts";
import { checkCounts } from "./counts";
import { formulaView } from "../scoresheet/formula-view";
import { readFilling } from "../scoresheet/read-filling";

/** How to validate: whether the sheet has formulas to check, and its own reading when the caller already has one. */
export interface ValidateOptions {
  /** A scoresheet has formulas that may have been altered; a report's 明细 holds values only. */
  readonly formulas: boolean;
  /** What the sheet's own formulas compute, made at most once (see sheetViewOf); shared with the caller. */
  readonly sheetView?: () => Assessment;
}

/** What the sheet's own formulas compute (text entries count 0 there), made on first use and then kept. */
export function sheetViewOf(rubric: Rubric, found: FoundScoresheet): () => Assessment {
  let view: Assessment | undefined;
  return () => (view ??= assess(rubric, readFilling(formulaView(found), rubric).filling));
}

/** Every rule of RUBRIC.md V1–V26 that the sheet's own data can decide, beyond reading the cells. */
export function validate(
  rubric: Rubric,
  found: FoundScoresheet,
  filling: Filling,
  assessment: Assessment,
  today: Date,
  options: ValidateOptions = { formulas: true }
): Issue[] {
  const issues: Issue[] = [];
  const push: Push = (severity, rule, cell, message, flag) => {
    issues.push({
      severity,
      rule,
      sheet: found.sheet,
      ...(cell ? { cell } : {}),
      message,
      ...(flag ? { flag } : {}),
    });
  };
  for (const code of found.missingRows)
    push("错误", "V2", undefined, MSG.missingRow(code), FLAG.structure);
  for (const u of found.unknownRows) push("警告", "V2", u.ref, MSG.unknownRow(u.code));
  const sheetView = options.sheetView ?? sheetViewOf(rubric, found);
  checkIntegrity(rubric, found, assessment, push, options.formulas, sheetView);
  checkStages(rubric, found, filling, assessment, push);
  issues.push(...checkFacts(rubric, found, filling, assessment, today));
  issues.push(...checkCounts(rubric, found, filling));
  return issues;
}

type Push = (
  severity: Issue["severity"],
  rule: string,
  cell: string | undefined,
  message: string,
  flag?: string
) => void;

/** The short labels of the 标记 column. */
const FLAG = {
  structure: "表格结构被改动",
  max: "分值被改动",
  formula: "公式被改动",
  total: "合计与重算不符",
  tier: "等次与重算不符",
} as const;

/** Whether a cell's formula is the expected one, however it was spaced, cased or anchored ($). */
const sameFormula = (a: string | undefined, b: string): boolean =>
  a !== undefined &&
  // As written by the template (nearly every file): no need to compare normal forms.
  ((a === b && !b.startsWith("=")) ||
    a.replace(/[$\s]/g, "").replace(/^=/, "").toUpperCase() ===
      b.replace(/[$\s]/g, "").toUpperCase());

const fmt = (n: number): string => String(n);

/** The template's 自评得分 formula of every item, computed once per rubric. */
function expectedFormulas(rubric: Rubric): ReadonlyMap<string, string> {
  let known = formulaCache.get(rubric);
  if (!known) {
    const layout = layoutTemplate(rubric);
    known = new Map(allItems(rubric).map((item) => [item.code, selfScoreFormula(item, layout)]));
    formulaCache.set(rubric, known);
  }
  return known;
}

const formulaCache = new WeakMap<Rubric, ReadonlyMap<string, string>>();

/** A cached number that differs from the computed one (absent caches are not judged: nothing recalculated them). */
function differs(f: Found | undefined, computed: number): boolean {
  if (!f || f.v === null || f.v === "") return false;
  const r = readNumber(f.v);
  return !r.ok || Math.abs(r.value - computed) > 1e-9;
}

/** Altered maxima and formulas, and cached results that disagree with the recomputation (V2, V3, V22). */
function checkIntegrity(
  rubric: Rubric,
  found: FoundScoresheet,
  a: Assessment,
  push: Push,
  formulas: boolean,
  sheetView: () => Assessment
): void {
  const layout = layoutTemplate(rubric);
  const byCode = new Map(a.items.map((i) => [i.code, i]));
  // sheetView is built only when a cache disagrees (or the caller needed it already).
  const viewItems = (): Map<string, number> =>
    new Map(sheetView().items.map((i) => [i.code, i.self]));
  const cachedDiffers = (
    f: Found | undefined,
    computed: number,
    inView: () => number | undefined
  ): boolean => differs(f, computed) && differs(f, inView() ?? computed);
  for (const item of allItems(rubric)) {
    const f = found.items[item.code];
    const score = byCode.get(item.code);
    if (!f || !score) continue;
    const max = readNumber(f.max.v);
    if (!max.ok || max.value !== item.max)
      push(
        "错误",
        "V2",
        f.max.ref,
        MSG.maxAltered(item.code, displayText(f.max.v), item.max),
        FLAG.max
      );
    // A report's 明细 holds values, not formulas: only a scoresheet's formulas can have been altered.
    const sameRow = layout.itemRow.get(item.code) === f.row;
    const altered = sameRow
      ? !sameFormula(f.self.f, expectedFormulas(rubric).get(item.code) ?? "") ||
        !sameFormula(f.final.f, finalScoreFormula(f.row))
      : f.self.f === undefined;
    if (formulas && altered)
      push("错误", "V3", f.self.ref, MSG.formulaAltered(item.code), FLAG.formula);
    if (cachedDiffers(f.self, score.self, () => viewItems().get(item.code)))
      push(
        "警告",
        "V3",
        f.self.ref,
        MSG.cachedMismatch(`${item.code} 自评得分`, displayText(f.self.v), fmt(score.self))
      );
  }
  for (const s of a.sections) {
    const f = found.sections[s.code];
    if (
      cachedDiffers(
        f?.self,
        s.self,
        () => sheetView().sections.find((x) => x.code === s.code)?.self
      )
    )
      push(
        "警告",
        "V2",
        f?.self.ref,
        MSG.cachedMismatch(`${s.title}小计`, displayText(f?.self.v ?? null), fmt(s.self))
      );
  }
  if (cachedDiffers(found.total?.self, a.totals.self, () => sheetView().totals.self))
    push(
      "错误",
      "V2",
      found.total?.self.ref,
      MSG.cachedMismatch("自评总分", displayText(found.total?.self.v ?? null), fmt(a.totals.self)),
      FLAG.total
    );
  if (cachedDiffers(found.total?.final, a.totals.final, () => sheetView().totals.final))
    push(
      "错误",
      "V2",
      found.total?.final.ref,
      MSG.cachedMismatch(
        "最终总分",
        displayText(found.total?.final.v ?? null),
        fmt(a.totals.final)
      ),
      FLAG.total
    );
  const tierShown = found.tiers.final;
  const shown = tierShown ? displayText(tierShown.v).trim() : "";
  if (tierShown && shown !== "" && shown !== a.tier.tier && shown !== sheetView().tier.tier)
    push(
      "错误",
      "V22",
      tierShown.ref,
      MSG.cachedMismatch("最终等次", displayText(tierShown.v), a.tier.tier),
      FLAG.tier
    );
  const fp = found.meta[META_KEYS.fingerprint];
  if (fp === undefined) push("警告", "V2", undefined, MSG.noMeta);
  else if (fp !== rubricFingerprint(rubric))
    push("警告", "V2", undefined, MSG.otherRubric(fp, rubricFingerprint(rubric)));
}

/** Explanations for deductions and review deltas; partly filled review columns (V4, V25). */
function checkStages(
  rubric: Rubric,
  found: FoundScoresheet,
  filling: Filling,
  a: Assessment,
  push: Push
): void {
  for (const s of a.items) {
    const f = found.items[s.code];
    if (!f) continue;
    const explained = (filling.notes[s.code] ?? "") !== "";
    if (s.self < s.max && !explained)
      push("警告", "V4", f.note.ref, MSG.deductionUnexplained(s.code, s.title, s.max - s.self));
    if (s.review !== null && Math.abs(s.self - s.review) > rubric.reviewDeltaLimit && !explained)
      push(
        "警告",
        "V25",
        f.note.ref,
        MSG.reviewUnexplained(s.code, s.self, s.review, rubric.reviewDeltaLimit)
      );
  }
  for (const [stage, pick] of [
    ["审核", (i: Assessment["items"][number]) => i.review],
    ["抽验", (i: Assessment["items"][number]) => i.sample],
  ] as const) {
    const present = a.items.filter((i) => pick(i) !== null);
    if (present.length > 0 && present.length < a.items.length) {
      const missing = a.items.filter((i) => pick(i) === null).map((i) => i.code);
      const first = found.items[missing[0] ?? ""];
      push(
        "警告",
        "V25",
        first ? (stage === "审核" ? first.review.ref : first.sample.ref) : undefined,
        MSG.reviewPartial(stage, missing)
      );
    }
  }
}
