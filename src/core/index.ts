// The core's one door: everything adapters, the CLI and the task pane may use.
export * from "../sheet/snapshot";
export * from "../sheet/spec";
export * from "../sheet/address";
export * from "./rubric/rubric";
export { DEFAULT_RUBRIC } from "./rubric/default-rubric";
export * from "./scoring/filling";
export * from "./scoresheet/header";
export * from "./readings";
export { slotsOf, LADDER, type Slot, type SlotKind } from "./rubric/slots";
export {
  clampStep,
  coverScore,
  selfScore,
  stageReach,
  type StageReach,
  type ItemScore,
  type SectionScore,
  type StageTotals,
} from "./scoring/score";
export { expectedCounts, type ExpectedCount } from "./scoring/expected-counts";
export { tierByTotal, tierLevel, type Cap, type Gap, type TierResult } from "./scoring/tiers";
export { assess, type Assessment } from "./scoring/assess";
export { buildTemplate, scoresheet, type TemplateOptions } from "./scoresheet/template";
export { layoutTemplate, SCORESHEET, COL, type TemplateLayout } from "./scoresheet/layout";
export { rubricFingerprint, sha256Hex, canonicalJson } from "./rubric/fingerprint";
export { META_SHEET, TEMPLATE_FORMAT } from "./scoresheet/meta";
export { INSTRUCTIONS_SHEET } from "./scoresheet/instructions";
export { checkWorkbook, type CheckResult } from "./validation/check";
export { sortIssues, type Issue, type Severity } from "./issues";
export type { FoundScoresheet } from "./scoresheet/locate";
export { fillTemplate, type TypedFilling, type TypedValue } from "./scoresheet/fill";
export { seededRandom, randomInt, pick } from "./random";
export { sampleBranches, demoBranches, type SampleBranch } from "./demo/branches";
export { demoRoster } from "./demo/roster";
export { STYLES } from "./styles";
export { CREATOR, singleSheetWorkbook, workbookOf } from "./workbook";
export { RUBRIC_SHEET, rubricSheet, readRubricSheet, rubricOfBook } from "./rubric-sheet/write";
export {
  recommend,
  requiredCount,
  percentText,
  byMerit,
  DEFAULT_RATIO,
} from "./consolidation/recommend";
export {
  defaultSample,
  drawSample,
  DEFAULT_SAMPLE_RATIO,
  type Sample,
  type SampleOptions,
} from "./consolidation/sample-draw";
export { buildReport, reportAt, type ReportOptions } from "./reports/report";
export {
  KEY_HEADER,
  REPORT_FORMAT,
  REPORT_SHEETS,
  VANISHED_FLAG,
  VERIFY_HEADER,
} from "./consolidation/report-format";
export type { ReportColumn } from "./reports/table";
export { summarySheet, SUMMARY_HEADERS } from "./reports/summary";
export { detailSheet, DETAIL_COLUMNS } from "./reports/detail";
export { issuesSheet, ISSUE_COLUMNS, FILE_RULE } from "./reports/issues";
export { statsSheet } from "./reports/stats";
export { reportFacts, type ReportFacts, type Deduction } from "./reports/facts";
export { recommendSheet, RECOMMEND_FORM, type RecommendFormOptions } from "./reports/recommend";
export { publicitySheet, PUBLICITY_TITLE, PUBLICITY_COLUMNS } from "./reports/publicity";
export { sampleSheet, SAMPLE_COLUMNS, SAMPLE_WAYS } from "./reports/sample";
export { workSheet, WORK_REPORT, type WorkReportOptions } from "./reports/work";
export {
  needsReturn,
  receiptSheet,
  receiptsOf,
  receiptWorkbook,
  RECEIPT_COLUMNS,
  RECEIPT_SHEET,
  type Receipt,
  type ReceiptStatus,
} from "./reports/receipts";
export {
  feedbackFor,
  feedbackFileName,
  feedbackIssues,
  feedbackWorkbook,
  type Feedback,
  type FeedbackOptions,
} from "./reports/feedback";
export { FEEDBACK_SHEET, FEEDBACK_COLUMNS } from "./reports/feedback-sheet";
export { withResults, type ScoresheetResults } from "./scoresheet/results";
export type { TypedCells } from "./scoresheet/typed";
export {
  resubmissionSheet,
  RESUBMISSION_COLUMNS,
  RESUBMISSION_SHEET,
} from "./reports/resubmission";
export type { EntryChange, Resubmission, Standing } from "./consolidation/resubmission";
export { collectionSheet, NO_ROSTER_NOTE } from "./reports/collection";
export { rosterSheet, rosterOf, ROSTER_HOW_TO, type RosterRow } from "./reports/roster";
export { COMMITTEE_HEADERS } from "./reports/stats";
export type {
  BranchRow,
  Candidate,
  Consolidation,
  FileIssue,
  InputOutcome,
  InputStatus,
  Recommendation,
  TierCounts,
} from "./consolidation/model";
export { consolidate, consolidateAnalysed } from "./consolidation/consolidate";
export { unlistedCounts } from "./consolidation/listed";
export { heldReasons, releasable, VERIFIED, type HoldSigns } from "./consolidation/held";
export {
  accountFor,
  tierCounts,
  unionRoster,
  type Completeness,
} from "./consolidation/completeness";
export {
  readRoster,
  ROSTER_COLUMNS,
  ROSTER_SHEET,
  type Roster,
  type RosterEntry,
  type RosterRead,
} from "./consolidation/roster";
export type {
  CarriedInput,
  CommitteeSummary,
  ConsolidationInput,
  ConsolidateOptions,
  RosterSummary,
} from "./consolidation/model";
export {
  analyse,
  analyseOptions,
  analyserFor,
  type Analysed,
  type AnalyseAnswer,
  type AnalyseJob,
  type AnalyseOptions,
  type AnalyseSettings,
} from "./consolidation/analyse";
export {
  IN_FLIGHT_PER_WORKER,
  POOL_MIN_FILES,
  poolWorkers,
  runAnalysePool,
  type AnalysePoolRun,
  type PoolWorker,
  type PoolWorkerEvents,
} from "./consolidation/analyse-pool";
export {
  readReport,
  isReport,
  type ReadReport,
  type ReportBranch,
} from "./consolidation/read-report";
export { branchKey, normaliseName } from "./consolidation/identity";
export { isInputSheet, keyOnlyRows, needsEverySheet, unusableFile } from "./consolidation/inputs";
