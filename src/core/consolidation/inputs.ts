import { META_SHEET } from "../scoresheet/meta";
import type { WorkbookSnapshot } from "../../sheet/snapshot";
import { SCORESHEET } from "../scoresheet/layout";
import { ACCOUNT_SHEET, REPORT_SHEETS } from "./report-format";

const WANTED = new Set<string>([
  SCORESHEET,
  META_SHEET,
  REPORT_SHEETS.detail,
  REPORT_SHEETS.summary,
  ACCOUNT_SHEET,
]);

/** The sheets consolidation reads from a submission; a reader may skip the rest (填表说明 and the like). */
export function isInputSheet(name: string): boolean {
  return WANTED.has(name.trim());
}

/** True when a workbook read with `isInputSheet` has neither a 打分表 nor a 明细: the sheet may be renamed, so read all. */
export function needsEverySheet(book: WorkbookSnapshot): boolean {
  return !book.sheets.some(
    (s) => s.name.trim() === SCORESHEET || s.name.trim() === REPORT_SHEETS.detail
  );
}

/** A file's name without its folders: what a committee recognises (the JSON summary keeps the full path). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
