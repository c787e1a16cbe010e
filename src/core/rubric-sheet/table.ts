import { RUBRIC_MSG as M } from "../messages";
import {
  TIERS,
  type Clause,
  type CoverPart,
  type Item,
  type Rule,
  type Section,
  type Tier,
} from "../rubric/rubric";
import { codeOf, Findings, norm, RULE_BY_WORD, wordKey, type At } from "./findings";
import { TABLE_COLUMNS, type ColumnKey } from "./layout";
import { type RowRule } from "../rubric/rule-words";

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
  readonly count?: {
    readonly required?: number;
    readonly deduct?: number;
    readonly unit: string;
    readonly perGroup: boolean;
  };
  readonly clauses: Clause[];
  cover?: CoverPart;
}

/** Reads the item table: section rows (A), item rows (A1) and their sub-rows (A1.1), by code and 计分方式. */
/** Reads the item table between two rows: sections, items, clauses and coverage parts. */
export function readTable(
  f: Findings,
  cols: Record<ColumnKey, number>,
  from: number,
  to: number
): { section: Section; declared?: number; maxAt: At }[] {
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
  return sections.map((s) => ({
    section: finishSection(f, s),
    maxAt: s.maxAt,
    ...(s.declared !== undefined ? { declared: s.declared } : {}),
  }));
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
  return {
    code,
    title,
    maxAt: at("max"),
    items: [],
    ...(declared !== undefined ? { declared } : {}),
  };
}

function readItem(
  f: Findings,
  at: RowAt,
  head: RowHead,
  section: SectionDraft | undefined
): ItemDraft {
  const { code, name, raw, rule } = head;
  if (code && !section) f.add("R2", at("code"), M.noSection(code));
  else if (code && section && !new RegExp(`^${section.code}\\d+$`).test(code))
    f.add("R2", at("code"), M.notInSection(code, section.code));
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

function readCount(
  f: Findings,
  at: RowAt,
  name: string,
  max: number | undefined
): ItemDraft["count"] {
  const needed = (key: ColumnKey, label: string): boolean => {
    if (f.blank(at(key))) f.add("R8", at(key), M.countNeeds(name, label));
    return !f.blank(at(key));
  };
  const required = needed("required", "要求次数")
    ? f.whole(at("required"), `${name} 的要求次数`)
    : undefined;
  const deduct = needed("deduct", "每次扣分")
    ? f.points(at("deduct"), `${name} 的每次扣分`)
    : undefined;
  if (deduct !== undefined && max !== undefined && deduct > max)
    f.add("R6", at("deduct"), M.tooDeep(name, deduct, name, max));
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
  else if (code && item && !new RegExp(`^${item.code.replace(/\./g, "\\.")}\\.\\d+$`).test(code))
    f.add("R2", at("code"), M.notInItem(code, item.code));
  if (rule === "CLAUSE") {
    const clause = readClause(f, at, name, item);
    if (item?.rule === "CHECK") item.clauses.push(clause);
    else if (item?.rule) f.add("R9", at("type"), M.clauseUnder(name, item.code));
  } else if (rule === "COVER") {
    const part = readCover(f, at, name, item);
    if (item?.rule && item.rule !== "CHECK" && item.rule !== "COVER")
      f.add("R9", at("type"), M.coverUnder(name, item.code));
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
  if (item?.max !== undefined && deduct > item.max)
    f.add("R6", at("deduct"), M.tooDeep(name, deduct, item.code, item.max));
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
  if (item?.max !== undefined && points > item.max)
    f.add("R10", at("max"), M.coverTooBig(name, points, item.code, item.max));
  // Blank 要求次数: the branch enters how many were required.
  const required = f.whole(at("required"), `${name} 的要求次数`, true);
  return required !== undefined ? { points, label, required } : { points, label };
}

function finishSection(f: Findings, s: SectionDraft): Section {
  const maxes = s.items.map((i) => i.max);
  if (s.declared !== undefined && maxes.every((m) => m !== undefined)) {
    const sum = maxes.reduce<number>((a, m) => a + (m ?? 0), 0);
    if (Math.abs(sum - s.declared) > 1e-9)
      f.add("R3", s.maxAt, M.sectionSum(s.code, round(sum), s.title, s.declared));
  }
  return { code: s.code, title: s.title, items: s.items.map((i) => finishItem(f, i)) };
}

function finishItem(f: Findings, d: ItemDraft): Item {
  return {
    code: d.code,
    title: d.title,
    standard: d.standard,
    max: d.max ?? 0,
    rule: ruleOf(f, d),
    naAllowed: d.naAllowed,
    evidence: d.evidence,
  };
}

function ruleOf(f: Findings, d: ItemDraft): Rule {
  switch (d.rule) {
    case "JUDGE":
    case "LADDER":
      return { type: "JUDGE", ladder: d.rule === "LADDER" };
    case "COUNT":
      return {
        type: "COUNT",
        required: d.count?.required ?? 0,
        deduct: d.count?.deduct ?? 0,
        unit: d.count?.unit ?? "次",
        perGroup: d.count?.perGroup ?? false,
      };
    case "CHECK":
      if (d.clauses.length === 0) f.add("R9", d.typeAt, M.noClauses(d.name));
      return d.cover
        ? { type: "CHECK", clauses: d.clauses, cover: d.cover }
        : { type: "CHECK", clauses: d.clauses };
    case "COVER":
      if (!d.cover) f.add("R9", d.typeAt, M.noCover(d.name));
      return { type: "COVER", cover: d.cover ?? { points: 0, label: "" } };
    default:
      // BOOL, or a 计分方式 already reported as unreadable (the rubric is then not returned).
      return { type: "BOOL" };
  }
}

const round = (x: number): number => Math.round(x * 100) / 100;
