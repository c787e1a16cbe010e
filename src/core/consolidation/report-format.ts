// The contract between the report writer (reports/) and the roll-up reader (read-report.ts): what
// a report is called inside, so a committee's report can be consolidated again one level up.

/** The report's sheet names, in workbook order. */
export const REPORT_SHEETS = {
  summary: "汇总表",
  detail: "明细",
  issues: "问题清单",
  stats: "统计",
  recommend: "推荐名单",
  publicity: "公示名单",
  sample: "抽验名单",
  work: "工作情况",
} as const;

/** The hidden column that carries a branch's identity, read back when a report is consolidated again. */
export const KEY_HEADER = "_key";

/** The report format this code writes; `_dabiao` carries it so a report is told apart from a scoresheet. */
export const REPORT_FORMAT = "dabiao-report/1";

/** The marker a report's `_dabiao` sheet carries. */
export const REPORT_FORMAT_PREFIX = "dabiao-report/";

/** What 标记 says for a branch that was in the previous report but sent no file this round. */
export const VANISHED_FLAG = "本次未收到文件";
