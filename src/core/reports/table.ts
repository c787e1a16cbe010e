import { cellRef } from "../../sheet/address";
import { SheetBuilder } from "../../sheet/builder";
import type { BlockRow } from "../../sheet/spec";
import { STYLES } from "../styles";

// How report tables are laid out: column tables, header rows, rows whose height fits their text.

/** One column of a report table: its header and width in characters. */
export interface ReportColumn {
  readonly header: string;
  readonly width: number;
  readonly hidden?: boolean;
}

/** A builder whose columns and header row (at 0-based `row`) come from a column table. */
export function tableBuilder(
  name: string,
  columns: readonly ReportColumn[],
  row = 0
): SheetBuilder {
  const b = new SheetBuilder(
    name,
    columns.map((c) => (c.hidden ? { width: c.width, hidden: true } : { width: c.width }))
  );
  columns.forEach((c, col) => b.value(row, col, c.header, "head"));
  return b.height(
    row,
    fitHeight(
      columns.filter((c) => !c.hidden).map((c) => ({ text: c.header, width: c.width })),
      30
    )
  );
}

/** The A1 range of a table from its header row to its last row (0-based, inclusive). */
export function tableRange(headerRow: number, lastRow: number, columns: number): string {
  return `${cellRef(headerRow, 0)}:${cellRef(Math.max(headerRow, lastRow), columns - 1)}`;
}

/** Points for a row whose wrapped cells hold these texts: Excel and LibreOffice never grow a row written with no height. */
export function fitHeight(
  cells: readonly { readonly text: string; readonly width: number; readonly size?: number }[],
  min = 18
): number {
  const fit = new RowFit();
  for (const cell of cells) fit.add(cell.text, cell.width, cell.size);
  return fit.height(min);
}

/** A row's wrapped text measured cell by cell: the most lines and the largest font size so far. */
class RowFit {
  private lines = 1;
  private size = 10;

  add(text: string, width: number, size?: number): void {
    this.lines = Math.max(this.lines, linesOf(text, width, size));
    this.size = Math.max(this.size, size ?? 10);
  }

  /** Points for the row, never below `min`. */
  height(min: number): number {
    return Math.max(min, Math.ceil(this.lines * this.size * 1.35 + 4));
  }
}

/** Lines a text wraps to in a column this wide, at this font size. */
function linesOf(text: string, width: number, size = 10): number {
  // A column-width unit is one digit of the 11 pt default font; a CJK character at 10 pt is about 1.9 units.
  const wide = 1.9 * (size / 10);
  const room = Math.max(1, width - 0.8);
  // Most cells are short: skip measuring what fits even if every character were wide (明细 has ~80 rows a branch).
  if (text.length * wide <= room) return 1;
  let units = 0;
  for (let i = 0; i < text.length; i++) units += text.charCodeAt(i) < 0x2e80 ? wide / 2 : wide;
  return Math.max(1, Math.ceil(units / room));
}

/** One cell of a table row: its value and style name. */
export type RowCell = readonly [string | number | null, string];

/** Writes a table row from column 0 and sets its height to fit its wrapped text. */
export function tableRow(
  b: SheetBuilder,
  row: number,
  cells: readonly RowCell[],
  columns: readonly ReportColumn[]
): void {
  const styles = cells.map(([, style]) => style);
  const { values, height } = fittedRow(
    cells.map(([value]) => value),
    styles,
    columns
  );
  b.tableRow(row, values, styles, height);
}

/**
 * A table row's values and the height that fits its wrapped text (hidden columns don't count).
 * Measured cell by cell as it goes: 明细 asks this of every one of its ~80 rows a branch.
 */
export function fittedRow(
  values: readonly (string | number | null)[],
  styles: readonly string[],
  columns: readonly ReportColumn[]
): BlockRow {
  const fit = new RowFit();
  values.forEach((value, col) => {
    const column = columns[col];
    if (typeof value === "string" && column && !column.hidden)
      fit.add(value, column.width, STYLES[styles[col] ?? ""]?.font?.size);
  });
  // Empty text is written as an empty cell, so filters offer (空白) rather than "".
  return { values: values.map((v) => (v === "" ? null : v)), height: fit.height(18) };
}

/** One cell of a form-like row: its value, the first and last column it spans, its style. */
export type Span = readonly [string | number | null, number, number, string];

/** Writes a row of cells spanning columns (merged), its height fitted to the wrapped text over each span's width. */
export function spannedRow(
  b: SheetBuilder,
  widths: readonly number[],
  row: number,
  spans: readonly Span[],
  min = 20
): void {
  for (const [value, from, to, style] of spans) {
    b.value(row, from, value, style);
    if (to > from) b.merge(row, from, row, to, style);
  }
  const width = (from: number, to: number): number =>
    widths.slice(from, to + 1).reduce((a, w) => a + w, 0);
  const texts = spans
    .filter(([v]) => typeof v === "string")
    .map(([v, from, to]) => ({ text: String(v), width: width(from, to) }));
  b.height(row, fitHeight(texts, min));
}
