// The contract between the report writer (reports/) and the roll-up reader (read-report.ts): what
// a report is called inside, so a committee's report can be consolidated again one level up.

/** The report's sheet names, in workbook order. */
export const REPORT_SHEETS = {
  summary: "汇总表",
  detail: "明细",
  issues: "问题清单",
  stats: "统计",
  collection: "收齐情况",
  recommend: "推荐名单",
  publicity: "公示名单",
  sample: "抽验名单",
  work: "工作情况",
} as const;

/** The hidden column that carries a branch's identity, read back when a report is consolidated again. */
export const KEY_HEADER = "_key";

/**
 * The 问题清单's columns, in order; the hidden _key ties an issue to its branch, so a roll-up counts
 * what the committee's consolidation found in the branch's own file (formulas are gone by then).
 */
export const ISSUE_HEADERS = {
  number: "序号",
  file: "文件",
  branch: "党支部",
  sheet: "工作表",
  cell: "单元格",
  severity: "严重程度",
  rule: "规则",
  message: "问题说明",
  key: KEY_HEADER,
} as const;

/** The 汇总表 column that says why a branch is held back (待核实). */
export const HELD_HEADER = "待核实";

/** The 汇总表 column where the committee types 已核实 to release a held-back branch. */
export const VERIFY_HEADER = "核实";

/** The report format this code writes; `_dabiao` carries it so a report is told apart from a scoresheet. */
export const REPORT_FORMAT = "dabiao-report/1";

/** The marker a report's `_dabiao` sheet carries. */
export const REPORT_FORMAT_PREFIX = "dabiao-report/";

/** What 标记 says for a branch that was in the previous report but sent no file this round. */
export const VANISHED_FLAG = "本次未收到文件";

/**
 * The hidden sheet in which a report carries its completeness up a level: the committee's roster,
 * and the files it rejected or replaced, so the next level knows 应报/已报/未报送 without the rosters.
 */
export const ACCOUNT_SHEET = "_收齐";
/** `_收齐`'s columns, in order. */
export const ACCOUNT_COLUMNS = [
  "类别",
  "所属党委",
  "党支部名称",
  "党支部负责人",
  "联系方式",
  "支部类型",
  "星级",
  "文件",
  "说明",
] as const;
/** What a `_收齐` row is. */
export const ACCOUNT_KINDS = { roster: "名册", rejected: "拒收", superseded: "被替代" } as const;
