import { cellRef } from "../../sheet/address";
import type { SheetSnapshot, WorkbookSnapshot } from "../../sheet/snapshot";
import type { Issue } from "../issues";
import { ROSTER_MSG as M } from "../messages";
import { displayText, readStars, readText } from "../readings";
import { BRANCH_TYPES } from "../rubric/rubric";
import { normaliseLabel } from "../scoresheet/header";
import { branchKey, normaliseName } from "./identity";

// The committee's roster (名册): every branch it has, whether or not it sends a file. 党支部数, the
// denominator of 达标比例 and of the 20 % rule, counts the roster, not only the files received.

/** The roster sheet's name; a workbook without one is read from its first sheet. */
export const ROSTER_SHEET = "名册";

/** The roster's columns: the two required first, then the optional ones the committee may fill. */
export const ROSTER_COLUMNS = [
  { key: "committee", label: "所属党委（党总支）", width: 26, required: true },
  { key: "name", label: "党支部名称", width: 30, required: true },
  { key: "leader", label: "党支部负责人", width: 12, required: false },
  { key: "contact", label: "联系方式", width: 16, required: false },
  { key: "type", label: "支部类型", width: 12, required: false },
  { key: "stars", label: "星级", width: 8, required: false },
] as const;
/** One column of the roster. */
export type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"];

/** Header texts accepted for each column besides its label (normalised as scoresheet labels are). */
const ALIASES: Readonly<Record<RosterKey, readonly string[]>> = {
  committee: ["所属党委", "所属党总支", "所属党委党总支", "所属党组织"],
  name: ["支部名称", "党支部"],
  leader: ["负责人", "党支部书记", "支部书记", "书记"],
  contact: ["联系电话", "电话", "手机"],
  type: ["类型"],
  stars: ["星级评定", "星级等次"],
};

/** One branch of the roster, with the cell its name was read from. */
export interface RosterEntry {
  readonly key: string;
  readonly committee: string;
  readonly name: string;
  readonly leader: string | null;
  readonly contact: string | null;
  readonly type: string | null;
  readonly stars: number | null;
  /** Where it was read: "名册!B3", or the report that carried it. */
  readonly source: string;
}

/** The roster as read: its branches in sheet order, and the sheet it came from. */
export interface Roster {
  readonly entries: readonly RosterEntry[];
  readonly sheet: string;
}

/** A roster read from a workbook, or every problem that stops it being used, each at its cell. */
export type RosterRead =
  { readonly ok: true; readonly roster: Roster } | { readonly ok: false; readonly issues: Issue[] };

/** How far down a header row may be (a title and a note above it are fine). */
const HEADER_SEARCH_ROWS = 10;

/** Reads the 名册 sheet (or the first sheet) of a workbook as a roster. */
export function readRoster(book: WorkbookSnapshot): RosterRead {
  const sheet =
    book.sheets.find((s) => s.name.trim() === ROSTER_SHEET) ??
    book.sheets.find((s) => !s.hidden) ??
    book.sheets[0];
  if (!sheet) return { ok: false, issues: [problem(undefined, undefined, M.noSheet())] };
  const header = findHeader(sheet);
  if (!header) return { ok: false, issues: [problem(sheet.name, "A1", M.noColumns(sheet.name))] };
  const issues: Issue[] = [];
  const entries: RosterEntry[] = [];
  const seen = new Map<string, string>();
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const text = (key: RosterKey): string => {
      const col = header.cols.get(key);
      return col === undefined ? "" : readText(sheet.rows[r]?.[col]?.v);
    };
    const at = (key: RosterKey): string => cellRef(r, header.cols.get(key) ?? 0);
    const committee = text("committee");
    const name = text("name");
    const other = ROSTER_COLUMNS.some((c) => !c.required && text(c.key) !== "");
    if (!normaliseName(committee) && !normaliseName(name)) {
      if (other) issues.push(problem(sheet.name, at("name"), M.emptyNames(r + 1)));
      continue;
    }
    if (!normaliseName(committee))
      issues.push(problem(sheet.name, at("committee"), M.noCommittee(r + 1)));
    if (!normaliseName(name)) issues.push(problem(sheet.name, at("name"), M.noName(r + 1)));
    if (!normaliseName(committee) || !normaliseName(name)) continue;
    const key = branchKey(committee, name);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(problem(sheet.name, at("name"), M.duplicate(name, first)));
      continue;
    }
    seen.set(key, at("name"));
    const type = text("type");
    if (type && !(BRANCH_TYPES as readonly string[]).includes(type.normalize("NFKC")))
      issues.push(problem(sheet.name, at("type"), M.badType(type)));
    const starsText = text("stars");
    const stars = starsText === "" ? null : readStars(starsText);
    if (stars === undefined) issues.push(problem(sheet.name, at("stars"), M.badStars(starsText)));
    entries.push({
      key,
      committee,
      name,
      leader: text("leader") || null,
      contact: text("contact") || null,
      type: type ? type.normalize("NFKC") : null,
      stars: stars ?? null,
      source: `${sheet.name}!${at("name")}`,
    });
  }
  if (issues.length === 0 && entries.length === 0)
    issues.push(problem(sheet.name, cellRef(header.row + 1, 0), M.empty(sheet.name)));
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, roster: { entries, sheet: sheet.name } };
}

/** The header row and the column of each roster field found in it. */
function findHeader(
  sheet: SheetSnapshot
): { row: number; cols: Map<RosterKey, number> } | undefined {
  const known = new Map<string, RosterKey>();
  for (const c of ROSTER_COLUMNS)
    for (const text of [c.label, ...ALIASES[c.key]]) known.set(labelOf(text), c.key);
  for (let r = 0; r < Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); r++) {
    const cols = new Map<RosterKey, number>();
    (sheet.rows[r] ?? []).forEach((cell, col) => {
      const key = known.get(labelOf(displayText(cell?.v)));
      if (key && !cols.has(key)) cols.set(key, col);
    });
    if (cols.has("committee") && cols.has("name")) return { row: r, cols };
  }
  return undefined;
}

/** A header text as matched: the scoresheet's label normalisation, and （党总支） optional. */
function labelOf(text: string): string {
  return normaliseLabel(text)
    .replace(/\(党总支\)/g, "党总支")
    .replace(/^所属党委党总支$/, "所属党委");
}

function problem(sheet: string | undefined, cell: string | undefined, message: string): Issue {
  return {
    severity: "错误",
    rule: "R1",
    ...(sheet !== undefined && { sheet }),
    ...(cell !== undefined && { cell }),
    message,
  };
}
