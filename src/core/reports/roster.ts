import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec, ValidationSpec } from "../../sheet/spec";
import { columnName } from "../../sheet/address";
import { normaliseName } from "../consolidation/identity";
import type { Consolidation } from "../consolidation/model";
import { ROSTER_COLUMNS, ROSTER_SHEET, type RosterEntry } from "../consolidation/roster";
import { a4 } from "../print";
import { BRANCH_TYPES, STAR_CHOICES } from "../rubric/rubric";
import { starsText } from "./words";

/** The line above the roster's header: how to fill it so it reads back. */
export const ROSTER_HOW_TO =
  "填表说明：每行填一个党支部。“所属党委（党总支）”和“党支部名称”必填，须与党支部在打分表上填写的一致；每行都要填写，不要合并单元格。负责人和联系方式用于催报；支部类型、星级可从下拉列表选择。汇总时用 --roster 指定本文件。";
/** A blank roster offers this many rows to fill; more can be added below. */
const BLANK_ROWS = 60;
const HEADER_ROW = 1;

/** One branch as a roster row. */
export type RosterRow = Omit<RosterEntry, "key" | "source">;

/** The 名册 sheet: the 填表说明 line, the header, and one row per branch (blank rows to fill when none are given). */
export function rosterSheet(rows: readonly RosterRow[] = []): SheetSpec {
  const b = new SheetBuilder(
    ROSTER_SHEET,
    ROSTER_COLUMNS.map((c) => ({ width: c.width }))
  );
  const last = ROSTER_COLUMNS.length - 1;
  b.value(0, 0, ROSTER_HOW_TO, "note").merge(0, 0, 0, last, "note").height(0, 48);
  ROSTER_COLUMNS.forEach((c, col) => b.value(HEADER_ROW, col, c.label, "head"));
  b.height(HEADER_ROW, 24);
  const count = rows.length > 0 ? rows.length : BLANK_ROWS;
  for (let i = 0; i < count; i++) {
    const row = rows[i];
    const r = HEADER_ROW + 1 + i;
    const values: (string | null)[] = [
      row?.committee ?? null,
      row?.name ?? null,
      row?.leader ?? null,
      row?.contact ?? null,
      row?.type ?? null,
      row?.stars === null || row?.stars === undefined ? null : starsText(row.stars),
    ];
    values.forEach((v, col) => b.value(r, col, v, "input"));
  }
  const lastRow = HEADER_ROW + count;
  const range = (key: (typeof ROSTER_COLUMNS)[number]["key"]): string => {
    const col = columnName(ROSTER_COLUMNS.findIndex((c) => c.key === key));
    return `${col}${HEADER_ROW + 2}:${col}${lastRow + 1}`;
  };
  const list = (
    key: "type" | "stars",
    title: string,
    choices: readonly string[]
  ): ValidationSpec => ({
    ranges: [range(key)],
    type: "list",
    list: choices,
    allowBlank: true,
    prompt: { title, text: `从下拉列表选择：${choices.join("、")}。` },
    error: { title, text: `请从下拉列表选择：${choices.join("、")}。`, style: "stop" },
  });
  b.validate(list("type", "支部类型", BRANCH_TYPES));
  b.validate(list("stars", "星级", STAR_CHOICES));
  return b.build({
    freeze: { rows: HEADER_ROW + 1, columns: 0 },
    autoFilter: `A${HEADER_ROW + 1}:${columnName(last)}${lastRow + 1}`,
    print: a4("党支部名册", "portrait", `${HEADER_ROW + 1}:${HEADER_ROW + 1}`),
  });
}

/** The roster of the branches a report holds, with its own roster's branches that sent nothing: next year's start. */
export function rosterOf(c: Consolidation): RosterRow[] {
  const rows = new Map<string, RosterRow>();
  for (const e of c.roster?.entries ?? []) rows.set(e.key, e);
  for (const b of c.branches)
    rows.set(b.key, {
      committee: b.header.committee ?? "",
      name: b.header.name ?? "",
      leader: b.header.leader ?? rows.get(b.key)?.leader ?? null,
      contact: b.header.contact ?? rows.get(b.key)?.contact ?? null,
      type: b.header.type ?? rows.get(b.key)?.type ?? null,
      stars: b.header.stars ?? rows.get(b.key)?.stars ?? null,
    });
  return [...rows.values()].sort(
    (a, b) =>
      normaliseName(a.committee).localeCompare(normaliseName(b.committee), "zh-CN") ||
      normaliseName(a.name).localeCompare(normaliseName(b.name), "zh-CN")
  );
}
