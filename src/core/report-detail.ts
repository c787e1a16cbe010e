import type { BranchRow, Consolidation } from "./consolidation";
import { HEADER_FIELDS, type HeaderKey } from "./header";
import type { HeaderValues } from "./filling";
import {
  a4,
  byCommitteeThenScore,
  entryValue,
  KEY_HEADER,
  REPORT_SHEETS,
  starsText,
  tableBuilder,
  tableRange,
  tableRow,
  type ReportColumn,
  type RowCell,
} from "./report-common";
import { allItems, enabledVetoes, type Rubric } from "./rubric";
import { slotsOf } from "./slots";
import type { SheetSpec } from "./spec";

/** The 明细 sheet's columns, in order: what the next level's roll-up reads back. */
export const DETAIL_COLUMNS: readonly ReportColumn[] = [
  { header: KEY_HEADER, width: 12, hidden: true },
  { header: "所属党委", width: 18 },
  { header: "党支部名称", width: 18 },
  // Wide enough for the header fields' keys ("committeeSize") and a phone number on one line.
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

/** The 明细 sheet: per branch, its header fields, each item with its sub-slots, and the vetoes — enough to recompute it. */
export function detailSheet(c: Consolidation, rubric: Rubric): SheetSpec {
  const b = tableBuilder(REPORT_SHEETS.detail, DETAIL_COLUMNS);
  let row = 1;
  for (const branch of [...c.branches].sort(byCommitteeThenScore)) {
    for (const cells of branchRows(branch, rubric)) tableRow(b, row++, cells, DETAIL_COLUMNS);
  }
  return b.build({
    freeze: { rows: 1, columns: 0 },
    autoFilter: tableRange(0, row - 1, DETAIL_COLUMNS.length),
    print: a4("标准化规范化建设达标创建明细", "landscape", "1:1"),
  });
}

/** One branch's rows: header fields, then each item followed by its sub-slots, then the vetoes. */
function branchRows(branch: BranchRow, rubric: Rubric): RowCell[][] {
  const rows: RowCell[][] = [];
  const who: RowCell[] = [
    [branch.key, "small"],
    [branch.header.committee, "text"],
    [branch.header.name, "text"],
  ];
  // Rows without scores end at 填报: blank bordered cells would add a third of the sheet's cells
  // (~300 per branch), and this sheet is the largest thing the report writes.
  const line = (
    code: string,
    title: string,
    entry: string | number | null,
    rest: readonly RowCell[] = []
  ): void => {
    rows.push([...who, [code, "code"], [title, "text"], [entry, "code"], ...rest]);
  };
  for (const field of HEADER_FIELDS)
    line(field.key, field.label, headerValue(branch.header, field.key));
  const scores = new Map(branch.items.map((s) => [s.code, s]));
  for (const item of allItems(rubric)) {
    const s = scores.get(item.code);
    // 审核 and 抽验 stay open for the committee to type into; they are carried over on re-consolidation.
    line(item.code, item.title, entryValue(branch.entries[item.code]), [
      [item.max, "number"],
      [s?.self ?? null, "score"],
      [s?.review ?? null, "inputScore"],
      [s?.sample ?? null, "inputScore"],
      [s?.final ?? null, "score"],
      [branch.notes[item.code] ?? null, "small"],
    ]);
    for (const slot of slotsOf(item))
      if (slot.key !== item.code) line(slot.key, slot.label, entryValue(branch.entries[slot.key]));
  }
  for (const veto of enabledVetoes(rubric))
    line(veto.code, veto.title, entryValue(branch.vetoAnswers[veto.code]));
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
