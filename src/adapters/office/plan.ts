import { cellRef, parseRef } from "../../sheet/address";
import { isFormulaCell, type CellSpec, type CellStyle, type SheetSpec } from "../../sheet/spec";
import { rangeText, type Rect } from "../../sheet/range";

// What the Office.js renderer sends, worked out without Office: the cells as row blocks of one
// formulas grid, the styled cells as rectangles, and the size of each piece of the request.

/** One cell as written through `Range.formulas`. */
export type GridValue = string | number | boolean | null;

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

/** Excel on the web refuses a request above 5 MB. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/** What one batch may carry by the measure below: the limit less room for the request's own framing. */
export const BATCH_BUDGET_BYTES = 4 * 1024 * 1024;
/** A values block stays well below the budget, so blocks and formats pack into batches easily. */
export const BLOCK_BYTES = 1024 * 1024;

// The measure, taken from office.js's own serializer (test/adapters/office/serializer.test.ts checks
// it against every request): each action is its own JSON object of about 60–150 bytes (id, type,
// name, object path id, arguments, the "L" list of paths it needs), and each object it touches
// (a range, its format, font, fill, a border) adds an object path plus an instantiate action and,
// for ranges, a _KeepReference action: about 250 bytes. The figures round up.
/** Bytes of one action besides its arguments. */
export const ACTION_BYTES = 150;
/** Bytes of one object path with the actions that create and keep it. */
export const OBJECT_BYTES = 300;

/** What a piece of work adds to a request: its actions, the objects it touches and its arguments. */
export interface RequestCost {
  readonly actions: number;
  readonly objects: number;
  /** The arguments it sends (values, formats, rule texts), in UTF-8 JSON bytes. */
  readonly payloadBytes: number;
}

/** The bytes a piece of work adds to a request, by the measure above. */
export function requestBytes(cost: RequestCost): number {
  return cost.actions * ACTION_BYTES + cost.objects * OBJECT_BYTES + cost.payloadBytes;
}

/** The actions and objects `applyStyle` queues for one style on one target (range or areas). */
export function styleCost(style: CellStyle, edges: number): RequestCost {
  const props = [
    true,
    true,
    style.font?.bold,
    style.font?.italic,
    style.font?.colour,
    style.fill,
    style.align?.horizontal,
    style.align?.vertical,
    style.align?.wrap,
    style.locked === false,
  ].filter(Boolean).length;
  // target, format, font, fill, borders, each border item, protection
  return {
    actions: props + edges,
    objects: 1 + 1 + 1 + (style.fill ? 1 : 0) + (edges > 0 ? 1 + edges : 0) + 1,
    payloadBytes: jsonBytes(style),
  };
}

/** getRanges takes one address string; office-js #5198 saw failures from about 500 areas or 8,000 characters. */
export const AREAS_ADDRESS_LIMIT = 2_000;
/** Areas per getRanges call, well under what Excel accepts. */
export const AREAS_PER_CALL = 200;

/** Addresses ("A1:B2", "3:5") joined into "A1:B2,D4" lists, each within getRanges's limits. */
export function areaAddresses(addresses: readonly string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const address of addresses) {
    if (
      current.length > 0 &&
      (current.length >= AREAS_PER_CALL || length + address.length + 1 > AREAS_ADDRESS_LIMIT)
    ) {
      out.push(current.join(","));
      current = [];
      length = 0;
    }
    current.push(address);
    length += address.length + 1;
  }
  if (current.length > 0) out.push(current.join(","));
  return out;
}

const utf8 = new TextEncoder();

/** The UTF-8 size of a value sent as JSON. */
export function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value) ?? "").length;
}

/**
 * A cell as `Range.formulas` takes it: "=…" for a formula, text behind a leading apostrophe so
 * Excel keeps it as typed ("=1+1", "0012", "1/2", "TRUE" stay text), numbers and booleans as they are.
 */
export function gridValue(cell: CellSpec): GridValue {
  if (isFormulaCell(cell)) return `=${cell.formula}`;
  const v = cell.value;
  if (typeof v === "string") return v === "" ? null : `'${v}`;
  return v;
}

