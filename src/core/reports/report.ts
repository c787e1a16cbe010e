import type { Consolidation } from "../consolidation/model";
import { DEFAULT_RUBRIC } from "../rubric/default-rubric";
import { rubricFingerprint } from "../rubric/fingerprint";
import { META_KEYS, META_SHEET } from "../scoresheet/meta";
import { detailSheet } from "./detail";
import { issuesSheet } from "./issues";
import { publicitySheet } from "./publicity";
import { recommendSheet } from "./recommend";
import { sampleSheet } from "./sample";
import { statsSheet } from "./stats";
import { summarySheet } from "./summary";
import { workSheet } from "./work";
import type { Rubric } from "../rubric/rubric";
import type { SampleOptions } from "../consolidation/sample-draw";
import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec, WorkbookSpec } from "../../sheet/spec";
import { STYLES } from "../styles";

export { REPORT_SHEETS } from "./table";

/** The report format this code writes; `_dabiao` carries it so a report is told apart from a scoresheet. */
export const REPORT_FORMAT = "dabiao-report/1";

/** What a report needs besides the consolidation. */
export interface ReportOptions {
  /** Generation time as ISO text (passed in: the core has no clock). */
  readonly generatedAt: string;
  /** The reporting unit for 推荐名单 and 工作情况; blank leaves a line to write by hand. */
  readonly unit?: string;
  /** 填写时间's year; by default the year of `generatedAt`. */
  readonly year?: number;
  readonly sample: SampleOptions;
  /** The rubric the consolidation scored with (its items and slots lay out 明细); the default rubric when omitted. */
  readonly rubric?: Rubric;
}

/** The whole report workbook: 汇总表, 明细, 问题清单, 统计, 推荐名单, 公示名单, 抽验名单, 工作情况 and the hidden `_dabiao`. */
export function buildReport(c: Consolidation, options: ReportOptions): WorkbookSpec {
  const rubric = options.rubric ?? DEFAULT_RUBRIC;
  // Laying out 明细 with another rubric's items would silently drop or misplace entries: a caller's bug.
  const fingerprint = rubricFingerprint(rubric);
  if (fingerprint !== c.fingerprint)
    throw new Error(
      `buildReport: the consolidation was scored with rubric ${c.fingerprint}, but rubric ${fingerprint} was given`
    );
  const year = options.year ?? yearOf(options.generatedAt);
  const form = {
    ...(options.unit !== undefined && { unit: options.unit }),
    ...(year !== undefined && { year }),
  };
  return {
    sheets: [
      summarySheet(c, rubric),
      detailSheet(c, rubric),
      issuesSheet(c),
      statsSheet(c, rubric),
      recommendSheet(c, form),
      publicitySheet(c),
      sampleSheet(c, options.sample),
      workSheet(c, rubric, form),
      reportMetaSheet(c, options.generatedAt),
    ],
    styles: STYLES,
    properties: { title: "党支部标准化规范化建设达标创建汇总报告", creator: "支部达标创建助手" },
  };
}

/** The hidden `_dabiao` sheet of a report: format, rubric name, version and fingerprint, generation time. */
export function reportMetaSheet(c: Consolidation, generatedAt: string): SheetSpec {
  const b = new SheetBuilder(META_SHEET, [{ width: 16 }, { width: 80 }]);
  const rows: [string, string][] = [
    [META_KEYS.format, REPORT_FORMAT],
    [META_KEYS.name, c.rubricName],
    [META_KEYS.version, c.rubricVersion],
    [META_KEYS.fingerprint, c.fingerprint],
    [META_KEYS.generatedAt, generatedAt],
  ];
  rows.forEach(([k, v], r) => b.value(r, 0, k, "meta").value(r, 1, v, "meta"));
  return b.build({ state: "hidden", protect: true });
}

function yearOf(iso: string): number | undefined {
  const m = /^(\d{4})-/.exec(iso);
  return m ? Number(m[1]) : undefined;
}
