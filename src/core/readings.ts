import { STAR_CHOICES } from "./rubric/rubric";
import { isCellError, type CellValue } from "../sheet/snapshot";

/** How a value was interpreted when it was not already the plain type expected. */
export type ReadNote = "text" | "fullwidth" | "unit" | "spaces" | "symbol";

/** The outcome of reading a typed value from a cell: the value, or why there is none. */
export type Reading<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly notes: readonly ReadNote[];
      readonly text?: string;
    }
  | { readonly ok: false; readonly reason: "empty" | "invalid"; readonly text: string };

const UNITS = ["分", "次", "个", "项", "人", "名", "处", "条", "月", "季度", "年", "%", "％"];
const TRUE_WORDS = new Map([
  ["是", []],
  ["√", ["symbol"]],
  ["✓", ["symbol"]],
  ["✔", ["symbol"]],
  ["有", ["symbol"]],
  ["y", ["symbol"]],
  ["yes", ["symbol"]],
  ["true", ["symbol"]],
] as [string, ReadNote[]][]);
const FALSE_WORDS = new Map([
  ["否", []],
  ["×", ["symbol"]],
  ["✗", ["symbol"]],
  ["✘", ["symbol"]],
  ["x", ["symbol"]],
  ["无", ["symbol"]],
  ["n", ["symbol"]],
  ["no", ["symbol"]],
  ["false", ["symbol"]],
] as [string, ReadNote[]][]);

/** The cell's text as a person sees it, or "" for an empty cell. */
export function displayText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (isCellError(v)) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** Half-width, trimmed text and the notes that normalising it earned. */
function normalise(text: string): { text: string; notes: ReadNote[] } {
  const notes: ReadNote[] = [];
  const half = text.normalize("NFKC").replace(/\u3000/g, " ");
  if (half !== text) notes.push("fullwidth");
  const trimmed = half.trim();
  if (trimmed !== half) notes.push("spaces");
  return { text: trimmed, notes };
}

/** Reads a number, accepting what is unambiguous: "8", "８", " 8.5 ", "8分"; never "8-9", "约8", "1,5". */
export function readNumber(v: CellValue | undefined): Reading<number> {
  if (v === null || v === undefined) return { ok: false, reason: "empty", text: "" };
  if (typeof v === "number")
    return Number.isFinite(v)
      ? { ok: true, value: v, notes: [] }
      : { ok: false, reason: "invalid", text: String(v) };
  if (typeof v === "boolean" || isCellError(v))
    return { ok: false, reason: "invalid", text: displayText(v) };
  if (v.trim() === "") return { ok: false, reason: "empty", text: v };
  const { text, notes } = normalise(v);
  notes.push("text");
  let body = text;
  const unit = UNITS.find((u) => body.endsWith(u) && body.length > u.length);
  if (unit) {
    body = body.slice(0, -unit.length).trim();
    notes.push("unit");
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(body)) return { ok: false, reason: "invalid", text: v };
  return { ok: true, value: Number(body), notes, text: v };
}

/** Reads 是/否; √ × 有 无 Y N and TRUE/FALSE are read too, with a note. */
export function readBool(v: CellValue | undefined): Reading<boolean> {
  if (v === null || v === undefined) return { ok: false, reason: "empty", text: "" };
  // The text is kept so the reading is reported: the sheet's formulas only count 是, never TRUE or 1.
  if (typeof v === "boolean")
    return { ok: true, value: v, notes: ["symbol"], text: displayText(v) };
  if (typeof v === "number") {
    if (v === 1 || v === 0) return { ok: true, value: v === 1, notes: ["symbol"], text: String(v) };
    return { ok: false, reason: "invalid", text: String(v) };
  }
  if (isCellError(v)) return { ok: false, reason: "invalid", text: v.error };
  if (v.trim() === "") return { ok: false, reason: "empty", text: v };
  const { text, notes } = normalise(v);
  const key = text.toLowerCase();
  const yes = TRUE_WORDS.get(key);
  if (yes) return { ok: true, value: true, notes: [...notes, ...yes], text: v };
  const no = FALSE_WORDS.get(key);
  if (no) return { ok: true, value: false, notes: [...notes, ...no], text: v };
  return { ok: false, reason: "invalid", text: v };
}

/** A calendar date. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Converts a spreadsheet serial date (1900 system) to a calendar date. */
export function serialToDate(serial: number): DateParts {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000;
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Converts a calendar date to a spreadsheet serial number. */
export function dateToSerial(d: DateParts): number {
  return Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(1899, 11, 30)) / 86400000);
}

function validDate(year: number, month: number, day: number): DateParts | undefined {
  if (year < 1921 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last ? { year, month, day } : undefined;
}

/** Reads a date from a serial number or text such as 2017-05-03, 2017/5/3, 2017.5.3, 2017年5月3日. */
export function readDate(v: CellValue | undefined): Reading<DateParts> {
  if (v === null || v === undefined) return { ok: false, reason: "empty", text: "" };
  if (typeof v === "number") {
    const d = v >= 7306 && v < 120000 ? serialToDate(v) : undefined; // 1920-01-01 … 2228
    return d
      ? { ok: true, value: d, notes: [] }
      : { ok: false, reason: "invalid", text: String(v) };
  }
  if (typeof v === "boolean" || isCellError(v))
    return { ok: false, reason: "invalid", text: displayText(v) };
  if (v.trim() === "") return { ok: false, reason: "empty", text: v };
  const { text, notes } = normalise(v);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  const d = m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  return d
    ? { ok: true, value: d, notes: [...notes, "text"], text: v }
    : { ok: false, reason: "invalid", text: v };
}

/** Reads free text: trimmed, or empty. */
export function readText(v: CellValue | undefined): string {
  return displayText(v).trim();
}

/** 星级 as a number: "五星", "五星级", "5星", "５" → 5, "未评" → 0; undefined when it is none of them. */
export function readStars(text: string): number | undefined {
  const plain = text.trim().normalize("NFKC").replace(/级$/, "").replace(/★/g, "");
  if ((STAR_CHOICES as readonly string[]).includes(plain))
    return plain === "未评" ? 0 : "一二三四五".indexOf(plain.replace(/星$/, "")) + 1;
  const digits = Number(plain.replace(/星$/, ""));
  return /^\d星?$/.test(plain) && digits >= 1 && digits <= 5 ? digits : undefined;
}
