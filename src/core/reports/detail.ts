import type { BranchRow, Consolidation } from "../consolidation/model";
import { HEADER_FIELDS, type HeaderKey } from "../scoresheet/header";
import type { HeaderValues } from "../scoring/filling";
import { tableBuilder, fittedRow, tableRange, type ReportColumn } from "./table";
import { a4 } from "../print";
import { allItems, enabledVetoes, type Rubric } from "../rubric/rubric";
import { slotsOf } from "../rubric/slots";
import type { SheetSpec } from "../../sheet/spec";
import { byCommitteeThenScore } from "./branch-order";
import { entryValue, starsText } from "./words";
import { KEY_HEADER, REPORT_SHEETS } from "../consolidation/report-format";

/** The 明细 sheet's columns, in order: what the next level's roll-up reads back. */
export const DETAIL_COLUMNS: readonly ReportColumn[] = [
  { header: KEY_HEADER, width: 12, hidden: true },
  { header: "所属党委", width: 18 },
  { header: "党支部名称", width: 18 },
  // Wide enough for a header field's label ("正式党员人数") and a phone number on one line.
  { header: "编号", width: 14 },
  { header: "项目", width: 32 },
  { header: "填报", width: 14 },
  { header: "分值", width: 6 },
  { header: "自评得分", width: 7 },
  { header: "审核得分", width: 7 },
  { header: "抽验得分", width: 7 },
  { header: "最终得分", width: 7 },
  { header: "扣分说明", width: 30 },
];

/** A 明细 value: text, a number or blank (yes/no as 是/否, as the form shows them). */
type DetailValue = string | number | null;

/** The style of each 明细 column; rows without scores end at 填报 (column F). */
const DETAIL_STYLES: readonly string[] = [
  "small",
  "text",
  "text",
  "code",
  "text",
  "code",
  "number",
  "score",
  // 审核 and 抽验 stay open for the committee to type into; they are carried over on re-consolidation.
  "inputScore",
  "inputScore",
  "score",
  "small",
];

/**
 * The 明细 sheet: per branch, its header fields, each item with its sub-slots, and the vetoes — enough
 * to recompute it. Its rows are made as they are written, one branch at a time: at 5,000 branches
 * the sheet has 410,000 rows, the largest thing a report holds.
 */
export function detailSheet(c: Consolidation, rubric: Rubric): SheetSpec {
  const b = tableBuilder(REPORT_SHEETS.detail, DETAIL_COLUMNS);
  const branches = [...c.branches].sort(byCommitteeThenScore);
  const perBranch = detailRowCount(rubric);
  let made: { branch: BranchRow; rows: (readonly DetailValue[])[] } | undefined;
  b.lazyRows(1, branches.length * perBranch, DETAIL_STYLES, (i) => {
    const branch = branches[Math.floor(i / perBranch)];
    if (branch === undefined) throw new RangeError(`明细 has no row ${i + 1}`);
    if (made?.branch !== branch) {
      made = { branch, rows: branchRows(branch, rubric) };
      if (made.rows.length !== perBranch)
        throw new Error(`明细 rows of ${branch.key}: ${made.rows.length}, not ${perBranch}`);
    }
    return fittedRow(made.rows[i % perBranch] ?? [], DETAIL_STYLES, DETAIL_COLUMNS);
  });
  return b.build({
    freeze: { rows: 1, columns: 0 },
    autoFilter: tableRange(0, branches.length * perBranch, DETAIL_COLUMNS.length),
    print: a4("标准化规范化建设达标创建明细", "landscape", "1:1"),
  });
}

/** How many 明细 rows each branch has: one per header field, item, sub-slot and veto. */
function detailRowCount(rubric: Rubric): number {
  // An item's own row, then a row for each sub-slot (a slot keyed by the item's code is that row).
  const itemRows = allItems(rubric).reduce(
    (n, item) => n + 1 + slotsOf(item).filter((s) => s.key !== item.code).length,
    0
  );
  return HEADER_FIELDS.length + itemRows + enabledVetoes(rubric).length;
}

/** One branch's rows: header fields, then each item followed by its sub-slots, then the vetoes. */
function branchRows(branch: BranchRow, rubric: Rubric): (readonly DetailValue[])[] {
  const rows: (readonly DetailValue[])[] = [];
  const { key } = branch;
  const { committee, name } = branch.header;
  // Rows without scores end at 填报: blank bordered cells would add a third of the sheet's cells
  // (~300 per branch), and this sheet is the largest thing the report writes.
  const line = (code: string, title: string, entry: string | number | null): void => {
    rows.push([key, committee, name, code, title, entry]);
  };
  // What could not be read is shown as typed, so the next level reads (and says) the same.
  const unread = (code: string): string | null => branch.unread[code] ?? null;
  for (const field of HEADER_FIELDS)
    line(field.label, "基本信息", headerValue(branch.header, field.key) ?? unread(field.key));
  const scores = new Map(branch.items.map((s) => [s.code, s]));
  for (const item of allItems(rubric)) {
    const s = scores.get(item.code);
    const entry = entryValue(branch.entries[item.code]) ?? unread(item.code);
    rows.push([
      key,
      committee,
      name,
      item.code,
      item.title,
      entry,
      item.max,
      s?.self ?? null,
      s?.review ?? null,
      s?.sample ?? null,
      s?.final ?? null,
      branch.notes[item.code] ?? null,
    ]);
    for (const slot of slotsOf(item))
      if (slot.key !== item.code)
        line(slot.key, slot.label, entryValue(branch.entries[slot.key]) ?? unread(slot.key));
  }
  for (const veto of enabledVetoes(rubric))
    line(veto.code, veto.title, entryValue(branch.vetoAnswers[veto.code]) ?? unread(veto.code));
  return rows;
}

/** A header field's value as the form shows it (dates as yyyy-mm-dd text, so no reader mistakes them for numbers). */
function headerValue(h: HeaderValues, key: HeaderKey): string | number | null {
  switch (key) {
    case "hasCommittee":
      return h.hasCommittee === null ? null : h.hasCommittee ? "是" : "否";
    case "lastElection": {
      const d = h.lastElection;
      return d
        ? `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`
        : null;
    }
    case "stars":
      return h.stars === null ? null : starsText(h.stars);
    default:
      return h[key];
  }
}
