import { parseRef } from "../../sheet/address";
import type { CellSpec, CellStyle, SheetSpec } from "../../sheet/spec";
import { rangeText, type Rect } from "../../sheet/range";
import { BLOCK_BYTES, gridValue, jsonBytes, requestBytes, type GridValue } from "./plan";

// A sheet's cells walked row by row, top to bottom, as the renderer sends them: row blocks of one
// formulas grid and the rectangles of each style. The walks are generators that stop at a
// CHECKPOINT every few rows, so the renderer can give the pane the thread back while a
// 1,000-branch 明细 (80,000 rows) is worked out, instead of planning it in one task.

/** Yielded between rows: a moment at which the caller may yield to the event loop. */
export const CHECKPOINT: unique symbol = Symbol("checkpoint");
export type Checkpoint = typeof CHECKPOINT;

/** Rows walked between two checkpoints. */
const ROWS_PER_CHECKPOINT = 64;

/** A block of whole rows of the sheet's grid, written with one `formulas` assignment. */
export interface ValueBlock {
  readonly address: string;
  readonly rows: readonly (readonly GridValue[])[];
  /** The number formats of the same cells (null: left as it is), when any cell of the sheet has one. */
  readonly formats?: readonly (readonly (string | null)[])[];
  /** The block's share of a request, in bytes. */
  readonly bytes: number;
}

/** office.js sends a grid of more cells than this as several sub-range assignments. */
const OFFICE_SLICE_CELLS = 1_500;

/** One row of a sheet: its 0-based index and its cells with their 0-based columns. */
interface PlacedRow {
  readonly row: number;
  readonly cells: readonly { readonly col: number; readonly cell: CellSpec }[];
}

/** The last row and column that any cell of the sheet (its blocks included) may occupy, -1 when empty. */
function extent(sheet: SheetSpec): { lastRow: number; lastCol: number } {
  let lastRow = -1;
  let lastCol = -1;
  for (const cell of sheet.cells) {
    const at = parseRef(cell.ref);
    if (!at) continue;
    lastRow = Math.max(lastRow, at.row);
    lastCol = Math.max(lastCol, at.col);
  }
  for (const block of sheet.blocks ?? []) {
    if (block.rowCount === 0) continue;
    lastRow = Math.max(lastRow, block.row + block.rowCount - 1);
    lastCol = Math.max(lastCol, block.col + block.styles.length - 1);
  }
  return { lastRow, lastCol };
}

/**
 * The sheet's rows that hold cells, in order, with a checkpoint every few rows. A block's cells
 * are placed by number: making and re-parsing an A1 reference for each of a 1,000-branch 明细's
 * million cells was most of the time the plan took.
 */
function* placedRows(sheet: SheetSpec): Generator<PlacedRow | Checkpoint> {
  const loose = new Map<number, { col: number; cell: CellSpec }[]>();
  for (const cell of sheet.cells) {
    const at = parseRef(cell.ref);
    if (!at) continue;
    const row = loose.get(at.row) ?? [];
    row.push({ col: at.col, cell });
    loose.set(at.row, row);
  }
  const blocks = sheet.blocks ?? [];
  const { lastRow } = extent(sheet);
  for (let r = 0; r <= lastRow; r++) {
    if (r % ROWS_PER_CHECKPOINT === ROWS_PER_CHECKPOINT - 1) yield CHECKPOINT;
    const cells = [...(loose.get(r) ?? [])];
    for (const block of blocks) {
      if (r < block.row || r >= block.row + block.rowCount) continue;
      const { values } = block.rowAt(r - block.row);
      for (let c = 0; c < values.length; c++) {
        const value = values[c] ?? null;
        const style = block.styles[c];
        const cell = style === undefined ? { ref: "", value } : { ref: "", value, style };
        cells.push({ col: block.col + c, cell });
      }
    }
    if (cells.length > 0) yield { row: r, cells };
  }
}

/**
 * The sheet's cells as row blocks of one grid from A1, each block under `maxBytes`, made as they
 * are asked for. Number formats (the styles' `numFmt`) travel in a parallel grid, null where a cell
 * has none, as Range.numberFormat takes them: one assignment per block instead of one per styled
 * rectangle.
 */
