import { cellRef } from "./address";
import { sortIssues, type Issue } from "./issues";
import { MSG } from "./messages";
import { readBool, readNumber, readText } from "./readings";
import { BRANCH_TYPES, TIERS, type BranchType, type Clause, type CoverPart, type Item, type Rubric, type Rule, type Section, type Tier, type Veto } from "./rubric";
import type { SheetSnapshot } from "./snapshot";

// The 评分标准 sheet's vocabulary lives here, beside the reader, so the writer can only write what is read back.

/** The item table's columns, left to right: key, header text, width. */
export const TABLE_COLUMNS = [
  { key: "code", label: "编号", width: 8 },
  { key: "title", label: "考核项目", width: 24 },
  { key: "standard", label: "评分标准", width: 46 },
  { key: "max", label: "分值", width: 7 },
  { key: "type", label: "计分方式", width: 11 },
  { key: "required", label: "要求次数", width: 8 },
  { key: "deduct", label: "每次扣分", width: 8 },
  { key: "maxCount", label: "最多次数", width: 8 },
  { key: "unit", label: "计次单位", width: 8 },
  { key: "perGroup", label: "按党小组数计", width: 9 },
  { key: "na", label: "可填不适用", width: 9 },
  { key: "cap", label: "等次封顶", width: 9 },
  { key: "evidence", label: "佐证材料", width: 22 },
] as const;
/** One column of the item table. */
export type ColumnKey = (typeof TABLE_COLUMNS)[number]["key"];

/** What a 计分方式 cell says: an item's scoring rule (LADDER = 评判 on 好/较好/一般/差), or a sub-row's kind. */
export type RowRule = "JUDGE" | "LADDER" | "BOOL" | "COUNT" | "CHECK" | "COVER" | "CLAUSE";
/** The Chinese word written for each 计分方式; the codes themselves are read too. */
export const RULE_WORDS: Readonly<Record<RowRule, string>> = { JUDGE: "评判", LADDER: "评判-四档", BOOL: "是否", COUNT: "计次", CHECK: "扣分", COVER: "覆盖率", CLAUSE: "扣分项" };
/** The settings above the table, by label. */
export const SETTING_LABELS = {
  name: "评分标准名称",
  version: "版本",
  total: "满分",
  示范: "示范分数线",
  先进: "先进分数线",
  达标: "达标分数线",
  share: "示范须各部分得分率（%）",
  satisfaction: "示范须满意度（%）",
  satisfactionCap: "满意度低于此值最高为达标（%）",
  delta: "审核与自评相差超过此值须说明（分）",
} as const;
/** The label of a branch type's term-of-office setting. */
export const termLabel = (type: BranchType): string => `${type}支部任期（年）`;
/** The veto block's header texts. */
export const VETO_COLUMNS = { code: "编号", title: "一票否决情形", enabled: "启用" } as const;

