import {
  buildReport,
  consolidate,
  DEFAULT_RUBRIC,
  type ConsolidationInput,
  type WorkbookSpec,
} from "../../src/core";
import { specToSnapshot } from "./spec-to-snapshot";
import { filledSpec, TODAY } from "./submissions";

/** The scoresheets of `n` branches across three committees, losing 0–29 points each, as the committee receives them. */
export function committeeInputs(n: number): ConsolidationInput[] {
  return Array.from({ length: n }, (_, i) => ({
    file: `第${i + 1}党支部.xlsx`,
    modified: i,
    book: specToSnapshot(
      filledSpec({
        committee: `市直第${(i % 3) + 1}机关党委`,
        name: `第${i + 1}党支部`,
        leader: `负责人${i + 1}`,
        lose: i % 30,
      })
    ),
  }));
}

/** The whole consolidation report of `n` branches, as 写入本工作簿 draws it. */
export function committeeReport(n: number): WorkbookSpec {
  const c = consolidate(committeeInputs(n), { rubric: DEFAULT_RUBRIC, today: TODAY });
  return buildReport(c, {
    generatedAt: "2019-05-20T00:00:00Z",
    rubric: DEFAULT_RUBRIC,
    sample: { ratio: 0.3, seed: 2019 },
  });
}
