import { META_SHEET, REPORT_SHEETS } from "../core";

/** The sheets a report in the open workbook is read back from (with typed review scores and the issues it found). */
export const REPORT_READ_SHEETS = [
  REPORT_SHEETS.summary,
  REPORT_SHEETS.detail,
  REPORT_SHEETS.issues,
  META_SHEET,
] as const;
