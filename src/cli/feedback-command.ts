import { join, resolve, sep } from "node:path";
import { UsageError } from "./args";
import { feedbackFor, receiptWorkbook, type Consolidation, type Rubric } from "../core";
import { writeWorkbook } from "./files";

/** The name of the 回执 file in the feedback folder. */
export const RECEIPT_FILE = "回执.xlsx";

/** What `--feedback DIR` wrote: the 回执 and one 退回修改 workbook per branch, by path. */
export interface FeedbackWritten {
  readonly dir: string;
  readonly receipt: string;
  readonly workbooks: readonly { readonly branch: string; readonly file: string }[];
}

/**
 * Writes the 退回修改 workbooks and 回执.xlsx into `dir`, each atomically and never over an input
 * (a branch's own file in the folder is refused, as every output is).
 */
export function writeFeedback(
  c: Consolidation,
  rubric: Rubric,
  dir: string,
  now: Date,
  inputs: readonly string[],
  hints: boolean
): FeedbackWritten {
  const feedback = feedbackFor(c, rubric, { today: now, hints });
  const workbooks = feedback.map((f) => {
    const file = join(dir, f.fileName);
    writeWorkbook(file, f.workbook, inputs);
    return { branch: `${f.branch.header.committee ?? ""} / ${f.branch.header.name ?? ""}`, file };
  });
  const receipt = join(dir, RECEIPT_FILE);
  writeWorkbook(receipt, receiptWorkbook(c), inputs);
  return { dir: resolve(dir), receipt, workbooks };
}

/** The lines the CLI prints about what `--feedback` wrote. */
export function feedbackLines(w: FeedbackWritten): string[] {
  return [
    `退回修改：${w.workbooks.length} 个党支部的退回修改工作簿和回执已写入 ${w.dir}`,
    ...w.workbooks.map((b) => `  ${b.file}`),
    `  ${w.receipt}`,
  ];
}

/** `--json`'s list of the files `--feedback` wrote. */
export function feedbackJson(w: FeedbackWritten): unknown {
  return { dir: w.dir, receipt: w.receipt, workbooks: w.workbooks };
}

/** `--feedback DIR` and `--hints` as the run's feedback option (none without --feedback). */
export function feedbackOption(
  options: ReadonlyMap<string, string>,
  log: (line: string) => void
): { feedback?: { dir: string; hints: boolean; log: (line: string) => void } } {
  const dir = options.get("feedback");
  return dir === undefined ? {} : { feedback: { dir, hints: options.has("hints"), log } };
}

/** Refuses a feedback folder that holds inputs: the next run would read the workbooks as submissions. */
export function checkFeedbackDir(dir: string, inputs: readonly string[]): void {
  const root = resolve(dir) + sep;
  const inside = inputs.find((f) => resolve(f).startsWith(root));
  if (inside !== undefined)
    throw new UsageError(
      `--feedback 的目录 ${dir} 里有报送文件（${inside}）：退回修改工作簿写在那里，下次汇总会被当作报送文件读入。请另选一个目录。`
    );
}
