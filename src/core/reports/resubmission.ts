import type { Consolidation } from "../consolidation/model";
import { fileName } from "../consolidation/inputs";
import type { Issue } from "../issues";
import { a4 } from "../print";
import type { SheetSpec } from "../../sheet/spec";
import type { Standing } from "../consolidation/resubmission";
import { tableBuilder, tableRange, tableRow, type ReportColumn } from "./table";

/** The 重报对比 sheet's name. */
export const RESUBMISSION_SHEET = "重报对比";

/** 重报对比's columns, in order. */
export const RESUBMISSION_COLUMNS: readonly ReportColumn[] = [
  { header: "序号", width: 5 },
  { header: "所属党委", width: 16 },
  { header: "党支部名称", width: 18 },
  { header: "对比对象", width: 22 },
  { header: "本次文件", width: 22 },
  { header: "改动的填报（原 → 新）", width: 30 },
  { header: "已改正的问题", width: 36 },
  { header: "仍存在的问题", width: 36 },
  { header: "之前得分/等次", width: 12 },
  { header: "本次得分/等次", width: 12 },
];

const list = (issues: readonly Issue[]): string =>
  issues.length === 0
    ? "无"
    : `${issues.length} 个：` +
      issues.map((i) => `${i.cell ? `${i.cell} ` : ""}${i.message}`).join("\n");

const standing = (s: Standing): string => `${s.final}分 ${s.tier}`;

/** 重报对比: per resubmitted branch, the entries changed, problems fixed and remaining, score and tier before and after. */
export function resubmissionSheet(c: Consolidation): SheetSpec {
  const rows = c.branches.filter((b) => !b.vanished && b.resubmission !== undefined);
  const b = tableBuilder(RESUBMISSION_SHEET, RESUBMISSION_COLUMNS);
  rows.forEach((row, i) => {
    const r = row.resubmission;
    if (r === undefined) return;
    const earlier =
      r.source === "previous"
        ? `上次汇总报告（${fileName(r.earlierFile)}）`
        : `被替代的文件 ${fileName(r.earlierFile)}`;
    const changes =
      r.changes.length === 0
        ? "无"
        : r.changes
            .map((x) => `${x.key}：${x.before || "（空）"} → ${x.after || "（空）"}`)
            .join("\n");
    tableRow(
      b,
      i + 1,
      [
        [i + 1, "code"],
        [row.header.committee, "small"],
        [row.header.name, "small"],
        [earlier, "small"],
        [fileName(row.file), "small"],
        [changes, "small"],
        [list(r.fixed), "small"],
        [list(r.remaining), "small"],
        [standing(r.before), "code"],
        [standing(r.after), "code"],
      ],
      RESUBMISSION_COLUMNS
    );
  });
  return b.build({
    freeze: { rows: 1, columns: 3 },
    autoFilter: tableRange(0, rows.length, RESUBMISSION_COLUMNS.length),
    print: a4("重报对比", "landscape", "1:1"),
  });
}
