import type { BranchRow } from "../consolidation/model";
import { fileName } from "../consolidation/inputs";
import type { Issue, Severity } from "../issues";
import { a4 } from "../print";
import { SCORESHEET } from "../scoresheet/layout";
import type { LinkSpec, SheetSpec } from "../../sheet/spec";
import type { FeedbackOptions } from "./feedback";
import { tableBuilder, tableRow, type ReportColumn } from "./table";

/** The first sheet of a 退回修改 workbook. */
export const FEEDBACK_SHEET = "退回意见";

/** 退回意见's problem table, in order. */
export const FEEDBACK_COLUMNS: readonly ReportColumn[] = [
  { header: "序号", width: 5 },
  { header: "单元格", width: 9 },
  { header: "严重程度", width: 8 },
  { header: "规则", width: 6 },
  { header: "问题及修改要求", width: 70 },
];

/** Rows above the problem table: title, branch, sender and date, the counts, what to do. */
const TABLE_ROW = 6;

/** 退回意见: who sends it back and when, the problems by severity, one row per problem linked to its cell. */
export function feedbackSheet(
  row: BranchRow,
  issues: readonly Issue[],
  options: FeedbackOptions
): SheetSpec {
  const b = tableBuilder(FEEDBACK_SHEET, FEEDBACK_COLUMNS, TABLE_ROW);
  const last = FEEDBACK_COLUMNS.length - 1;
  const line = (r: number, text: string, style: string, height: number): void => {
    b.value(r, 0, text, style).merge(r, 0, r, last, style).height(r, height);
  };
  const count = (s: Severity): number => issues.filter((i) => i.severity === s).length;
  line(0, "党支部标准化规范化建设达标创建打分表退回修改意见", "title", 32);
  line(
    1,
    `党支部：${row.header.name ?? ""}\u3000\u3000所属党委（党总支）：${row.header.committee ?? ""}\u3000\u3000报送文件：${fileName(row.file)}`,
    "plain",
    20
  );
  line(
    2,
    `退回单位：${sender(row, options)}\u3000\u3000退回日期：${dateText(options.today)}`,
    "plain",
    20
  );
  line(
    3,
    `共 ${issues.length} 个问题：错误 ${count("错误")} 个，警告 ${count("警告")} 个，提示 ${count("提示")} 个。`,
    "heading",
    22
  );
  line(4, whatToDo(row), "paragraph", 48);
  const links: LinkSpec[] = [];
  issues.forEach((issue, i) => {
    const r = TABLE_ROW + 1 + i;
    const onSheet = issue.cell !== undefined && issue.sheet === SCORESHEET;
    tableRow(
      b,
      r,
      [
        [i + 1, "code"],
        [issue.cell ?? null, "code"],
        [issue.severity, "code"],
        [issue.rule, "code"],
        [issue.message, "text"],
      ],
      FEEDBACK_COLUMNS
    );
    if (onSheet && issue.cell !== undefined)
      links.push({
        ref: `B${r + 1}`,
        location: `'${SCORESHEET}'!${issue.cell}`,
        tooltip: `转到打分表 ${issue.cell}`,
      });
  });
  return {
    ...b.build({
      print: a4("退回修改意见", "portrait", `${TABLE_ROW + 1}:${TABLE_ROW + 1}`),
    }),
    links,
  };
}

/** Who the 退回意见 and the comments say sends the workbook back. */
export function sender(row: BranchRow, options: FeedbackOptions): string {
  return options.committee ?? row.header.committee ?? "";
}

/** A day as 退回意见 writes it: "2019年5月20日". */
function dateText(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

function whatToDo(row: BranchRow): string {
  const repaired =
    row.flags.length > 0
      ? `报送文件中的公式或分值被改动过（${row.flags.join("、")}），本表已按官方模板恢复公式和分值，得分按恢复后的公式计算。`
      : "";
  return `${repaired}请在本工作簿的“打分表”上修改标出的格子（点击“单元格”一栏可跳转，格子旁的批注写明了问题），改好后将本工作簿重新报送。“打分表”中的总分和等次是按所填内容计算的结果。`;
}
