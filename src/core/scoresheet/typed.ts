import { cellRef } from "../../sheet/address";
import { isCellError, type CellValue } from "../../sheet/snapshot";
import type { Rubric } from "../rubric/rubric";
import type { TypedFilling, TypedValue } from "./fill";
import type { HeaderKey } from "./header";
import { COL, headerRef, layoutTemplate } from "./layout";
import type { Found, FoundScoresheet } from "./locate";
import type { Filling } from "../scoring/filling";
import { displayText } from "../readings";

/** What a branch typed, cell by cell as it arrived, and where its cells sit on the official template. */
export interface TypedCells {
  /** The typed values, unread: "十个月" stays "十个月"; a blank 说明, 审核 or 抽验 cell is left out. */
  readonly filling: TypedFilling;
  /** Where the branch's sheet differs from the template (rows inserted, say): its cell → the template's. */
  readonly moved: Readonly<Record<string, string>>;
}

const typedValue = (v: CellValue): TypedValue => (isCellError(v) ? v.error : v);

/** The input cells of a located scoresheet as the branch typed them, and the cells that moved. */
export function typedCellsOf(found: FoundScoresheet, rubric: Rubric): TypedCells {
  const layout = layoutTemplate(rubric);
  const moved: Record<string, string> = {};
  const at = (f: Found, ref: string): TypedValue => {
    if (f.ref !== ref) moved[f.ref] = ref;
    return typedValue(f.v);
  };
  const header: Partial<Record<HeaderKey, TypedValue>> = {};
  for (const [key, f] of Object.entries(found.header) as [HeaderKey, Found][])
    header[key] = at(f, headerRef(layout, key));
  const entries: Record<string, TypedValue> = {};
  for (const [key, f] of Object.entries(found.slots)) {
    const row = layout.slotRow.get(key);
    if (row !== undefined) entries[key] = at(f, cellRef(row, COL.entry));
  }
  const notes: Record<string, TypedValue> = {};
  const reviews: Record<string, TypedValue> = {};
  const samples: Record<string, TypedValue> = {};
  for (const [code, item] of Object.entries(found.items)) {
    const row = layout.itemRow.get(code);
    if (row === undefined) continue;
    // Blank is what the template holds there: only what was typed is kept (most rows have none, and
    // 5,000 branches' blanks were megabytes of a consolidation's memory).
    const keep = (into: Record<string, TypedValue>, f: Found, col: number): void => {
      const v = at(f, cellRef(row, col));
      if (v !== null) into[code] = v;
    };
    keep(notes, item.note, COL.note);
    keep(reviews, item.review, COL.review);
    keep(samples, item.sample, COL.sample);
    for (const [f, col] of [
      [item.max, COL.max],
      [item.self, COL.self],
      [item.final, COL.final],
    ] as const)
      at(f, cellRef(row, col));
  }
  const stages = (f: { self: Found; final: Found } | undefined, row: number): void => {
    if (f)
      for (const [c, col] of [
        [f.self, COL.self],
        [f.final, COL.final],
      ] as const)
        at(c, cellRef(row, col));
  };
  for (const [code, f] of Object.entries(found.sections)) {
    const row = layout.sectionRow.get(code);
    if (row !== undefined) stages(f, row);
  }
  stages(found.total, layout.totalRow);
  if (found.tiers.self) at(found.tiers.self, cellRef(layout.result.selfTier, COL.standard));
  if (found.tiers.final) at(found.tiers.final, cellRef(layout.result.finalTier, COL.standard));
  const vetoes: Record<string, TypedValue> = {};
  for (const { row, veto } of layout.vetoRows) {
    const f = found.vetoes[veto.code];
    if (f) vetoes[veto.code] = at(f, cellRef(row, COL.entry));
  }
  return { filling: { header, entries, notes, reviews, samples, vetoes }, moved };
}

/**
 * What the branch typed that could not be read at all ("八分", "十五"), by header key, slot key or
 * veto code: the reading holds nothing there, and a report that showed a blank would lose it.
 */
export function unreadEntries(found: FoundScoresheet, filling: Filling): Record<string, string> {
  const out: Record<string, string> = {};
  const keep = (key: string, f: Found | undefined, read: unknown): void => {
    if (!f || (read !== null && read !== undefined)) return;
    const text = displayText(f.v).trim();
    if (text !== "") out[key] = text;
  };
  for (const [key, f] of Object.entries(found.header) as [HeaderKey, Found][])
    keep(key, f, filling.header[key]);
  for (const [key, f] of Object.entries(found.slots)) keep(key, f, filling.entries[key]);
  for (const [code, f] of Object.entries(found.vetoes)) keep(code, f, filling.vetoes[code]);
  return out;
}
