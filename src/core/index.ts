// The core's one door: everything adapters, the CLI and the task pane may use.
export * from "./snapshot";
export * from "./spec";
export * from "./address";
export * from "./rubric";
export { DEFAULT_RUBRIC } from "./default-rubric";
export * from "./filling";
export * from "./header";
export * from "./readings";
export { slotsOf, LADDER, type Slot, type SlotKind } from "./slots";
export {
  clampStep,
  coverScore,
  selfScore,
  type ItemScore,
  type SectionScore,
  type StageTotals,
} from "./score";
export { tierByTotal, tierLevel, type Cap, type Gap, type TierResult } from "./tiers";
export { assess, type Assessment } from "./assess";
export { buildTemplate, scoresheet, type TemplateOptions } from "./template";
export { layoutTemplate, SCORESHEET, COL, type TemplateLayout } from "./template-layout";
export { rubricFingerprint, sha256Hex, canonicalJson } from "./fingerprint";
export { META_SHEET, TEMPLATE_FORMAT } from "./meta-sheet";
export { INSTRUCTIONS_SHEET } from "./instructions-sheet";
export { checkWorkbook, type CheckResult } from "./check";
export { sortIssues, type Issue, type Severity } from "./issues";
export type { FoundScoresheet } from "./scoresheet-read";
export { fillTemplate, type TypedFilling, type TypedValue } from "./fill-template";
export { seededRandom, randomInt, pick } from "./random";
export { sampleBranches, demoBranches, type SampleBranch } from "./samples";
export { STYLES } from "./styles";
export { RUBRIC_SHEET, rubricSheet, readRubricSheet } from "./rubric-sheet";
export { recommend, requiredCount, percentText, byMerit, DEFAULT_RATIO } from "./recommend";
export { drawSample, type Sample, type SampleOptions } from "./sample";
export {
  buildReport,
  reportMetaSheet,
  REPORT_FORMAT,
  REPORT_SHEETS,
  type ReportOptions,
} from "./report";
export { KEY_HEADER, type ReportColumn } from "./report-common";
export { summarySheet, SUMMARY_HEADERS, VANISHED_FLAG } from "./report-summary";
export { detailSheet, DETAIL_COLUMNS } from "./report-detail";
export { issuesSheet, ISSUE_COLUMNS, FILE_RULE } from "./report-issues";
export { statsSheet } from "./report-stats";
export { reportFacts, type ReportFacts, type Deduction } from "./report-facts";
export { recommendSheet, RECOMMEND_FORM, type RecommendFormOptions } from "./report-recommend";
export { publicitySheet, PUBLICITY_TITLE, PUBLICITY_COLUMNS } from "./report-publicity";
export { sampleSheet, SAMPLE_COLUMNS, SAMPLE_WAYS } from "./report-sample";
export { workSheet, WORK_REPORT, type WorkReportOptions } from "./report-work";
export type {
  BranchRow,
  Consolidation,
  FileIssue,
  InputOutcome,
  InputStatus,
  Recommendation,
  TierCounts,
} from "./consolidation";
export { consolidate } from "./consolidate";
export type { ConsolidationInput, ConsolidateOptions } from "./consolidation";
export { readReport, isReport, type ReadReport, type ReportBranch } from "./report-read";
export { branchKey, normaliseName } from "./identity";
export { isInputSheet, needsEverySheet } from "./input-sheets";
