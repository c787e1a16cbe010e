import { cellRef } from "../../sheet/address";
import type { HeaderKey } from "./header";
import type { Rubric } from "../rubric/rubric";
import type { CellSpec, SheetSpec, WorkbookSpec } from "../../sheet/spec";
import { COL, headerRef, layoutTemplate, SCORESHEET } from "./layout";

/** A value as a person typed it into a cell (text stays text: "8分" is a string). */
export type TypedValue = string | number | boolean | null;

/** What a person typed into a scoresheet's input cells, by field: the input to `fillTemplate`. */
export interface TypedFilling {
  readonly header: Partial<Record<HeaderKey, TypedValue>>;
  /** By slot key (item code, or "A2.1" for a sub-row). */
  readonly entries: Readonly<Record<string, TypedValue>>;
  readonly reviews?: Readonly<Record<string, TypedValue>>;
  readonly samples?: Readonly<Record<string, TypedValue>>;
  readonly notes?: Readonly<Record<string, TypedValue>>;
  readonly vetoes: Readonly<Record<string, TypedValue>>;
}

/** The template with a branch's typed values in its input cells, as a person filling it in Excel would leave it. */
export function fillTemplate(
  template: WorkbookSpec,
  rubric: Rubric,
  typed: TypedFilling
): WorkbookSpec {
  const layout = layoutTemplate(rubric);
  const values = new Map<string, TypedValue>();
  for (const [key, v] of Object.entries(typed.header))
    values.set(headerRef(layout, key as HeaderKey), v ?? null);
  for (const [key, v] of Object.entries(typed.entries)) {
    const row = layout.slotRow.get(key);
    if (row !== undefined) values.set(cellRef(row, COL.entry), v);
  }
  const perItem = (record: Readonly<Record<string, TypedValue>> | undefined, col: number): void => {
    for (const [code, v] of Object.entries(record ?? {})) {
      const row = layout.itemRow.get(code);
      if (row !== undefined) values.set(cellRef(row, col), v);
    }
  };
  perItem(typed.reviews, COL.review);
  perItem(typed.samples, COL.sample);
  perItem(typed.notes, COL.note);
  for (const { row, veto } of layout.vetoRows) {
    const v = typed.vetoes[veto.code];
    if (v !== undefined) values.set(cellRef(row, COL.entry), v);
  }
  const fill = (sheet: SheetSpec): SheetSpec => {
    if (sheet.name !== SCORESHEET) return sheet;
    const cells = sheet.cells.map((c): CellSpec => {
      if (!values.has(c.ref)) return c;
      const value = values.get(c.ref) ?? null;
      return c.style === undefined ? { ref: c.ref, value } : { ref: c.ref, value, style: c.style };
    });
    return { ...sheet, cells };
  };
  return { ...template, sheets: template.sheets.map(fill) };
}