export function* valueBlocks(
  sheet: SheetSpec,
  styles: Readonly<Record<string, CellStyle>> = {},
  maxBytes: number = BLOCK_BYTES
): Generator<ValueBlock | Checkpoint> {
  const { lastCol } = extent(sheet);
  // Whether any cell has a number format decides the shape of every block: found before the first.
  const formatted = (style: string | undefined): boolean =>
    style !== undefined && Boolean(styles[style]?.numFmt);
  const anyFormat =
    sheet.cells.some((c) => formatted(c.style)) ||
    (sheet.blocks ?? []).some((b) => b.styles.some(formatted));
  const grids = anyFormat ? 2 : 1;
  let rows: GridValue[][] = [];
  let formats: (string | null)[][] = [];
  let top = 0;
  let bytes = 0;
  const flush = (): ValueBlock => {
    const rect = { top, left: 0, bottom: top + rows.length - 1, right: lastCol };
    // office.js itself splits a grid into sub-ranges of 1,500 cells (getRow…getBoundingRect each).
    const slices = grids * Math.ceil((rows.length * (lastCol + 1)) / OFFICE_SLICE_CELLS);
    const block: ValueBlock = {
      address: rangeText(rect),
      rows,
      ...(anyFormat && { formats }),
      bytes:
        bytes +
        requestBytes({ actions: grids + 3 * slices, objects: 1 + 2 * slices, payloadBytes: 0 }),
    };
    top += rows.length;
    rows = [];
    formats = [];
    bytes = 0;
    return block;
  };
  const empty = jsonBytes(new Array<null>(lastCol + 1).fill(null)) + 1;
  const add = (row: GridValue[], format: (string | null)[], size: number): ValueBlock | null => {
    const full = rows.length > 0 && bytes + size > maxBytes ? flush() : null;
    rows.push(row);
    formats.push(format);
    bytes += size;
    return full;
  };
  let next = 0;
  for (const placed of placedRows(sheet)) {
    if (placed === CHECKPOINT) {
      yield CHECKPOINT;
      continue;
    }
    // Rows without cells in between: empty rows of the grid.
    for (; next < placed.row; next++) {
      const full = add(
        new Array<GridValue>(lastCol + 1).fill(null),
        new Array<string | null>(lastCol + 1).fill(null),
        empty * grids
      );
      if (full) yield full;
    }
    const row = new Array<GridValue>(lastCol + 1).fill(null);
    const format = new Array<string | null>(lastCol + 1).fill(null);
    for (const { col, cell } of placed.cells) {
      row[col] = gridValue(cell);
      format[col] = (cell.style !== undefined && styles[cell.style]?.numFmt) || null;
    }
    const size = jsonBytes(row) + 1 + (anyFormat ? jsonBytes(format) + 1 : 0);
    const full = add(row, format, size);
    if (full) yield full;
    next = placed.row + 1;
  }
  if (rows.length > 0) yield flush();
}

/**
 * Rectangles grown row by row (rows in increasing order): runs along each row, each merged with
 * the equal run on the row just above.
 */
class Rectangles {
  private open = new Map<string, Rect>();
  private readonly done: Rect[] = [];

  row(row: number, columns: readonly number[]): void {
    if (columns.length === 0) {
      if (this.open.size > 0) this.end();
      return;
    }
    const cols = [...new Set(columns)].sort((a, b) => a - b);
    const next = new Map<string, Rect>();
    let run: [number, number] | null = null;
    const close = (): void => {
      if (!run) return;
      const [left, right] = run;
      const key = `${left}:${right}`;
      const above = this.open.get(key);
      if (above && above.bottom === row - 1) {
        next.set(key, { ...above, bottom: row });
        this.open.delete(key);
      } else next.set(key, { top: row, left, bottom: row, right });
    };
    for (const c of cols) {
      if (run && c === run[1] + 1) run[1] = c;
      else {
        close();
        run = [c, c];
      }
    }
    close();
    this.end();
    this.open = next;
  }

  /** Closes the rectangles still open: the row below does not continue them. */
  private end(): void {
    for (const rect of this.open.values()) this.done.push(rect);
    this.open = new Map();
  }

  all(): Rect[] {
    return [...this.done, ...this.open.values()].sort((a, b) => a.top - b.top || a.left - b.left);
  }
}

/** Every named style of a sheet with the rectangles of the cells that use it (the generator's return value). */
export function* styleAreas(sheet: SheetSpec): Generator<Checkpoint, Map<string, Rect[]>> {
  const byStyle = new Map<string, Rectangles>();
  const cols = new Map<string, number[]>();
  for (const placed of placedRows(sheet)) {
    if (placed === CHECKPOINT) {
      yield CHECKPOINT;
      continue;
    }
    cols.clear();
    for (const { col, cell } of placed.cells) {
      if (cell.style === undefined) continue;
      const list = cols.get(cell.style);
      if (list) list.push(col);
      else cols.set(cell.style, [col]);
    }
    for (const [style, list] of cols) {
      let rects = byStyle.get(style);
      if (!rects) byStyle.set(style, (rects = new Rectangles()));
      rects.row(placed.row, list);
    }
    // A style absent from this row ends its open rectangles.
    for (const [style, rects] of byStyle) if (!cols.has(style)) rects.row(placed.row, []);
  }
  return new Map([...byStyle].map(([style, rects]) => [style, rects.all()]));
}

/** Row heights in points by 1-based row: the sheet's own and those its blocks carry. */
export function* rowHeightsOf(sheet: SheetSpec): Generator<Checkpoint, [number, number][]> {
  const heights = new Map(
    Object.entries(sheet.rowHeights ?? {}).map(([row, h]) => [Number(row), h])
  );
  for (const block of sheet.blocks ?? [])
    for (let i = 0; i < block.rowCount; i++) {
      if (i % (ROWS_PER_CHECKPOINT * 16) === 0) yield CHECKPOINT;
      const { height } = block.rowAt(i);
      if (height !== undefined) heights.set(block.row + i + 1, height);
    }
  return [...heights];
}
