import { feedbackFor, type Consolidation, type Rubric } from "../core";
import type { FilePort } from "./ports";

/**
 * The 退回修改包: every branch's 退回修改 workbook in one .zip, built in the page (fflate, loaded on
 * first use like the xlsx chunks). Null when no branch has anything to correct.
 */
export async function feedbackPack(
  c: Consolidation,
  rubric: Rubric,
  now: Date,
  files: FilePort
): Promise<{ readonly bytes: Uint8Array; readonly count: number } | null> {
  const feedback = feedbackFor(c, rubric, { today: now });
  if (feedback.length === 0) return null;
  const { zipSync } = await import(/* webpackChunkName: "zip" */ "fflate");
  const entries: Record<string, Uint8Array> = {};
  for (const f of feedback) entries[f.fileName] = await files.write(f.workbook);
  // Already deflated inside: storing the workbooks as they are costs nothing in size.
  return { bytes: zipSync(entries, { level: 0 }), count: feedback.length };
}
