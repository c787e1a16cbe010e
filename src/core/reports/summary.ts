import type { BranchRow, Consolidation } from "../consolidation/model";
import { tableBuilder, tableRange, tableRow, type ReportColumn, type RowCell } from "./table";
import { a4 } from "../print";
import { columnName } from "../../sheet/address";
import { sectionMax, type Rubric } from "../rubric/rubric";
import type { SheetSpec } from "../../sheet/spec";
import { byCommitteeThenScore } from "./branch-order";
import { VERIFIED } from "../consolidation/held";
import {
  HELD_HEADER,
  KEY_HEADER,
  REPORT_SHEETS,
  VANISHED_FLAG,
  VERIFY_HEADER,
} from "../consolidation/report-format";
import { starsText } from "./words";
import { sourceNames } from "../consolidation/inputs";
import { stageReach } from "../scoring/score";

/** The 汇总表's headers, in order; the section columns sit between 星级 and 自评总分. */
export const SUMMARY_HEADERS = {
  before: ["序号", "所属党委", "党支部名称", "支部类型", "负责人", "联系方式", "星级"],
  after: [
    "自评总分",
    "审核总分",
    "抽验总分",
    "审核情况",
    "最终总分",
    "等次",
    "等次说明",
    "否决项",
    "标记",
    HELD_HEADER,
    "错误数",
    "警告数",
    "来源文件",
    "备注",
    "命名",
    VERIFY_HEADER,
    KEY_HEADER,
  ],
} as const;

// Narrow enough that 27 columns fit one landscape page at about three-quarter scale; text wraps.
// Four CJK characters ("国有企业", "自评总分") need 7.5 to stay on one line in Excel's 宋体.
const BEFORE_WIDTHS = [4.5, 12, 16, 7.5, 6.5, 12, 5];
const AFTER_WIDTHS = [7.5, 7.5, 7.5, 7.5, 7.5, 5.5, 14, 5.5, 12, 14, 4, 4, 13, 10, 7, 7, 12];
const SECTION_WIDTH = 5.5;

/** One column per section, headed like "A组织体系设置(10)". */
function sectionHeader(code: string, title: string, max: number): string {
  return `${code}${title}(${max})`;
}

/** The 汇总表: one row per branch, by 所属党委 then 最终总分; 备注, 命名 and 核实 are for the committee to type. */
export function summarySheet(c: Consolidation, rubric: Rubric): SheetSpec {
  const columns: ReportColumn[] = [
    ...SUMMARY_HEADERS.before.map((header, i) => ({ header, width: BEFORE_WIDTHS[i] ?? 8 })),
    ...rubric.sections.map((s) => ({
      header: sectionHeader(s.code, s.title, sectionMax(s)),
      width: SECTION_WIDTH,
    })),
    ...SUMMARY_HEADERS.after.map((header, i) => ({
      header,
      width: AFTER_WIDTHS[i] ?? 8,
      hidden: header === KEY_HEADER,
    })),
  ];
  const b = tableBuilder(REPORT_SHEETS.summary, columns);
  const rows = [...c.branches].sort(byCommitteeThenScore);
  rows.forEach((branch, i) => {
    tableRow(b, i + 1, rowCells(branch, i + 1, rubric), columns);
  });
  const verify = columnName(columns.findIndex((col) => col.header === VERIFY_HEADER));
  if (rows.length > 0)
    b.validate({
      ranges: [`${verify}2:${verify}${rows.length + 1}`],
      type: "list",
      list: [VERIFIED],
      allowBlank: true,
      prompt: {
        title: "核实",
        text: "“待核实”列有原因的党支部，核实无误后选“已核实”，再次汇总时即可列入推荐名单和公示名单。",
      },
      error: { title: "核实", text: `只能选“${VERIFIED}”或留空。`, style: "stop" },
    });
  return b.build({
    freeze: { rows: 1, columns: 3 },
    autoFilter: tableRange(0, rows.length, columns.length),
    print: a4("标准化规范化建设达标创建汇总表", "landscape", "1:1"),
  });
}

function rowCells(b: BranchRow, n: number, rubric: Rubric): RowCell[] {
  const h = b.header;
  const section = (code: string): number | null =>
    b.sections.find((s) => s.code === code)?.final ?? null;
  const flags = b.vanished ? [VANISHED_FLAG, ...b.flags] : b.flags;
  return [
    [n, "code"],
    [h.committee, "text"],
    [h.name, "text"],
    [h.type, "code"],
    [h.leader, "code"],
    [h.contact, "code"],
    [starsText(h.stars), "code"],
    ...rubric.sections.map((s): RowCell => [section(s.code), "score"]),
    [b.totals.self, "score"],
    [b.totals.review, "score"],
    [b.totals.sample, "score"],
    [stagesText(b), "code"],
    [b.totals.final, "score"],
    [b.tier, "code"],
    // Why the tier is below what the total alone would give (群众满意度76.5%低于80%，不能评为示范).
    [b.caps.join("；"), "small"],
    [b.vetoes.join("、"), "code"],
    [flags.join("；"), "small"],
    [b.verified ? "" : b.held.join("；"), "small"],
    [b.errors, "number"],
    [b.warnings, "number"],
    [sourceNames(b.file), "small"],
    [b.remark, "input"],
    [b.naming, "input"],
    [b.verified ? VERIFIED : "", "input"],
    [b.key, "small"],
  ];
}

/** 审核情况: which later stages the committee scored, and whether only partly (部分审核: the rest count at 自评). */
function stagesText(b: BranchRow): string {
  const words: Record<"review" | "sample", [string, string]> = {
    review: ["已审核", "部分审核"],
    sample: ["已抽验", "部分抽验"],
  };
  return (["review", "sample"] as const)
    .flatMap((stage) => {
      const reach = stageReach(b.items, stage);
      return reach === "none" ? [] : [words[stage][reach === "all" ? 0 : 1]];
    })
    .join("；");
}
