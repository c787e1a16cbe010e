import { sortIssues, type Issue } from "../issues";
import { MSG, RUBRIC_MSG as M } from "../messages";
import { readBool, readText } from "../readings";
import {
  BRANCH_TYPES,
  type BranchType,
  type Rubric,
  type Section,
  type Veto,
} from "../rubric/rubric";
import { codeOf, Findings, norm, type At } from "./findings";
import {
  RUBRIC_SHEET,
  SETTING_LABELS,
  TABLE_COLUMNS,
  termLabel,
  VETO_COLUMNS,
  type ColumnKey,
} from "./layout";
import { readTable } from "./table";
import type { SheetSnapshot, WorkbookSnapshot } from "../../sheet/snapshot";

/** Reads a 评分标准 sheet back into a Rubric, or lists every problem with its cell and a Chinese message. */
export function readRubricSheet(
  sheet: SheetSnapshot
): { ok: true; rubric: Rubric } | { ok: false; issues: Issue[] } {
  const f = new Findings(sheet);
  const header = findRow(f, 0, [TABLE_COLUMNS[0].label, TABLE_COLUMNS[4].label]);
  if (header === undefined)
    return {
      ok: false,
      issues: [{ severity: "错误", rule: "R19", sheet: sheet.name, message: M.noHeader }],
    };
  const cols = tableColumns(f, header);
  if (!cols) return { ok: false, issues: f.issues };
  const vetoHeader = findRow(f, header + 1, [VETO_COLUMNS.code, VETO_COLUMNS.enabled]);
  const settings = readSettings(f, header);
  const sections = readTable(f, cols, header + 1, vetoHeader ?? sheet.rows.length);
  if (vetoHeader === undefined) f.add("R19", undefined, M.noVetoHeader);
  const vetoes = vetoHeader === undefined ? [] : readVetoes(f, vetoHeader);
  checkTotals(f, settings, sections);
  if (f.issues.length > 0) return { ok: false, issues: sortIssues(f.issues) };
  return {
    ok: true,
    rubric: { ...settings.rubric, sections: sections.map((s) => s.section), vetoes },
  };
}

/** The first row at or after `from` holding every one of the texts in some cell. */
function findRow(f: Findings, from: number, texts: readonly string[]): number | undefined {
  for (let r = from; r < f.sheet.rows.length; r++) {
    const cells = (f.sheet.rows[r] ?? []).map((c) => norm(readText(c?.v)));
    if (texts.every((t) => cells.includes(t))) return r;
  }
  return undefined;
}

function tableColumns(f: Findings, row: number): Record<ColumnKey, number> | undefined {
  const cells = (f.sheet.rows[row] ?? []).map((c) => norm(readText(c?.v)));
  const entries = TABLE_COLUMNS.map((c) => [c.key, cells.indexOf(norm(c.label))] as const);
  for (const [key, col] of entries)
    if (col < 0)
      f.add(
        "R19",
        { row, col: 0 },
        M.noColumn(TABLE_COLUMNS.find((c) => c.key === key)?.label ?? key)
      );
  return entries.every(([, col]) => col >= 0)
    ? (Object.fromEntries(entries) as Record<ColumnKey, number>)
    : undefined;
}

interface Settings {
  readonly rubric: Omit<Rubric, "sections" | "vetoes">;
  /** The 满分 value cell, for the sections-sum check. */
  readonly totalAt?: At;
}

/** Where each setting's value is: the first filled cell right of its label, before the next label. */
function locateSettings(
  f: Findings,
  headerRow: number,
  labels: readonly string[]
): Map<string, { label: At; value?: At }> {
  const known = new Map(labels.map((l) => [norm(l), l]));
  const found = new Map<string, { label: At; value?: At }>();
  for (let row = 0; row < headerRow; row++) {
    let pending: { label: At; value?: At } | undefined;
    (f.sheet.rows[row] ?? []).forEach((cell, col) => {
      const text = norm(readText(cell?.v));
      const label = known.get(text);
      if (label !== undefined) {
        // A label written twice: the first one counts, so the second must not steal its value.
        pending = found.has(label) ? undefined : { label: { row, col } };
        if (pending) found.set(label, pending);
      } else if (text !== "" && pending) {
        pending.value = { row, col };
        pending = undefined;
      }
    });
  }
  return found;
}

