import { cellRef, parseRef } from "../../sheet/address";
import { isFormulaCell, type CellSpec, type CellStyle } from "../../sheet/spec";

// What the Office.js renderer sends, worked out without Office: the size of each piece of the
// request, cells as `Range.formulas` takes them, address lists, widths and moved formulas.
// grid.ts walks a sheet's cells into row blocks and style rectangles.

/** One cell as written through `Range.formulas`. */
export type GridValue = string | number | boolean | null;

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
