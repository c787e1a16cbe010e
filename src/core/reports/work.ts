import type { Consolidation } from "../consolidation/model";
import { percentText } from "../consolidation/recommend";
import { formPrint } from "../print";
import { reportFacts, type ReportFacts } from "./facts";
import type { Rubric } from "../rubric/rubric";
import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";
import { dateLine, GAP, namedModel } from "./words";
import { REPORT_SHEETS } from "../consolidation/report-format";

/** The 工作情况 report's title and its four parts, as the notice names them. */
export const WORK_REPORT = {
  title: "党支部标准化规范化建设达标创建工作情况报告",
  parts: ["一、基本情况", "二、达标比例", "三、存在问题", "四、下步打算"],
  hint: "（由党委填写）",
} as const;

/** Who reports and when. */
export interface WorkReportOptions {
  readonly unit?: string;
  readonly year?: number;
}

const COLUMNS = 8;
const WIDTH = 11;
const LAST = COLUMNS - 1;
/** Characters per printed line of a paragraph across all columns at 11 pt (LibreOffice fits about 50; Excel's 宋体 runs a little wider). */
const CHARS_PER_LINE = 44;
const INPUT_ROWS = 8;
const INDENT = GAP.repeat(2);

/** The report to the 工委组织部 (notice: 含基本情况、达标比例、存在问题、下步打算), written from the numbers. */
export function workSheet(
  c: Consolidation,
  rubric: Rubric,
  options: WorkReportOptions = {}
): SheetSpec {
  const f = reportFacts(c, rubric);
  const b = new SheetBuilder(
    REPORT_SHEETS.work,
    Array.from({ length: COLUMNS }, () => ({ width: WIDTH }))
  );
  let r = 0;
  const put = (text: string, style: string, height: number): void => {
    b.value(r, 0, text, style).merge(r, 0, r, LAST).height(r, height);
    r++;
  };
  // Merged cells never grow to fit wrapped text in Excel, so each paragraph's height is set from its length.
  const paragraph = (text: string): void => put(text, "paragraph", lines(text) * 17 + 8);

  put(WORK_REPORT.title, "title", 44);
  // Rolled up from the committees' reports, it is the 工委's own report: it speaks of the committees.
  const reports = c.inputs.filter((i) => i.status === "accepted" && i.kind === "report").length;
  if (reports === 0) {
    put("市直机关工委组织部：", "paragraph", 24);
    paragraph(
      `${INDENT}按照党支部标准化规范化建设达标创建工作要求，${options.unit || "我单位"}组织所属党支部开展了自评和审核，现将有关情况报告如下。`
    );
  } else
    paragraph(
      `${INDENT}按照党支部标准化规范化建设达标创建工作要求，各党委（党总支）组织所属党支部开展了自评和审核，并报送了汇总报告。${options.unit ? `现将${options.unit}` : "现将"}汇总情况报告如下。`
    );
  const [basics, rate, problems, plans] = WORK_REPORT.parts;
  put(basics, "heading", 24);
  paragraph(basicsText(f, reports, c.committees.length));
  put(rate, "heading", 24);
  paragraph(rateText(c, f));
  put(problems, "heading", 24);
  problemTexts(f).forEach((text, i) => paragraph(`${INDENT}${i + 1}. ${text}`));
  put(plans, "heading", 24);
  put(WORK_REPORT.hint, "note", 18);
  b.value(r, 0, null, "inputArea").merge(r, 0, r + INPUT_ROWS - 1, LAST, "inputArea");
  for (let i = 0; i < INPUT_ROWS; i++) b.height(r + i, 22);
  r += INPUT_ROWS + 1;
  b.value(r, 4, options.unit || "（单位盖章）", "formLineRight")
    .merge(r, 4, r, LAST)
    .height(r, 26);
  b.value(r + 1, 4, dateLine(options.year), "formLineRight")
    .merge(r + 1, 4, r + 1, LAST)
    .height(r + 1, 26);
  return b.build({ print: formPrint() });
}

/** Printed lines of a paragraph; ASCII counts half a character, as it prints half as wide. */
function lines(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return Math.max(1, Math.ceil(width / CHARS_PER_LINE));
}

/** At most one decimal, no trailing zero: 1.25 → "1.3", 2 → "2". */
const num = (x: number): string => String(Number(x.toFixed(1)));