function readSettings(f: Findings, headerRow: number): Settings {
  const L = SETTING_LABELS;
  const where = locateSettings(f, headerRow, [...Object.values(L), ...BRANCH_TYPES.map(termLabel)]);
  /** The value cell, or undefined after reporting; a blank value has no cell of its own, so `onBlank` reports it at the label. */
  const cell = (label: string, onBlank: (at: At) => void): At | undefined => {
    const w = where.get(label);
    if (!w) f.add("R19", undefined, M.noSetting(label));
    else if (!w.value) onBlank(w.label);
    return w?.value;
  };
  const text = (label: string): string => {
    const at = cell(label, (a) => f.add("R14", a, M.blankSetting(label, "内容")));
    return at ? f.text(at) : "";
  };
  const num = (label: string, expected: string): { v: number; at: At } | undefined => {
    const at = cell(label, (a) => f.add("R18", a, M.blankSetting(label, expected)));
    const v = at && f.number(at, label, expected);
    return at && v !== undefined ? { v, at } : undefined;
  };
  const total = num(L.total, "满分（如 100）");
  if (total && total.v <= 0) f.add("R18", total.at, M.notPositive(L.total, total.v));
  else if (total && !Number.isInteger(total.v * 2))
    f.add("R17", total.at, M.halfStep(L.total, total.v));
  const thresholds = readThresholds(f, total?.v, (tier) => num(L[tier], "分数"));
  const percent = (label: string): number => {
    const n = num(label, "0～100 的数");
    if (!n) return 0;
    // Excel stores a typed "80%" as 0.8; a share of 1% or less is never meant, so such a value is a fraction.
    const pct = n.v > 0 && n.v <= 1 ? Math.round(n.v * 1e8) / 1e6 : n.v;
    if (pct < 0 || pct > 100) f.add("R12", n.at, M.share(label, pct));
    return pct;
  };
  const delta = num(L.delta, "分数（如 5）");
  if (delta && delta.v < 0) f.add("R18", delta.at, M.negative(L.delta, delta.v));
  const termYears = Object.fromEntries(
    BRANCH_TYPES.map((t) => {
      const at = cell(termLabel(t), (a) =>
        f.add("R13", a, M.blankSetting(termLabel(t), "任期年数（整数），如 3 或 5"))
      );
      return [t, (at && f.whole(at, termLabel(t), false, "R13")) ?? 0];
    })
  ) as Record<BranchType, number>;
  const rubric = {
    name: text(L.name),
    version: text(L.version),
    total: total?.v ?? 0,
    thresholds,
    caps: {
      sectionShareFor示范: percent(L.share) / 100,
      satisfactionFor示范: percent(L.satisfaction),
      satisfactionCap: percent(L.satisfactionCap),
    },
    termYears,
    reviewDeltaLimit: delta?.v ?? 0,
  };
  return total ? { rubric, totalAt: total.at } : { rubric };
}

/** The three thresholds, each within 0..满分 and strictly falling from 示范 to 达标. */
function readThresholds(
  f: Findings,
  total: number | undefined,
  num: (tier: "示范" | "先进" | "达标") => { v: number; at: At } | undefined
): Rubric["thresholds"] {
  const read = { 示范: num("示范"), 先进: num("先进"), 达标: num("达标") };
  for (const tier of ["示范", "先进", "达标"] as const) {
    const t = read[tier];
    if (t && total !== undefined && (t.v < 0 || t.v > total))
      f.add("R11", t.at, M.thresholdRange(SETTING_LABELS[tier], t.v, total));
  }
  for (const [hi, lo] of [
    ["示范", "先进"],
    ["先进", "达标"],
  ] as const) {
    const a = read[hi];
    const b = read[lo];
    if (a && b && !(a.v > b.v))
      f.add("R11", b.at, M.thresholdOrder(SETTING_LABELS[hi], a.v, SETTING_LABELS[lo], b.v));
  }
  return { 示范: read.示范?.v ?? 0, 先进: read.先进?.v ?? 0, 达标: read.达标?.v ?? 0 };
}

function checkTotals(
  f: Findings,
  settings: Settings,
  sections: readonly { section: Section; declared?: number }[]
): void {
  if (sections.length === 0) f.add("R19", undefined, M.noItems);
  const declared = sections.map((s) => s.declared);
  const total = settings.rubric.total;
  if (settings.totalAt && sections.length > 0 && declared.every((d) => d !== undefined)) {
    const sum = declared.reduce<number>((a, d) => a + (d ?? 0), 0);
    if (Math.abs(sum - total) > 1e-9) f.add("R4", settings.totalAt, M.totalSum(round(sum), total));
  }
}

function readVetoes(f: Findings, header: number): Veto[] {
  const heads = (f.sheet.rows[header] ?? []).map((c) => norm(readText(c?.v)));
  const codeCol = heads.indexOf(VETO_COLUMNS.code);
  const enabledCol = heads.indexOf(VETO_COLUMNS.enabled);
  const titleCol = heads.findIndex((h) => h.startsWith(VETO_COLUMNS.title));
  if (titleCol < 0) {
    f.add("R19", { row: header, col: 0 }, M.noVetoHeader);
    return [];
  }
  // The title may be typed anywhere between its header and 启用 (the written rows merge those cells).
  const titleCols = Array.from(
    { length: Math.max(1, enabledCol - titleCol) },
    (_, i) => titleCol + i
  );
  const vetoes: Veto[] = [];
  for (let row = header + 1; row < f.sheet.rows.length; row++) {
    const at = (col: number): At => ({ row, col });
    const title = titleCols.map((c) => f.text(at(c))).find((t) => t !== "") ?? "";
    const code = codeOf(f.text(at(codeCol)));
    if (!code && !title && f.blank(at(enabledCol))) continue;
    if (code) f.code(code, at(codeCol));
    else f.add("R15", at(codeCol), M.noVetoCode(row + 1));
    if (!title) f.add("R14", at(titleCol), M.emptyTitle(`一票否决项 ${code} 的内容`));
    const enabled = readBool(f.value(at(enabledCol)));
    if (!enabled.ok) {
      const what = `一票否决项 ${code || `第 ${row + 1} 行`} 是否启用`;
      f.add(
        "R18",
        at(enabledCol),
        enabled.reason === "empty"
          ? MSG.missing(what, "“是”或“否”")
          : MSG.unreadable(what, enabled.text, "“是”或“否”")
      );
    }
    vetoes.push({ code, title, enabled: enabled.ok && enabled.value });
  }
  return vetoes;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** A workbook's 评分标准 sheet read as a rubric: the rubric, its cell-addressed problems, or null when it has no such sheet. */
export function rubricOfBook(
  book: WorkbookSnapshot
): { readonly rubric: Rubric } | { readonly issues: readonly Issue[] } | null {
  const sheet = book.sheets.find((s) => s.name.trim() === RUBRIC_SHEET);
  if (!sheet) return null;
  const read = readRubricSheet(sheet);
  return read.ok ? { rubric: read.rubric } : { issues: read.issues };
}
