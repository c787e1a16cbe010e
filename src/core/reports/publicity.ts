import { releasable } from "../consolidation/held";
import type { BranchRow, Consolidation } from "../consolidation/model";
import { tableBuilder, tableRange, tableRow, type ReportColumn } from "./table";
import { a4 } from "../print";
import { TIERS } from "../rubric/rubric";
import type { SheetSpec } from "../../sheet/spec";
import { byCommitteeThenScore, presentBranches } from "./branch-order";
import { GAP, dateLine, namedModel, statedTier } from "./words";
import { REPORT_SHEETS } from "../consolidation/report-format";

/** The 公示名单's title. */
export const PUBLICITY_TITLE = "标准化规范化建设先进、达标党支部公示名单";

/** The 公示名单's columns, in order. */
export const PUBLICITY_COLUMNS: readonly ReportColumn[] = [
  { header: "序号", width: 6 },
  { header: "所属党委", width: 26 },
  { header: "党支部名称", width: 32 },
  { header: "等次", width: 8 },
  { header: "最终总分", width: 9 },
];

const HEADER_ROW = 2;

/** The 公示名单 (notice: 对先进党支部、达标党支部进行公示): every branch at 达标 or better, best tier first. */
export function publicitySheet(c: Consolidation): SheetSpec {
  const listed = presentBranches(c)
    // Held-back branches (待核实) are published only once the committee has released them.
    .filter((b) => b.tier !== "未达标" && releasable(b))
    .sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) || byCommitteeThenScore(a, b));
  const last = PUBLICITY_COLUMNS.length - 1;
  const b = tableBuilder(REPORT_SHEETS.publicity, PUBLICITY_COLUMNS, HEADER_ROW);
  b.value(0, 0, PUBLICITY_TITLE, "title").merge(0, 0, 0, last).height(0, 36);
  b.value(1, 0, tierLine(listed), "subtitle").merge(1, 0, 1, last);
  listed.forEach((branch, i) => {
    const r = HEADER_ROW + 1 + i;
    tableRow(
      b,
      r,
      [
        [i + 1, "code"],
        [branch.header.committee, "text"],
        [branch.header.name, "text"],
        [statedTier(branch), "code"],
        [branch.totals.final, "score"],
      ],
      PUBLICITY_COLUMNS
    );
  });
  const end = HEADER_ROW + listed.length + 1;
  b.value(
    end + 1,
    0,
    `公示时间：${dateLine()}至${dateLine()}。如有异议，请向${GAP.repeat(6)}反映。`,
    "plain"
  ).merge(end + 1, 0, end + 1, last);
  return b.build({
    freeze: { rows: HEADER_ROW + 1, columns: 0 },
    autoFilter: tableRange(HEADER_ROW, HEADER_ROW + listed.length, PUBLICITY_COLUMNS.length),
    print: a4(PUBLICITY_TITLE, "portrait", `${HEADER_ROW + 1}:${HEADER_ROW + 1}`),
  });
}

/** "先进 12 个（其中拟推荐示范 5 个），达标 3 个": 示范 stated only for branches the 工委 has named. */
function tierLine(listed: readonly BranchRow[]): string {
  const proposed = listed.filter((b) => b.tier === "示范" && !namedModel(b)).length;
  const named = listed.filter((b) => b.tier === "示范" && namedModel(b)).length;
  return (
    (named > 0 ? `示范 ${named} 个，` : "") +
    `先进 ${count(listed, "先进") + proposed} 个${proposed > 0 ? `（其中拟推荐示范 ${proposed} 个）` : ""}，达标 ${count(listed, "达标")} 个`
  );
}

function count(list: readonly BranchRow[], tier: BranchRow["tier"]): number {
  return list.filter((b) => b.tier === tier).length;
}