// Messages about the rubric table, each saying what to change (kept with the vocabulary they quote).
const M = {
  noHeader: "找不到考核项目表的表头行（含“编号”“计分方式”的一行）。请不要删除或改写表头。",
  noColumn: (label: string) => `表头缺少“${label}”列。请恢复该列（表头文字须与原表一致）。`,
  noVetoHeader: "找不到一票否决项的表头行（含“编号”“一票否决情形”“启用”的一行）。请不要删除或改写该表头。",
  noSetting: (label: string) => `找不到“${label}”这一设置。请恢复该设置的标签格，并在其右边填写数值。`,
  noItems: "表中没有任何考核项目。请至少保留一个部分和其下的考核项目。",
  duplicate: (code: string, first: string) => `编号 ${code} 重复（第一次出现在 ${first}）。请改为不重复的编号。`,
  missingCode: (where: string) => `${where}没有填编号。请填编号，如部分填 A，项目填 A4，扣分项填 A2.3。`,
  noSection: (code: string) => `${code} 上方没有所属部分行。请在其上方插入部分行（编号如 A）。`,
  notInSection: (code: string, section: string) => `${code} 不属于其所在的部分 ${section}。项目编号应为部分编号加序号，如 ${section}1；请改编号或把该行移到所属部分下。`,
  noItem: (code: string) => `${code} 上方没有所属的考核项目。请把该行移到所属项目下方。`,
  notInItem: (code: string, item: string) => `${code} 不属于其上方的项目 ${item}。分项编号应为项目编号加“.序号”，如 ${item}.1；请改编号或移动该行。`,
  sectionSum: (code: string, sum: number, title: string, declared: number) =>
    `${code}：分值合计 ${sum} 分，与“${title}”声明的 ${declared} 分不符。请调整各项分值或该部分分值。`,
  totalSum: (sum: number, total: number) => `各部分分值合计 ${sum} 分，与满分 ${total} 分不符。请调整各部分分值或满分。`,
  unknownRule: (code: string, raw: string) =>
    `${code} 的计分方式“${raw}”无法识别。请从下拉列表选择：${Object.values(RULE_WORDS).join("、")}。`,
  noRule: (code: string) => `${code} 没有填计分方式。请从下拉列表选择：评判、评判-四档、是否、计次、扣分、覆盖率。`,
  subRule: (code: string) => `${code} 是分项行（编号带“.”），计分方式只能是“扣分项”或“覆盖率”。`,
  tooDeep: (code: string, deduct: number, item: string, max: number) => `${code}：每次扣分 ${deduct} 分，超过了 ${item} 的分值 ${max} 分。请调小每次扣分或调大分值。`,
  notPositiveWhole: (what: string, value: number) => `${what}填的 ${value} 不是正整数。请填 1、2、3 这样的整数。`,
  countNeeds: (code: string, label: string) => `${code} 的计分方式是“计次”，但没有填${label}。请填写。`,
  noClauses: (code: string) => `${code} 的计分方式是“扣分”，但下方没有扣分项。请在其下方插入扣分项行（编号 ${code}.1，计分方式“扣分项”），或改用其他计分方式。`,
  noCover: (code: string) => `${code} 的计分方式是“覆盖率”，但下方没有覆盖率行。请在其下方插入一行（编号 ${code}.1，计分方式“覆盖率”）。`,
  clauseUnder: (code: string, item: string) => `${code} 是扣分项，但 ${item} 的计分方式不是“扣分”。请把 ${item} 改为“扣分”，或删除该行。`,
  coverUnder: (code: string, item: string) => `${code} 是覆盖率行，但 ${item} 的计分方式不是“扣分”或“覆盖率”。请改 ${item} 的计分方式，或删除该行。`,
  secondCover: (code: string, item: string) => `${item} 下已经有一行覆盖率，${code} 是第二行。每个项目只能有一行覆盖率，请删除多余的一行。`,
  coverTooBig: (code: string, points: number, item: string, max: number) => `${code}：覆盖率分值 ${points} 分，超过了 ${item} 的分值 ${max} 分。请调小。`,
  thresholdRange: (label: string, value: number, total: number) => `${label} ${value} 分不在 0～${total} 分之间。请改正。`,
  thresholdOrder: (a: string, va: number, b: string, vb: number) => `${b} ${vb} 分应低于${a} ${va} 分（示范 > 先进 > 达标）。请调整分数线。`,
  share: (label: string, value: number) => `${label}填的 ${value}% 不在 0～100% 之间。请填 0～100 的数，如 80 表示80%。`,
  blankSetting: (label: string, expected: string) => `“${label}”右边的格子没有填写。请填${expected}。`,
  emptyTitle: (what: string) => `${what}是空的。请填写。`,
  noVetoCode: (row: number) => `第 ${row} 行的一票否决项没有编号。请填编号，如 X6。`,
  badCap: (code: string, raw: string) => `${code} 的等次封顶“${raw}”无法识别。请从下拉列表选择：${TIERS.join("、")}，不封顶的留空。`,
  halfStep: (what: string, value: number) => `${what} ${value} 不是0.5分的整数倍。请改为如 1、1.5、2 这样的分数。`,
  notPositive: (what: string, value: number) => `${what}填的 ${value} 应大于0。请改正。`,
  negative: (what: string, value: number) => `${what}填的 ${value} 不能小于0。请改正。`,
} as const;

