/* global Excel */
// Reading the open workbook: its sheet list and the used ranges of named sheets, as WorkbookSnapshots.
import type { WorkbookSnapshot } from "../../sheet/snapshot";
import { cellRef } from "../../sheet/address";
import { sheetFromUsedRange } from "./used-range";

/** A sheet of the open workbook. */
export interface SheetInfo {
  readonly name: string;
  readonly hidden: boolean;
}

/** The sheets of the open workbook, in tab order. */
export async function listSheets(): Promise<SheetInfo[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    await context.sync();
    return sheets.items.map((s) => ({ name: s.name, hidden: s.visibility !== "Visible" }));
  });
}

/** What a read loads besides values: formulas and value types, for the sheets whose formulas are checked. */
export interface ReadOptions {
  readonly formulas?: boolean;
}

/** Cells one request may read: Excel refuses 5 million; a fifth of that keeps responses small too. */
export const READ_CELLS_PER_REQUEST = 1_000_000;
/** What one response should carry, well under the 5 MB Excel on the web allows. */
export const READ_RESPONSE_BYTES = 2 * 1024 * 1024;
/** The first guess of a cell's size in a response, before the first block has been measured. */
const FIRST_GUESS_BYTES_PER_CELL = 64;

/**
 * Reads the named sheets into a snapshot: first which of them exist and how large their used
 * ranges are, then the cells in row blocks whose responses stay under READ_RESPONSE_BYTES (each
 * block measured, the next sized by it) and READ_CELLS_PER_REQUEST. Absent sheets are left out.
 * A sheet that vanishes meanwhile (ItemNotFound, e.g. a coauthor deleted it) restarts the read
 * once; any other error is the caller's to show.
 */
export async function readSheets(
  names: readonly string[],
  options: ReadOptions = {}
): Promise<WorkbookSnapshot> {
  try {
    return await readOnce(names, options);
  } catch (e) {
    if (!isItemNotFound(e)) throw e;
    return readOnce(names, options);
  }
}

function isItemNotFound(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "ItemNotFound";
}

interface SheetRead {
  readonly name: string;
  readonly hidden: boolean;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
  readonly worksheet: Excel.Worksheet;
  next: number;
  readonly values: unknown[][];
  readonly formulas: unknown[][];
  readonly valueTypes: string[][];
}

async function readOnce(names: readonly string[], options: ReadOptions): Promise<WorkbookSnapshot> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    await context.sync();
    const present = sheets.items.filter((s) => names.includes(s.name));
    const used = present.map((s) => {
      const range = s.getUsedRangeOrNullObject();
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      return range;
    });
    await context.sync();
    const reads: SheetRead[] = present.map((s, i) => {
      const range = used[i];
      const empty = !range || range.isNullObject;
      return {
        name: s.name,
        hidden: s.visibility !== "Visible",
        top: empty ? 0 : range.rowIndex,
        left: empty ? 0 : range.columnIndex,
        rows: empty ? 0 : range.rowCount,
        columns: empty ? 0 : range.columnCount,
        worksheet: s,
        next: 0,
        values: [],
        formulas: [],
        valueTypes: [],
      };
    });
    await readBlocks(context, reads, options);
    return {
      sheets: reads.map((r) =>
        sheetFromUsedRange(
          r.name,
          r.hidden,
          r.rows === 0
            ? null
            : {
                address: `${cellRef(r.top, r.left)}:${cellRef(r.top + r.rows - 1, r.left + r.columns - 1)}`,
                values: r.values,
                formulas: options.formulas ? r.formulas : r.values,
                ...(options.formulas && { valueTypes: r.valueTypes }),
              }
        )
      ),
    };
  });
}

/** The used ranges' cells, a request at a time, each sized by what the previous one measured. */
async function readBlocks(
  context: Excel.RequestContext,
  reads: readonly SheetRead[],
  options: ReadOptions
): Promise<void> {
  let bytesPerCell = FIRST_GUESS_BYTES_PER_CELL * (options.formulas ? 3 : 1);
  for (;;) {
    const cellBudget = Math.max(
      1,
      Math.min(READ_CELLS_PER_REQUEST, Math.floor(READ_RESPONSE_BYTES / bytesPerCell))
    );
    let cells = 0;
    const blocks: { read: SheetRead; range: Excel.Range; rows: number }[] = [];
    for (const read of reads) {
      while (read.next < read.rows && cells < cellBudget) {
        const rows = Math.max(
          1,
          Math.min(read.rows - read.next, Math.floor((cellBudget - cells) / read.columns))
        );
        if (cells > 0 && cells + rows * read.columns > cellBudget) break;
        const range = read.worksheet.getRangeByIndexes(
          read.top + read.next,
          read.left,
          rows,
          read.columns
        );
        if (options.formulas) range.load("values,formulas,valueTypes");
        else range.load("values");
        blocks.push({ read, range, rows });
        read.next += rows;
        cells += rows * read.columns;
      }
      if (cells >= cellBudget) break;
    }
    if (blocks.length === 0) return;
    // One sync per block of rows is the point: one response for the whole sheet could pass 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    let bytes = 0;
    for (const { read, range } of blocks) {
      read.values.push(...range.values);
      bytes += JSON.stringify(range.values).length;
      if (options.formulas) {
        read.formulas.push(...range.formulas);
        read.valueTypes.push(...range.valueTypes);
        bytes += JSON.stringify(range.formulas).length + JSON.stringify(range.valueTypes).length;
      }
    }
    // UTF-8 of Chinese text is up to three bytes a character: measure generously.
    bytesPerCell = Math.max(4, (bytes * 3) / cells);
  }
}

/** Activates a sheet and selects one cell (the cell of an issue the user clicked). */
export async function selectCell(sheetName: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}
