import { cellRef } from "../../sheet/address";
import type { BranchRow, Consolidation } from "../consolidation/model";
import type { Entry } from "../scoring/filling";
import { STAR_CHOICES } from "../scoresheet/header";
import { SheetBuilder } from "../../sheet/builder";
import type { BlockRow } from "../../sheet/spec";
import { STYLES } from "../styles";

// What the report sheets share: sheet names, column tables, the branch order, print setup.

/** The report's sheet names, in workbook order. */
export const REPORT_SHEETS = {
  summary: "汇总表",
  detail: "明细",
  issues: "问题清单",
  stats: "统计",
  recommend: "推荐名单",
  publicity: "公示名单",
  sample: "抽验名单",
  work: "工作情况",
} as const;

/** The hidden column that carries a branch's identity, read back when a report is consolidated again. */
export const KEY_HEADER = "_key";

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

/** The branches that submitted this round (a vanished one is only remembered from the previous report). */
export function presentBranches(c: Consolidation): BranchRow[] {
  return c.branches.filter((b) => !b.vanished);
}

/** By 所属党委, then final score (best first), then key, so the order never depends on input order. */
export function byCommitteeThenScore(a: BranchRow, b: BranchRow): number {
  const ca = a.header.committee ?? "";
  const cb = b.header.committee ?? "";
  return (
    ca.localeCompare(cb, "zh-CN") ||
    b.totals.final - a.totals.final ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Points for a row whose wrapped cells hold these texts: Excel and LibreOffice never grow a row written with no height. */
export function fitHeight(
  cells: readonly { readonly text: string; readonly width: number; readonly size?: number }[],
  min = 18
): number {
  const lines = cells.map(({ text, width, size = 10 }) => {
    // A column-width unit is one digit of the 11 pt default font; a CJK character at 10 pt is about 1.9 units.
    const wide = 1.9 * (size / 10);
    const room = Math.max(1, width - 0.8);
    // Most cells are short: skip measuring what fits even if every character were wide (明细 has ~80 rows a branch).
    if (text.length * wide <= room) return 1;
    let units = 0;
    for (let i = 0; i < text.length; i++) units += text.charCodeAt(i) < 0x2e80 ? wide / 2 : wide;
    return Math.max(1, Math.ceil(units / room));
  });
  const size = Math.max(10, ...cells.map((c) => c.size ?? 10));
  return Math.max(min, Math.ceil(Math.max(1, ...lines) * size * 1.35 + 4));
}

/** A full-width space: printed Chinese forms leave room for handwriting and indent paragraphs with them. */
export const GAP = "\u3000";

/** "2019年  月  日" (full-width gaps), the day and month left to write by hand; the year too when not given. */
export function dateLine(year?: number): string {
  return `${year ?? GAP.repeat(4)}年${GAP.repeat(2)}月${GAP.repeat(2)}日`;
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

/** A table row's values and the height that fits its wrapped text (hidden columns don't count). */
export function fittedRow(
  values: readonly (string | number | null)[],
  styles: readonly string[],
  columns: readonly ReportColumn[]
): BlockRow {
  const texts: { text: string; width: number; size?: number }[] = [];
  values.forEach((value, col) => {
    const column = columns[col];
    if (typeof value === "string" && column && !column.hidden) {
      const size = STYLES[styles[col] ?? ""]?.font?.size;
      texts.push(
        size === undefined
          ? { text: value, width: column.width }
          : { text: value, width: column.width, size }
      );
    }
  });
  // Empty text is written as an empty cell, so filters offer (空白) rather than "".
  return { values: values.map((v) => (v === "" ? null : v)), height: fitHeight(texts) };
}

/** 星级 as the form writes it: 5 → "五星", 0 → "未评", unknown → "". */
export function starsText(stars: number | null): string {
  return stars !== null && Number.isInteger(stars) && stars >= 0 && stars <= 5
    ? (STAR_CHOICES[5 - stars] ?? "")
    : "";
}

/** An entry as the scoresheet shows it: a number, 是/否, 不适用, a ladder word, or blank. */
export function entryValue(entry: Entry | undefined): string | number | null {
  if (entry === undefined || entry === null) return null;
  if (typeof entry === "boolean") return entry ? "是" : "否";
  return entry;
}

/** A file's name without its folders: what a committee recognises (the JSON summary keeps the full path). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
