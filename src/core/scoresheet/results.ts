import { cellRef } from "../../sheet/address";
import { isFormulaCell, type CellSpec, type SheetSpec } from "../../sheet/spec";
import type { Rubric } from "../rubric/rubric";
import type { Tier } from "../rubric/rubric";
import type { ItemScore, SectionScore, StageTotals } from "../scoring/score";
import { COL, layoutTemplate } from "./layout";

/** A 打分表's 党支部 and 所属党委 as its print title shows them. */
export interface TitleNames {
  readonly name: string;
  readonly committee: string;
}

/** The engine's figures for one scoresheet (what a BranchRow keeps of its Assessment). */
export interface ScoresheetResults {
  readonly items: readonly ItemScore[];
  readonly sections: readonly SectionScore[];
  readonly totals: StageTotals;
  readonly selfTier: Tier;
  readonly tier: Tier;
}

/**
 * The 打分表 with the engine's results as every formula's cached value: item, section and total
 * scores, the tiers, the print title. A viewer that does not calculate (a phone preview) shows them;
 * a spreadsheet recalculates on opening and gets the same, since the formulas are the engine's.
 */
export function withResults(
  sheet: SheetSpec,
  rubric: Rubric,
  a: ScoresheetResults,
  names: TitleNames
): SheetSpec {
  const layout = layoutTemplate(rubric);
  const results = new Map<string, string | number>();
  const stages = (row: number, s: StageTotals): void => {
    results.set(cellRef(row, COL.self), s.self);
    results.set(cellRef(row, COL.review), s.review ?? "");
    results.set(cellRef(row, COL.sample), s.sample ?? "");
    results.set(cellRef(row, COL.final), s.final);
  };
  for (const item of a.items) {
    const row = layout.itemRow.get(item.code);
    if (row === undefined) continue;
    results.set(cellRef(row, COL.self), item.self);
    results.set(cellRef(row, COL.final), item.final);
  }
  for (const s of a.sections) {
    const row = layout.sectionRow.get(s.code);
    if (row !== undefined) stages(row, s);
  }
  stages(layout.totalRow, a.totals);
  const r = layout.result;
  results.set(cellRef(r.selfTotal, COL.standard), a.totals.self);
  results.set(cellRef(r.finalTotal, COL.standard), a.totals.final);
  results.set(cellRef(r.selfTier, COL.standard), a.selfTier);
  results.set(cellRef(r.finalTier, COL.standard), a.tier);
  results.set(
    cellRef(layout.printTitleRow, 0),
    `党支部：${names.name}\u3000\u3000所属党委（党总支）：${names.committee}`
  );
  const cells = sheet.cells.map((c): CellSpec => {
    if (!isFormulaCell(c)) return c;
    const result = results.get(c.ref);
    // A formula the engine has no figure for is a layout change this code was not told about.
    if (result === undefined) throw new Error(`withResults: no result for formula cell ${c.ref}`);
    return { ...c, result };
  });
  return { ...sheet, cells };
}
