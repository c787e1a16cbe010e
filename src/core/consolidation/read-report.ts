import { cellRef } from "../../sheet/address";
import { HEADER_FIELDS, normaliseLabel, type HeaderKey } from "../scoresheet/header";
import { branchKey, normaliseName } from "./identity";
import { VERIFIED } from "./held";
import type { Issue, Severity } from "../issues";
import { fileName, inputFileOf } from "./inputs";
import { META_KEYS, META_SHEET } from "../scoresheet/meta";
import { dateToSerial, displayText, readDate } from "../readings";
import type { Rubric } from "../rubric/rubric";
import { codesOf, type Found, type FoundItem, type FoundScoresheet } from "../scoresheet/locate";
import type { SheetSnapshot, WorkbookSnapshot } from "../../sheet/snapshot";
import {
  HELD_HEADER,
  ISSUE_HEADERS,
  KEY_HEADER,
  REPORT_FORMAT_PREFIX,
  REPORT_SHEETS,
  VANISHED_FLAG,
  VERIFY_HEADER,
} from "./report-format";

/** One branch found in a report's 明细, located like a scoresheet so the same reading and scoring apply. */
export interface ReportBranch {
  readonly key: string;
  readonly found: FoundScoresheet;
  readonly remark: string;
  readonly naming: string;
  readonly sourceFile: string;
  /** The 汇总表's 标记 (integrity flags), so a roll-up keeps what the committee's consolidation found. */
  readonly flags: readonly string[];
  /** The 汇总表 marked it as sending nothing this round: its data is only remembered, not counted. */
  readonly vanished: boolean;
  /** The committee typed 已核实 in its 汇总表 row. */
  readonly verified: boolean;
  /** What the report's consolidation found in the branch's file, from its 问题清单 (the values alone cannot show it). */
  readonly issues: readonly Issue[];
  /** The 汇总表's 待核实 reasons. */
  readonly held: readonly string[];
}

/** A report workbook read back: its branches and its `_dabiao` values. */
export interface ReadReport {
  readonly branches: readonly ReportBranch[];
  readonly meta: Readonly<Record<string, string>>;
  /** Its 问题清单 ties each issue to a branch (_key): each branch's `issues` are all its consolidation found. */
  readonly carriesIssues: boolean;
}

/** The 明细 columns this reader uses, found by their header text. */
type Col =
  | "所属党委"
  | "党支部名称"
  | "编号"
  | "填报"
  | "分值"
  | "自评得分"
  | "审核得分"
  | "抽验得分"
  | "最终得分"
  | "扣分说明"
  | "标记"
  | "_key";

function metaOf(book: WorkbookSnapshot): Record<string, string> {
  const sheet = book.sheets.find((s) => s.name === META_SHEET);
  const out: Record<string, string> = {};
  for (const row of sheet?.rows ?? []) {
    const k = displayText(row?.[0]?.v).trim();
    if (k) out[k] = displayText(row?.[1]?.v);
  }
  return out;
}

/** True when the workbook is a Dabiao consolidation report (its `_dabiao` says so, or it has a 明细 long table). */
export function isReport(book: WorkbookSnapshot): boolean {
  const format = metaOf(book)[META_KEYS.format] ?? "";
  if (format.startsWith(REPORT_FORMAT_PREFIX)) return true;
  const detail = book.sheets.find((s) => s.name.trim() === REPORT_SHEETS.detail);
  return detail !== undefined && headerRow(detail, ["编号", "填报", "党支部名称"]) !== undefined;
}

function headerRow(
  sheet: SheetSnapshot,
  needed: readonly string[]
): { row: number; cols: Map<string, number> } | undefined {
  for (let r = 0; r < Math.min(sheet.rows.length, 20); r++) {
    const cols = new Map<string, number>();
    (sheet.rows[r] ?? []).forEach((c, i) => cols.set(normaliseLabel(displayText(c?.v)), i));
    if (needed.every((n) => cols.has(n))) return { row: r, cols };
  }
  return undefined;
}