/**
 * The sheet's cells as row blocks of one grid from A1, each block under `maxBytes`. Number formats
 * (the styles' `numFmt`) travel in a parallel grid, null where a cell has none, as Range.numberFormat
 * takes them: one assignment per block instead of one per styled rectangle.
 */
export function valueBlocks(
  sheet: SheetSpec,
  styles: Readonly<Record<string, CellStyle>> = {},
  maxBytes: number = BLOCK_BYTES
): ValueBlock[] {
  const byRow = new Map<number, { col: number; value: GridValue; format: string | null }[]>();
  let lastRow = -1;
  let lastCol = -1;
  let anyFormat = false;
  for (const { at, cell } of placedCells(sheet)) {
    const value = gridValue(cell);
    const format = (cell.style !== undefined && styles[cell.style]?.numFmt) || null;
    if (value === null && format === null) continue;
    anyFormat ||= format !== null;
    const row = byRow.get(at.row) ?? [];
    row.push({ col: at.col, value, format });
    byRow.set(at.row, row);
    lastRow = Math.max(lastRow, at.row);
    lastCol = Math.max(lastCol, at.col);
  }
  const blocks: ValueBlock[] = [];
  let rows: GridValue[][] = [];
  let formats: (string | null)[][] = [];
  let top = 0;
  let bytes = 0;
  const flush = (): void => {
    if (rows.length === 0) return;
    const rect = { top, left: 0, bottom: top + rows.length - 1, right: lastCol };
    const grids = anyFormat ? 2 : 1;
    // office.js itself splits a grid into sub-ranges of 1,500 cells (getRow…getBoundingRect each).
    const slices = grids * Math.ceil((rows.length * (lastCol + 1)) / OFFICE_SLICE_CELLS);
    blocks.push({
      address: rangeText(rect),
      rows,
      ...(anyFormat && { formats }),
      bytes:
        bytes +
        requestBytes({ actions: grids + 3 * slices, objects: 1 + 2 * slices, payloadBytes: 0 }),
    });
    top += rows.length;
    rows = [];
    formats = [];
    bytes = 0;
  };
  for (let r = 0; r <= lastRow; r++) {
    const row: GridValue[] = new Array<GridValue>(lastCol + 1).fill(null);
    const format: (string | null)[] = new Array<string | null>(lastCol + 1).fill(null);
    for (const cell of byRow.get(r) ?? []) {
      row[cell.col] = cell.value;
      format[cell.col] = cell.format;
    }
    const size = jsonBytes(row) + 1 + (anyFormat ? jsonBytes(format) + 1 : 0);
    if (rows.length > 0 && bytes + size > maxBytes) flush();
    rows.push(row);
    formats.push(format);
    bytes += size;
  }
  flush();
  return blocks;
}

/**
 * Every cell of a sheet with its 0-based position. Like `allCells`, but a block's cells are placed
 * by number: making and re-parsing an A1 reference for each of a 1,000-branch 明细's million cells
 * was most of the time the plan took.
 */
function* placedCells(
  sheet: SheetSpec
): Generator<{ readonly at: { row: number; col: number }; readonly cell: CellSpec }> {
  for (const cell of sheet.cells) {
    const at = parseRef(cell.ref);
    if (at) yield { at, cell };
  }
  for (const block of sheet.blocks ?? [])
    for (let r = 0; r < block.rowCount; r++) {
      const { values } = block.rowAt(r);
      for (let c = 0; c < values.length; c++) {
        const value = values[c] ?? null;
        const style = block.styles[c];
        const at = { row: block.row + r, col: block.col + c };
        yield { at, cell: style === undefined ? { ref: "", value } : { ref: "", value, style } };
      }
    }
}

