import { cellRef } from "../../sheet/address";
import type { Issue } from "../issues";
import { MSG, RUBRIC_MSG as M } from "../messages";
import { readBool, readNumber, readText } from "../readings";
import type { SheetSnapshot } from "../../sheet/snapshot";
import { RULE_WORDS, type RowRule } from "../rubric/rule-words";

/** A cell position on the 评分标准 sheet, 0-based. */
export interface At {
  readonly row: number;
  readonly col: number;
}

/** The sheet being read and everything found wrong with it so far. */
export class Findings {
  readonly issues: Issue[] = [];
  private readonly codes = new Map<string, string>();
  constructor(readonly sheet: SheetSnapshot) {}

  value(at: At) {
    return this.sheet.rows[at.row]?.[at.col]?.v;
  }
  text(at: At): string {
    return readText(this.value(at));
  }
  blank(at: At): boolean {
    return this.text(at) === "";
  }
  add(rule: string, at: At | undefined, message: string): void {
    this.issues.push({
      severity: "错误",
      rule,
      sheet: this.sheet.name,
      ...(at ? { cell: cellRef(at.row, at.col) } : {}),
      message,
    });
  }
  /** Registers a code; every code of the sheet (sections, items, sub-rows, vetoes) must be unique. */
  code(code: string, at: At): void {
    const first = this.codes.get(code);
    if (first !== undefined) this.add("R1", at, M.duplicate(code, first));
    else this.codes.set(code, cellRef(at.row, at.col));
  }
  /** A number, or undefined when blank (an issue unless `blankOk`) or unreadable (always an issue). */
  number(at: At, what: string, expected: string, blankOk = false): number | undefined {
    const r = readNumber(this.value(at));
    if (r.ok) return r.value;
    if (r.reason === "invalid") this.add("R18", at, MSG.unreadable(what, r.text, expected));
    else if (!blankOk) this.add("R18", at, MSG.missing(what, expected));
    return undefined;
  }
  /** Points: positive and a multiple of 0.5. */
  points(at: At, what: string, blankOk = false): number | undefined {
    const v = this.number(at, what, "分数（以0.5分为单位）", blankOk);
    if (v !== undefined && v <= 0) this.add("R18", at, M.notPositive(what, v));
    else if (v !== undefined && !Number.isInteger(v * 2)) this.add("R17", at, M.halfStep(what, v));
    return v;
  }
  /** A positive whole number (a count, a term in years). */
  whole(at: At, what: string, blankOk = false, rule = "R7"): number | undefined {
    const v = this.number(at, what, "正整数", blankOk);
    if (v !== undefined && !(Number.isInteger(v) && v > 0))
      this.add(rule, at, M.notPositiveWhole(what, v));
    return v;
  }
  /** 是/否, blank meaning 否. */
  yes(at: At, what: string): boolean {
    const r = readBool(this.value(at));
    if (!r.ok && r.reason === "invalid")
      this.add("R18", at, MSG.unreadable(what, r.text, "“是”或“否”"));
    return r.ok && r.value;
  }
}

/** Text compared as a person reads it: half-width, without spaces. */
export const norm = (s: string): string => s.normalize("NFKC").replace(/\s+/g, "");
export const codeOf = (s: string): string => norm(s).toUpperCase();
export const RULE_BY_WORD = new Map<string, RowRule>(
  (Object.entries(RULE_WORDS) as [RowRule, string][]).flatMap(([rule, word]) => [
    [wordKey(word), rule],
    [wordKey(rule), rule],
  ])
);
export function wordKey(s: string): string {
  return norm(s)
    .toUpperCase()
    .replace(/[-_—()]/g, "");
}
