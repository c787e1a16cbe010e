import type { Consolidation } from "../consolidation/model";
import { DEFAULT_RUBRIC } from "../rubric/default-rubric";
import { rubricFingerprint } from "../rubric/fingerprint";
import { REPORT_FORMAT } from "../consolidation/report-format";
import { metaSheet } from "../scoresheet/meta";
import { accountSheet } from "./account";
import { collectionSheet } from "./collection";
import { detailSheet } from "./detail";
import { issuesSheet } from "./issues";
import { publicitySheet } from "./publicity";
import { receiptSheet } from "./receipts";
import { resubmissionSheet } from "./resubmission";
import { recommendSheet } from "./recommend";
import { sampleSheet } from "./sample";
import { statsSheet } from "./stats";
import { summarySheet } from "./summary";
import { workSheet } from "./work";
import type { Rubric } from "../rubric/rubric";
import { defaultSample, type SampleOptions } from "../consolidation/sample-draw";
import type { WorkbookSpec } from "../../sheet/spec";
import { workbookOf } from "../workbook";

/** What a report needs besides the consolidation. */
export interface ReportOptions {
  /** Generation time as ISO text (passed in: the core has no clock). */
  readonly generatedAt: string;
  /** The reporting unit for 推荐名单 and 工作情况; blank leaves a line to write by hand. */
  readonly unit?: string;
  /** 填写时间's year; by default the year of `generatedAt`. */
  readonly year?: number;
  /** The 抽验 draw; by default the core's share, seeded with the report's year so it can be drawn again. */
  readonly sample?: SampleOptions;
  /** The rubric the consolidation scored with (its items and slots lay out 明细); the default rubric when omitted. */
  readonly rubric?: Rubric;
}

/** The whole report workbook: 汇总表, 明细, 问题清单, 统计, 推荐名单, 公示名单, 抽验名单, 工作情况, 回执单, 重报对比 and the hidden `_dabiao`. */
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
  return workbookOf(
    [
      summarySheet(c, rubric),
      detailSheet(c, rubric),
      issuesSheet(c),
      statsSheet(c, rubric),
      collectionSheet(c),
      recommendSheet(c, form),
      publicitySheet(c),
      sampleSheet(c, options.sample ?? defaultSample(seedYear(year))),
      workSheet(c, rubric, form),
      receiptSheet(c),
      resubmissionSheet(c),
      metaSheet({
        format: REPORT_FORMAT,
        rubricName: c.rubricName,
        rubricVersion: c.rubricVersion,
        fingerprint: c.fingerprint,
        generatedAt: options.generatedAt,
      }),
      accountSheet(c),
    ],
    "党支部标准化规范化建设达标创建汇总报告"
  );
}

/** The report as both faces write it: stamped with `now`, its forms dated and its 抽验 seeded with now's year. */
export function reportAt(c: Consolidation, rubric: Rubric, now: Date): WorkbookSpec {
  return buildReport(c, { generatedAt: now.toISOString(), year: now.getFullYear(), rubric });
}

function yearOf(iso: string): number | undefined {
  const m = /^(\d{4})-/.exec(iso);
  return m ? Number(m[1]) : undefined;
}

function seedYear(year: number | undefined): number {
  // generatedAt is ISO text from the caller's clock; without a year there is nothing to seed with.
  if (year === undefined)
    throw new Error(
      "buildReport: generatedAt is not ISO text and neither year nor sample was given"
    );
  return year;
}