/** Reads a report's 明细 (per-branch entries) and 汇总表 (备注, 命名, source file) back into branches. */
export function readReport(book: WorkbookSnapshot, rubric: Rubric): ReadReport {
  const meta = metaOf(book);
  const detail = book.sheets.find((s) => s.name.trim() === REPORT_SHEETS.detail);
  const head = detail ? headerRow(detail, ["编号", "填报", "党支部名称", "所属党委"]) : undefined;
  if (!detail || !head) return { branches: [], meta, carriesIssues: false };
  const at = (r: number, col: Col): Found => {
    const c = head.cols.get(col);
    const cell = c === undefined ? undefined : detail.rows[r]?.[c];
    const ref = cellRef(r, c ?? 0);
    return cell ? { ref, v: cell.v } : { ref, v: null };
  };
  const groups = new Map<string, number[]>();
  for (let r = head.row + 1; r < detail.rows.length; r++) {
    const committee = displayText(at(r, "所属党委").v).trim();
    const name = displayText(at(r, "党支部名称").v).trim();
    if (!committee && !name) continue;
    // The hidden _key keeps a branch's identity when the committee corrects its name in the report.
    const key = displayText(at(r, "_key").v).trim() || branchKey(committee, name);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const extras = summaryExtras(book);
  const found = reportIssues(book);
  const carriesIssues = found !== null;
  const branches = [...groups.entries()].map(([key, rows]) => {
    const extra = extras.get(key);
    const input = fileName(inputFileOf(extra?.file ?? ""));
    return {
      key,
      found: locate(rows, at, rubric, meta),
      remark: extra?.remark ?? "",
      naming: extra?.naming ?? "",
      sourceFile: extra?.file ?? "",
      flags: extra?.flags ?? [],
      vanished: extra?.vanished ?? false,
      verified: extra?.verified ?? false,
      issues: (found?.get(key) ?? []).filter((i) => i.file === input).map((i) => i.issue),
      held: extra?.held ?? [],
    };
  });
  return { branches, meta, carriesIssues };
}

function locate(
  rows: readonly number[],
  at: (r: number, col: Col) => Found,
  rubric: Rubric,
  meta: Record<string, string>
): FoundScoresheet {
  // 明细 names a header field by its label (党支部名称); reports written before did so by its key (name).
  const headerKeys = new Map<string, HeaderKey>(
    HEADER_FIELDS.flatMap((f) => [
      [f.key, f.key] as const,
      [normaliseLabel(f.label), f.key] as const,
    ])
  );
  const { itemCodes, slotKeys, vetoCodes } = codesOf(rubric);
  const header: Partial<Record<HeaderKey, Found>> = {};
  const slots: Record<string, Found> = {};
  const items: Record<string, FoundItem> = {};
  const vetoes: Record<string, Found> = {};
  for (const r of rows) {
    const code = displayText(at(r, "编号").v).trim();
    const entry = at(r, "填报");
    const field = headerKeys.get(code) ?? headerKeys.get(normaliseLabel(code));
    if (field) header[field] = field === "lastElection" ? asSerial(entry) : entry;
    if (itemCodes.has(code))
      items[code] = {
        row: r,
        max: at(r, "分值"),
        self: at(r, "自评得分"),
        note: at(r, "扣分说明"),
        review: at(r, "审核得分"),
        sample: at(r, "抽验得分"),
        final: at(r, "最终得分"),
      };
    if (slotKeys.has(code)) slots[code] = entry;
    if (vetoCodes.has(code)) vetoes[code] = entry;
  }
  const missingRows = [...slotKeys]
    .filter((k) => !slots[k])
    .concat([...vetoCodes].filter((k) => !vetoes[k]));
  return {
    sheet: "明细",
    header,
    slots,
    items,
    vetoes,
    sections: {},
    tiers: {},
    missingRows,
    unknownRows: [],
    meta,
  };
}

/** Dates travel as yyyy-mm-dd text in 明细; read them back as the serial a scoresheet cell would hold. */
function asSerial(f: Found): Found {
  const r = readDate(f.v);
  return r.ok ? { ref: f.ref, v: dateToSerial(r.value) } : f;
}

interface SummaryExtras {
  readonly remark: string;
  readonly naming: string;
  readonly file: string;
  readonly flags: readonly string[];
  readonly vanished: boolean;
  readonly verified: boolean;
  readonly held: readonly string[];
}

function summaryExtras(book: WorkbookSnapshot): Map<string, SummaryExtras> {
  const out = new Map<string, SummaryExtras>();
  const sheet = book.sheets.find((s) => s.name.trim() === "汇总表");
  const head = sheet ? headerRow(sheet, ["所属党委", "党支部名称", "备注", "命名"]) : undefined;
  if (!sheet || !head) return out;
  const text = (r: number, col: string): string => {
    const c = head.cols.get(col);
    return c === undefined ? "" : displayText(sheet.rows[r]?.[c]?.v).trim();
  };
  for (let r = head.row + 1; r < sheet.rows.length; r++) {
    const committee = text(r, "所属党委");
    const name = text(r, "党支部名称");
    if (!committee && !name) continue;
    // 标记 and 待核实 join their entries with "；"; the vanished mark is the summary's own, re-derived from `vanished`.
    const listed = (col: string): string[] =>
      text(r, col)
        .split("；")
        .map((f) => f.trim())
        .filter((f) => f !== "");
    const marks = listed("标记");
    out.set(text(r, KEY_HEADER) || branchKey(committee, name), {
      remark: text(r, "备注"),
      naming: text(r, "命名"),
      file: text(r, "来源文件"),
      flags: marks.filter((f) => f !== VANISHED_FLAG),
      vanished: marks.includes(VANISHED_FLAG),
      verified: normaliseName(text(r, VERIFY_HEADER)) === VERIFIED,
      held: listed(HELD_HEADER),
    });
  }
  return out;
}

const SEVERITIES: readonly Severity[] = ["错误", "警告", "提示"];

/** The 问题清单's rows about one branch each, by the branch's key, with the file each was found in; null without a _key column. */
function reportIssues(
  book: WorkbookSnapshot
): Map<string, { readonly file: string; readonly issue: Issue }[]> | null {
  const out = new Map<string, { file: string; issue: Issue }[]>();
  const sheet = book.sheets.find((s) => s.name.trim() === REPORT_SHEETS.issues);
  const H = ISSUE_HEADERS;
  const head = sheet ? headerRow(sheet, [H.file, H.severity, H.rule, H.message, H.key]) : undefined;
  if (!sheet || !head) return null;
  const text = (r: number, col: string): string => {
    const c = head.cols.get(col);
    return c === undefined ? "" : displayText(sheet.rows[r]?.[c]?.v).trim();
  };
  for (let r = head.row + 1; r < sheet.rows.length; r++) {
    const key = text(r, H.key);
    const severity = SEVERITIES.find((s) => s === text(r, H.severity));
    if (!key || !severity) continue;
    const where = text(r, H.sheet);
    const cell = text(r, H.cell);
    const issue: Issue = {
      severity,
      rule: text(r, H.rule),
      ...(where ? { sheet: where } : {}),
      ...(cell ? { cell } : {}),
      message: text(r, H.message),
    };
    const list = out.get(key) ?? [];
    if (list.length === 0) out.set(key, list);
    list.push({ file: text(r, H.file), issue });
  }
  return out;
}