function basicsText(f: ReportFacts, reports: number, committees: number): string {
  const i = f.inputs;
  if (reports > 0) {
    const direct = i.accepted - reports;
    const files = `本次共收到各党委（党总支）报送的汇总报告 ${reports} 份${direct > 0 ? `、直接报送的打分表 ${direct} 份` : ""}${i.rejected > 0 ? `，退回 ${i.rejected} 份（原因见“问题清单”）` : ""}，涵盖党委 ${committees} 个、党支部 ${f.total} 个`;
    const tail = f.hasRoster
      ? `，其中报送打分表的党支部 ${f.submitted} 个${f.missing > 0 ? `、未报送 ${f.missing} 个（名单见“收齐情况”），按未达标计` : ""}。`
      : `（各党委未提供名册，按已报送的党支部计）。`;
    return `${INDENT}${files}${tail}`;
  }
  const files = `本次共收到报送文件 ${i.total} 份，其中采用 ${i.accepted} 份，退回 ${i.rejected} 份${i.rejected > 0 ? "（原因见“问题清单”）" : ""}，因同一党支部重复报送被替代 ${i.superseded} 份。`;
  const types =
    f.byType.length > 0
      ? `，其中${f.byType.map((t) => `${t.type}党支部 ${t.total} 个`).join("、")}`
      : "";
  const gone =
    f.vanished > 0
      ? `另有 ${f.vanished} 个党支部上次汇总时已报送、本次未收到文件，未计入统计。`
      : "";
  const whole = f.hasRoster
    ? `按名册，本单位共有党支部 ${f.total} 个，本次报送打分表的 ${f.submitted} 个${types}${f.missing > 0 ? `；未报送 ${f.missing} 个（名单见“收齐情况”），按未达标计` : ""}。`
    : `报送打分表的党支部共 ${f.submitted} 个${types}（未提供名册，以下比例按已报送的党支部计）。`;
  return `${INDENT}${files}${whole}${gone}`;
}

function rateText(c: Consolidation, f: ReportFacts): string {
  const k = f.counts;
  const present = c.branches.filter((b) => !b.vanished);
  const proposed = present.filter((b) => b.tier === "示范" && !namedModel(b)).length;
  const named = k.示范 - proposed;
  // "经审核评定" only when this level typed review scores; otherwise the tiers are the branches' own, recomputed.
  const reviewed = present.some((b) => b.totals.review !== null);
  const how = reviewed ? "经审核评定" : "根据各党支部自评，经重新核算";
  return (
    `${INDENT}${how}，${named > 0 ? `已命名示范党支部 ${named} 个、` : ""}先进党支部 ${k.先进 + proposed} 个${proposed > 0 ? `，其中拟推荐示范 ${proposed} 个` : ""}，达标党支部 ${k.达标} 个、未达标党支部 ${k.未达标} 个${f.hasRoster && f.missing > 0 ? `、未报送 ${f.missing} 个` : ""}，` +
    `达标比例（达标及以上）为 ${percentText(Math.round(f.passRate * 1000) / 1000)}。` +
    `按不少于党支部数${percentText(f.ratio)}的要求，推荐标准化规范化建设示范党支部 ${c.recommendation.chosen.length} 个（见“推荐名单”）。${c.recommendation.shortfall ?? ""}`
  );
}

/** 存在问题, one sentence per finding, each made from the numbers (nothing is said that the data does not show). */
function problemTexts(f: ReportFacts): string[] {
  const top = f.deductions.slice(0, 5);
  const out = [
    top.length > 0
      ? `扣分较多的项目依次是：${top.map((d) => `${d.code}“${d.title}”（${d.branches} 个党支部失分，共扣 ${num(d.total)} 分）`).join("；")}。`
      : "各党支部在各项目上均未扣分。",
    f.vetoed > 0
      ? `${f.vetoed} 个党支部存在一票否决情形（${f.vetoes
          .filter((v) => v.branches > 0)
          .map((v) => `${v.code}“${v.title}”${v.branches} 个`)
          .join("；")}），等次为未达标。`
      : "未发现一票否决情形。",
    f.overdue > 0
      ? `${f.overdue} 个党支部任期届满未按期换届，需督促按期换届。`
      : "未发现任期届满未换届的党支部。",
  ];
  if (f.counts.未达标 > 0)
    out.push(`${f.counts.未达标} 个党支部未达标，需指派专人跟踪指导、限期整改。`);
  if (f.withErrors > 0)
    out.push(`${f.withErrors} 个党支部的打分表存在填报错误，已在“问题清单”中列出，需核实更正。`);
  if (f.flagged > 0)
    out.push(
      `${f.flagged} 个党支部的打分表存在公式或分值被改动、表内总分与重新计算结果不符等情况，需重点核查。`
    );
  return out;
}