interface At {
  readonly row: number;
  readonly col: number;
}

/** The sheet being read and everything found wrong with it so far. */
class Findings {
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
    this.issues.push({ severity: "错误", rule, sheet: this.sheet.name, ...(at ? { cell: cellRef(at.row, at.col) } : {}), message });
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
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) this.add(rule, at, M.notPositiveWhole(what, v));
    return v;
  }
  /** 是/否, blank meaning 否. */
  yes(at: At, what: string): boolean {
    const r = readBool(this.value(at));
    if (!r.ok && r.reason === "invalid") this.add("R18", at, MSG.unreadable(what, r.text, "“是”或“否”"));
    return r.ok && r.value;
  }
}

/** Text compared as a person reads it: half-width, without spaces. */
const norm = (s: string): string => s.normalize("NFKC").replace(/\s+/g, "");
const codeOf = (s: string): string => norm(s).toUpperCase();
const RULE_BY_WORD = new Map<string, RowRule>(
  (Object.entries(RULE_WORDS) as [RowRule, string][]).flatMap(([rule, word]) => [[wordKey(word), rule], [wordKey(rule), rule]]),
);
function wordKey(s: string): string {
  return norm(s).toUpperCase().replace(/[-_—()]/g, "");
}

/** Reads a 评分标准 sheet back into a Rubric, or lists every problem with its cell and a Chinese message. */
export function readRubricSheet(sheet: SheetSnapshot): { ok: true; rubric: Rubric } | { ok: false; issues: Issue[] } {
  const f = new Findings(sheet);
  const header = findRow(f, 0, [TABLE_COLUMNS[0].label, TABLE_COLUMNS[4].label]);
  if (header === undefined) return { ok: false, issues: [{ severity: "错误", rule: "R19", sheet: sheet.name, message: M.noHeader }] };
  const cols = tableColumns(f, header);
  if (!cols) return { ok: false, issues: f.issues };
  const vetoHeader = findRow(f, header + 1, [VETO_COLUMNS.code, VETO_COLUMNS.enabled]);
  const settings = readSettings(f, header);
  const sections = readTable(f, cols, header + 1, vetoHeader ?? sheet.rows.length);
  if (vetoHeader === undefined) f.add("R19", undefined, M.noVetoHeader);
  const vetoes = vetoHeader === undefined ? [] : readVetoes(f, vetoHeader);
  checkTotals(f, settings, sections);
  if (f.issues.length > 0) return { ok: false, issues: sortIssues(f.issues) };
  return { ok: true, rubric: { ...settings.rubric, sections: sections.map((s) => s.section), vetoes } };
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
  for (const [key, col] of entries) if (col < 0) f.add("R19", { row, col: 0 }, M.noColumn(TABLE_COLUMNS.find((c) => c.key === key)?.label ?? key));
  return entries.every(([, col]) => col >= 0) ? (Object.fromEntries(entries) as Record<ColumnKey, number>) : undefined;
}

interface Settings {
  readonly rubric: Omit<Rubric, "sections" | "vetoes">;
  /** The 满分 value cell, for the sections-sum check. */
  readonly totalAt?: At;
}

/** Where each setting's value is: the first filled cell right of its label, before the next label. */
function locateSettings(f: Findings, headerRow: number, labels: readonly string[]): Map<string, { label: At; value?: At }> {
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
  else if (total && !Number.isInteger(total.v * 2)) f.add("R17", total.at, M.halfStep(L.total, total.v));
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
      const at = cell(termLabel(t), (a) => f.add("R13", a, M.blankSetting(termLabel(t), "任期年数（整数），如 3 或 5")));
      return [t, (at && f.whole(at, termLabel(t), false, "R13")) ?? 0];
    }),
  ) as Record<BranchType, number>;
  const rubric = {
    name: text(L.name),
    version: text(L.version),
    total: total?.v ?? 0,
    thresholds,
    caps: { sectionShareFor示范: percent(L.share) / 100, satisfactionFor示范: percent(L.satisfaction), satisfactionCap: percent(L.satisfactionCap) },
    termYears,
    reviewDeltaLimit: delta?.v ?? 0,
  };
  return total ? { rubric, totalAt: total.at } : { rubric };
}

