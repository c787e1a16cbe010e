import { assess, type Assessment } from "../scoring/assess";
import type { Filling } from "../scoring/filling";
import { sortIssues, type Issue } from "../issues";
import type { Rubric } from "../rubric/rubric";
import { readFilling } from "../scoresheet/read-filling";
import { findCells, type FoundScoresheet } from "../scoresheet/locate";
import type { WorkbookSnapshot } from "../../sheet/snapshot";
import { validate } from "./validate";

/** The result of checking one workbook: scored and validated, or why it is not a scoresheet. */
export type CheckResult =
  | {
      readonly ok: true;
      readonly found: FoundScoresheet;
      readonly filling: Filling;
      readonly assessment: Assessment;
      readonly issues: readonly Issue[];
    }
  | { readonly ok: false; readonly reason: string };

/** Reads, scores and validates a scoresheet workbook with the canonical rubric; `today` is passed in (the core has no clock). */
export function checkWorkbook(book: WorkbookSnapshot, rubric: Rubric, today: Date): CheckResult {
  const found = findCells(book, rubric);
  if ("notScoresheet" in found) return { ok: false, reason: found.reason };
  const { filling, issues: readIssues } = readFilling(found, rubric);
  const assessment = assess(rubric, filling);
  const issues = sortIssues([
    ...readIssues,
    ...validate(rubric, found, filling, assessment, today),
  ]);
  return { ok: true, found, filling, assessment, issues };
}
