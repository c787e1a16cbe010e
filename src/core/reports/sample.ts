import type { BranchRow, Consolidation } from "../consolidation/model";
import { percentText } from "../consolidation/recommend";
import { tableBuilder, tableRange, tableRow, type ReportColumn } from "./table";
import { a4 } from "../print";
import { drawSample, type SampleOptions } from "../consolidation/sample-draw";
import type { SheetSpec } from "../../sheet/spec";
import { byCommitteeThenScore } from "./branch-order";
import { REPORT_SHEETS } from "../consolidation/report-format";
import { starsText } from "./words";

/** The 抽验名单's columns, in order; 抽验得分 is for the inspection team to fill. */
export const SAMPLE_COLUMNS: readonly ReportColumn[] = [
  { header: "序号", width: 6 },
  { header: "所属党委", width: 22 },
  { header: "党支部名称", width: 28 },
  { header: "星级", width: 6 },
  { header: "等次", width: 7 },
  { header: "最终总分", width: 8 },
  { header: "抽取方式", width: 11 },
  { header: "抽验得分", width: 9 },
];

/** How a branch came into the sample. */
export const SAMPLE_WAYS = {
  fiveStar: "五星级必验",
  held: "待核实必验",
  drawn: "随机抽取",
} as const;

const HEADER_ROW = 2;

/** The 抽验名单: five-star and held-back branches first, then the seeded random share, with what it takes to redraw it. */
export function sampleSheet(c: Consolidation, options: SampleOptions): SheetSpec {
  const s = drawSample(c.branches, options);
  const of = (why: "fiveStar" | "held"): BranchRow[] =>
    s.mandatory.filter((b) => s.why.get(b.key) === why).sort(byCommitteeThenScore);
  const fiveStar = of("fiveStar");
  const held = of("held");
  const rows: [BranchRow, string][] = [
    ...fiveStar.map((b): [BranchRow, string] => [b, SAMPLE_WAYS.fiveStar]),
    ...held.map((b): [BranchRow, string] => [b, SAMPLE_WAYS.held]),
    ...[...s.drawn]
      .sort(byCommitteeThenScore)
      .map((b): [BranchRow, string] => [b, SAMPLE_WAYS.drawn]),
  ];
  const last = SAMPLE_COLUMNS.length - 1;
  const b = tableBuilder(REPORT_SHEETS.sample, SAMPLE_COLUMNS, HEADER_ROW);
  b.value(0, 0, "标准化规范化建设达标创建抽验名单", "title").merge(0, 0, 0, last).height(0, 36);
  const line = `共抽验 ${rows.length} 个：五星级党支部（重点对象）${fiveStar.length} 个、待核实或有标记的党支部 ${held.length} 个全部抽验；其余示范、先进、达标党支部 ${s.pool} 个中按 ${percentText(options.ratio)} 随机抽取 ${s.drawn.length} 个（随机种子 ${options.seed}，同一名单、同一种子可重现本次抽取）。`;
  b.value(1, 0, line, "note").merge(1, 0, 1, last).height(1, 32);
  rows.forEach(([branch, way], i) => {
    const r = HEADER_ROW + 1 + i;
    const h = branch.header;
    tableRow(
      b,
      r,
      [
        [i + 1, "code"],
        [h.committee, "text"],
        [h.name, "text"],
        [starsText(h.stars), "code"],
        [branch.tier, "code"],
        [branch.totals.final, "score"],
        [way, "code"],
        [null, "inputScore"],
      ],
      SAMPLE_COLUMNS
    );
  });
  return b.build({
    freeze: { rows: HEADER_ROW + 1, columns: 0 },
    autoFilter: tableRange(HEADER_ROW, HEADER_ROW + rows.length, SAMPLE_COLUMNS.length),
    print: a4(
      "标准化规范化建设达标创建抽验名单",
      "portrait",
      `${HEADER_ROW + 1}:${HEADER_ROW + 1}`
    ),
  });
}