/** Cells gathered into rectangles: runs along each row, then equal runs on consecutive rows merged. */
export function rectanglesOf(cells: readonly { row: number; col: number }[]): Rect[] {
  const rowsOf = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const cols = rowsOf.get(row);
    if (cols) cols.push(col);
    else rowsOf.set(row, [col]);
  }
  const open = new Map<string, Rect>();
  const done: Rect[] = [];
  for (const row of [...rowsOf.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(rowsOf.get(row))].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const c of cols) {
      const last = runs[runs.length - 1];
      if (last && c === last[1] + 1) last[1] = c;
      else runs.push([c, c]);
    }
    const next = new Map<string, Rect>();
    for (const [left, right] of runs) {
      const key = `${left}:${right}`;
      const above = open.get(key);
      if (above && above.bottom === row - 1) {
        next.set(key, { ...above, bottom: row });
        open.delete(key);
      } else next.set(key, { top: row, left, bottom: row, right });
    }
    done.push(...open.values());
    open.clear();
    for (const [k, v] of next) open.set(k, v);
  }
  done.push(...open.values());
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Every named style of a sheet with the rectangles of the cells that use it. */
export function styleAreas(sheet: SheetSpec): Map<string, Rect[]> {
  const cellsOf = new Map<string, { row: number; col: number }[]>();
  for (const { at, cell } of placedCells(sheet)) {
    if (cell.style === undefined) continue;
    const list = cellsOf.get(cell.style) ?? [];
    list.push(at);
    cellsOf.set(cell.style, list);
  }
  return new Map([...cellsOf].map(([style, cells]) => [style, rectanglesOf(cells)]));
}

/** Row heights in points by 1-based row: the sheet's own and those its blocks carry. */
export function rowHeightsOf(sheet: SheetSpec): [number, number][] {
  const heights = new Map(
    Object.entries(sheet.rowHeights ?? {}).map(([row, h]) => [Number(row), h])
  );
  for (const block of sheet.blocks ?? [])
    for (let i = 0; i < block.rowCount; i++) {
      const { height } = block.rowAt(i);
      if (height !== undefined) heights.set(block.row + i + 1, height);
    }
  return [...heights];
}

/** Equal neighbouring values gathered into runs: widths of columns A,B,C… or heights of rows. */
export function runsOf<T>(
  entries: readonly (readonly [number, T])[]
): { from: number; to: number; value: T }[] {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const runs: { from: number; to: number; value: T }[] = [];
  for (const [at, value] of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.to === at - 1 && last.value === value) last.to = at;
    else runs.push({ from: at, to: at, value });
  }
  return runs;
}

/** A column width in characters as Excel's points (one character ≈ 7 px at 96 dpi, plus padding). */
export function widthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/**
 * A formula moved by (rows, cols): relative references shift, "$" parts stay, text in quotes and
 * function names are left alone. Used to give each range of a multi-range rule its own formula.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  let out = "";
  const pattern = /"(?:[^"]|"")*"|(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![\w(])/g;
  let from = 0;
  for (let m = pattern.exec(formula); m; m = pattern.exec(formula)) {
    const [whole, colAbs, col = "", rowAbs, row = ""] = m;
    const before = m.index > 0 ? (formula[m.index - 1] ?? "") : "";
    out += formula.slice(from, m.index);
    from = m.index + whole.length;
    if (whole.startsWith('"') || /[\w.]/.test(before)) {
      out += whole;
      continue;
    }
    const at = parseRef(`${col}${row}`);
    if (!at) {
      out += whole;
      continue;
    }
    const r = rowAbs ? at.row : at.row + rows;
    const c = colAbs ? at.col : at.col + cols;
    const moved = cellRef(Math.max(0, r), Math.max(0, c));
    const [, letters = "", digits = ""] = /^([A-Z]+)(\d+)$/.exec(moved) ?? [];
    out += `${colAbs}${letters}${rowAbs}${digits}`;
  }
  return out + formula.slice(from);
}

/** A page footer "&Lleft&Cmiddle&Rright" split into its three sections. */
export function footerSections(footer: string): { left: string; center: string; right: string } {
  const out = { left: "", center: "", right: "" };
  let section: keyof typeof out = "center";
  for (const part of footer.split(/(&[LCR])/)) {
    if (part === "&L") section = "left";
    else if (part === "&C") section = "center";
    else if (part === "&R") section = "right";
    else out[section] += part;
  }
  return out;
}