/** The three thresholds, each within 0..满分 and strictly falling from 示范 to 达标. */
function readThresholds(f: Findings, total: number | undefined, num: (tier: "示范" | "先进" | "达标") => { v: number; at: At } | undefined): Rubric["thresholds"] {
  const read = { 示范: num("示范"), 先进: num("先进"), 达标: num("达标") };
  for (const tier of ["示范", "先进", "达标"] as const) {
    const t = read[tier];
    if (t && total !== undefined && (t.v < 0 || t.v > total)) f.add("R11", t.at, M.thresholdRange(SETTING_LABELS[tier], t.v, total));
  }
  for (const [hi, lo] of [["示范", "先进"], ["先进", "达标"]] as const) {
    const a = read[hi];
    const b = read[lo];
    if (a && b && !(a.v > b.v)) f.add("R11", b.at, M.thresholdOrder(SETTING_LABELS[hi], a.v, SETTING_LABELS[lo], b.v));
  }
  return { 示范: read.示范?.v ?? 0, 先进: read.先进?.v ?? 0, 达标: read.达标?.v ?? 0 };
}

type RowAt = (key: ColumnKey) => At;

interface SectionDraft {
  readonly code: string;
  readonly title: string;
  readonly declared?: number;
  readonly maxAt: At;
  readonly items: ItemDraft[];
}

interface ItemDraft extends Omit<Item, "rule" | "max"> {
  readonly name: string;
  readonly rule?: RowRule;
  readonly max?: number;
  readonly typeAt: At;
  readonly count?: { readonly required?: number; readonly deduct?: number; readonly unit: string; readonly perGroup: boolean };
  readonly clauses: Clause[];
  cover?: CoverPart;
}

/** Reads the item table: section rows (A), item rows (A1) and their sub-rows (A1.1), by code and 计分方式. */
function readTable(f: Findings, cols: Record<ColumnKey, number>, from: number, to: number): { section: Section; declared?: number; maxAt: At }[] {
  const sections: SectionDraft[] = [];
  let item: ItemDraft | undefined;
  for (let row = from; row < to; row++) {
    const at: RowAt = (key) => ({ row, col: cols[key] });
    if (TABLE_COLUMNS.every((c) => f.blank(at(c.key)))) continue;
    const code = codeOf(f.text(at("code")));
    const name = code || `第 ${row + 1} 行`;
    if (code) f.code(code, at("code"));
    else f.add("R2", at("code"), M.missingCode(name));
    const raw = f.text(at("type"));
    const rule = RULE_BY_WORD.get(wordKey(raw));
    const section = sections[sections.length - 1];
    if (code.includes(".") || rule === "CLAUSE") {
      readSubRow(f, at, { code, name, raw, rule }, item);
    } else if (/^[A-Z]+$/.test(code)) {
      sections.push(readSection(f, at, code));
      item = undefined;
    } else {
      item = readItem(f, at, { code, name, raw, rule }, section);
      section?.items.push(item);
    }
  }
  return sections.map((s) => ({ section: finishSection(f, s), maxAt: s.maxAt, ...(s.declared !== undefined ? { declared: s.declared } : {}) }));
}

interface RowHead {
  readonly code: string;
  /** The code, or "第 n 行" when there is none, for messages. */
  readonly name: string;
  readonly raw: string;
  readonly rule?: RowRule;
}

