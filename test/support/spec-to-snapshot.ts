import {
  allCells,
  isFormulaCell,
  parseRef,
  type SheetSnapshot,
  type SheetSpec,
  type SnapshotCell,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "../../src/core";

/** The snapshot a reader would make of a sheet description, without a file: values as written, formulas with their cached result. */
export function snapshotOf(sheet: SheetSpec): SheetSnapshot {
  const rows: (SnapshotCell | undefined)[][] = [];
  for (const cell of allCells(sheet)) {
    const at = parseRef(cell.ref);
    if (!at) throw new Error(`bad cell reference ${cell.ref}`);
    const row = (rows[at.row] ??= []);
    row[at.col] = isFormulaCell(cell)
      ? { v: cell.result ?? null, f: cell.formula }
      : { v: cell.value };
  }
  return { name: sheet.name, hidden: sheet.state !== "visible", rows };
}

/** The snapshot of every sheet of a workbook description. */
export function specToSnapshot(book: WorkbookSpec): WorkbookSnapshot {
  return { sheets: book.sheets.map(snapshotOf) };
}
