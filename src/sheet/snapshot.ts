/** A spreadsheet error value as stored in a cell, e.g. "#DIV/0!". */
export interface CellError {
  readonly error: string;
}

/** What a cell holds: text, number, boolean, an error, or nothing. Dates arrive as serial numbers. */
export type CellValue = string | number | boolean | CellError | null;

/** One cell as read: its value (for a formula, the cached result) and its formula text without "=". */
export interface SnapshotCell {
  readonly v: CellValue;
  readonly f?: string;
}

/** One worksheet as a sparse 2-D array: rows[r][c], both 0-based (A1 is rows[0][0]). */
export interface SheetSnapshot {
  readonly name: string;
  readonly hidden: boolean;
  readonly rows: ReadonlyArray<ReadonlyArray<SnapshotCell | undefined> | undefined>;
}

/** A workbook as plain data: the seam between every reader (file or open workbook) and the core. */
export interface WorkbookSnapshot {
  readonly sheets: readonly SheetSnapshot[];
}

/** True when a cell value is an error value. */
export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}