function readSection(f: Findings, at: RowAt, code: string): SectionDraft {
  const title = f.text(at("title"));
  if (!title) f.add("R14", at("title"), M.emptyTitle(`部分 ${code} 的名称（考核项目列）`));
  const declared = f.points(at("max"), `部分 ${code} 的分值`);
  return { code, title, maxAt: at("max"), items: [], ...(declared !== undefined ? { declared } : {}) };
}

function readItem(f: Findings, at: RowAt, head: RowHead, section: SectionDraft | undefined): ItemDraft {
  const { code, name, raw, rule } = head;
  if (code && !section) f.add("R2", at("code"), M.noSection(code));
  else if (code && section && !new RegExp(`^${section.code}\\d+$`).test(code)) f.add("R2", at("code"), M.notInSection(code, section.code));
  const title = f.text(at("title"));
  if (!title) f.add("R14", at("title"), M.emptyTitle(`${name} 的考核项目名称`));
  if (!raw) f.add("R5", at("type"), M.noRule(name));
  else if (!rule) f.add("R5", at("type"), M.unknownRule(name, raw));
  const max = f.points(at("max"), `${name} 的分值`);
  const draft: ItemDraft = {
    code,
    name,
    title,
    standard: f.text(at("standard")),
    naAllowed: f.yes(at("na"), `${name} 的可填不适用`),
    evidence: f.text(at("evidence")),
    typeAt: at("type"),
    clauses: [],
    ...(rule ? { rule } : {}),
    ...(max !== undefined ? { max } : {}),
  };
  return rule === "COUNT" ? { ...draft, count: readCount(f, at, name, max) } : draft;
}

function readCount(f: Findings, at: RowAt, name: string, max: number | undefined): ItemDraft["count"] {
  const needed = (key: ColumnKey, label: string): boolean => {
    if (f.blank(at(key))) f.add("R8", at(key), M.countNeeds(name, label));
    return !f.blank(at(key));
  };
  const required = needed("required", "要求次数") ? f.whole(at("required"), `${name} 的要求次数`) : undefined;
  const deduct = needed("deduct", "每次扣分") ? f.points(at("deduct"), `${name} 的每次扣分`) : undefined;
  if (deduct !== undefined && max !== undefined && deduct > max) f.add("R6", at("deduct"), M.tooDeep(name, deduct, name, max));
  return {
    // An unnamed unit counts plain occurrences, the common case.
    unit: f.text(at("unit")) || "次",
    perGroup: f.yes(at("perGroup"), `${name} 的按党小组数计`),
    ...(required !== undefined ? { required } : {}),
    ...(deduct !== undefined ? { deduct } : {}),
  };
}

/** A 扣分项 or 覆盖率 sub-row, attached to the item above it when it belongs there. */
function readSubRow(f: Findings, at: RowAt, head: RowHead, item: ItemDraft | undefined): void {
  const { code, name, raw, rule } = head;
  if (code && !item) f.add("R2", at("code"), M.noItem(code));
  else if (code && item && !new RegExp(`^${item.code.replace(/\./g, "\\.")}\\.\\d+$`).test(code)) f.add("R2", at("code"), M.notInItem(code, item.code));
  if (rule === "CLAUSE") {
    const clause = readClause(f, at, name, item);
    if (item?.rule === "CHECK") item.clauses.push(clause);
    else if (item?.rule) f.add("R9", at("type"), M.clauseUnder(name, item.code));
  } else if (rule === "COVER") {
    const part = readCover(f, at, name, item);
    if (item?.rule && item.rule !== "CHECK" && item.rule !== "COVER") f.add("R9", at("type"), M.coverUnder(name, item.code));
    else if (item?.cover) f.add("R9", at("type"), M.secondCover(name, item.code));
    else if (item?.rule) item.cover = part;
  } else {
    f.add("R5", at("type"), raw ? M.subRule(name) : M.noRule(name));
  }
}

