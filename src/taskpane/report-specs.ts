import {
  buildReport,
  META_SHEET,
  REPORT_SHEETS,
  STYLES,
  type Consolidation,
  type Rubric,
  type SheetSpec,
  type WorkbookSpec,
} from "../core";

/** The 抽验 share the pane uses unless the work committee sets another. */
export const DEFAULT_SAMPLE_RATIO = 0.3;

/** The sheets a report in the open workbook is read back from (with typed review scores). */
export const REPORT_READ_SHEETS = [
  REPORT_SHEETS.summary,
  REPORT_SHEETS.detail,
  META_SHEET,
] as const;

/** The whole report workbook, as the CLI writes it: seeded with the year so the sample is reproducible. */
export function reportWorkbook(c: Consolidation, rubric: Rubric, now: Date): WorkbookSpec {
  return buildReport(c, {
    generatedAt: now.toISOString(),
    rubric,
    sample: { ratio: DEFAULT_SAMPLE_RATIO, seed: now.getFullYear() },
  });
}

/** One report sheet as a workbook of its own, to draw into the open workbook or save. */
export function singleSheet(sheet: SheetSpec): WorkbookSpec {
  return {
    sheets: [sheet],
    styles: STYLES,
    properties: { title: sheet.name, creator: "支部达标创建助手" },
  };
}
