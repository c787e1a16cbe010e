import {
  DEFAULT_RUBRIC,
  readRubricSheet,
  RUBRIC_SHEET,
  type Issue,
  type Rubric,
  type WorkbookSnapshot,
} from "../core";

/** Where the rubric in use came from. */
export type RubricOrigin = "default" | "sheet" | "file";

/** The rubric the pane scores with, and where it came from. */
export interface RubricChoice {
  readonly rubric: Rubric;
  readonly origin: RubricOrigin;
}

/** The default rubric. */
export const DEFAULT_CHOICE: RubricChoice = { rubric: DEFAULT_RUBRIC, origin: "default" };

/** A workbook's 评分标准 sheet read as a rubric: the rubric, its cell-addressed problems, or nothing when there is no such sheet. */
export function rubricOfBook(
  book: WorkbookSnapshot
): { rubric: Rubric } | { issues: readonly Issue[] } | null {
  const sheet = book.sheets.find((s) => s.name.trim() === RUBRIC_SHEET);
  if (!sheet) return null;
  const read = readRubricSheet(sheet);
  return read.ok ? { rubric: read.rubric } : { issues: read.issues };
}