function readClause(f: Findings, at: RowAt, name: string, item: ItemDraft | undefined): Clause {
  const label = f.text(at("title"));
  if (!label) f.add("R14", at("title"), M.emptyTitle(`${name} 的扣分情形（考核项目列）`));
  const deduct = f.points(at("deduct"), `${name} 的每次扣分`) ?? 0;
  if (item?.max !== undefined && deduct > item.max) f.add("R6", at("deduct"), M.tooDeep(name, deduct, item.code, item.max));
  // Blank means once: most clauses are a single failing such as “未召开”.
  const maxCount = f.whole(at("maxCount"), `${name} 的最多次数`, true) ?? 1;
  const capRaw = f.text(at("cap"));
  const capsTier = TIERS.find((t): t is Tier => t === norm(capRaw));
  if (capRaw && !capsTier) f.add("R16", at("cap"), M.badCap(name, capRaw));
  return capsTier ? { label, deduct, maxCount, capsTier } : { label, deduct, maxCount };
}

function readCover(f: Findings, at: RowAt, name: string, item: ItemDraft | undefined): CoverPart {
  const label = f.text(at("title"));
  if (!label) f.add("R14", at("title"), M.emptyTitle(`${name} 的覆盖率说明（考核项目列）`));
  const points = f.points(at("max"), `${name} 的覆盖率分值`) ?? 0;
  if (item?.max !== undefined && points > item.max) f.add("R10", at("max"), M.coverTooBig(name, points, item.code, item.max));
  // Blank 要求次数: the branch enters how many were required.
  const required = f.whole(at("required"), `${name} 的要求次数`, true);
  return required !== undefined ? { points, label, required } : { points, label };
}

function finishSection(f: Findings, s: SectionDraft): Section {
  const maxes = s.items.map((i) => i.max);
  if (s.declared !== undefined && maxes.every((m) => m !== undefined)) {
    const sum = maxes.reduce<number>((a, m) => a + (m ?? 0), 0);
    if (Math.abs(sum - s.declared) > 1e-9) f.add("R3", s.maxAt, M.sectionSum(s.code, round(sum), s.title, s.declared));
  }
  return { code: s.code, title: s.title, items: s.items.map((i) => finishItem(f, i)) };
}

function finishItem(f: Findings, d: ItemDraft): Item {
  return { code: d.code, title: d.title, standard: d.standard, max: d.max ?? 0, rule: ruleOf(f, d), naAllowed: d.naAllowed, evidence: d.evidence };
}

function ruleOf(f: Findings, d: ItemDraft): Rule {
  switch (d.rule) {
    case "JUDGE":
    case "LADDER":
      return { type: "JUDGE", ladder: d.rule === "LADDER" };
    case "COUNT":
      return { type: "COUNT", required: d.count?.required ?? 0, deduct: d.count?.deduct ?? 0, unit: d.count?.unit ?? "次", perGroup: d.count?.perGroup ?? false };
    case "CHECK":
      if (d.clauses.length === 0) f.add("R9", d.typeAt, M.noClauses(d.name));
      return d.cover ? { type: "CHECK", clauses: d.clauses, cover: d.cover } : { type: "CHECK", clauses: d.clauses };
    case "COVER":
      if (!d.cover) f.add("R9", d.typeAt, M.noCover(d.name));
      return { type: "COVER", cover: d.cover ?? { points: 0, label: "" } };
    default:
      // BOOL, or a 计分方式 already reported as unreadable (the rubric is then not returned).
      return { type: "BOOL" };
  }
}

function checkTotals(f: Findings, settings: Settings, sections: readonly { section: Section; declared?: number }[]): void {
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
  const titleCols = Array.from({ length: Math.max(1, enabledCol - titleCol) }, (_, i) => titleCol + i);
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
      f.add("R18", at(enabledCol), enabled.reason === "empty" ? MSG.missing(what, "“是”或“否”") : MSG.unreadable(what, enabled.text, "“是”或“否”"));
    }
    vetoes.push({ code, title, enabled: enabled.ok && enabled.value });
  }
  return vetoes;
}

const round = (x: number): number => Math.round(x * 100) / 100;
