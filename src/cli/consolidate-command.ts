import { availableParallelism } from "node:os";
import { basename, resolve } from "node:path";
import {
  consolidate,
  consolidateAnalysed,
  isReport,
  poolWorkers,
  recommendSheet,
  reportAt,
  rubricFingerprint,
  sampleSheet,
  singleSheetWorkbook,
  type Consolidation,
  type ConsolidationInput,
  type Roster,
  type Rubric,
  type WorkbookSnapshot,
} from "../core";
import { UsageError } from "./args";
import { checkWritable, writeAtomic, writeWorkbook } from "./files";
import { analyseInPool } from "./pool";
import { readInput } from "./read-input";

export { readInput } from "./read-input";
import { checkFeedbackDir, feedbackJson, feedbackLines, writeFeedback } from "./feedback-command";

/** Inputs read one at a time as the consolidation asks for them, reporting progress on stderr. */
function* lazyInputs(
  files: readonly string[],
  progress: (done: number, total: number, file: string) => void
): Generator<ConsolidationInput> {
  for (let i = 0; i < files.length; i++) {
    const file = files[i] ?? "";
    progress(i + 1, files.length, file);
    yield readInput(file);
  }
}

/** Options of `dabiao consolidate`. */
export interface ConsolidateRun {
  readonly files: readonly string[];
  readonly output: string;
  readonly rubric: Rubric;
  readonly previous?: string;
  readonly json?: string;
  readonly now: Date;
  readonly acceptOtherRubric: boolean;
  readonly roster?: Roster;
  /** `--feedback DIR`: the 退回修改 workbooks and 回执.xlsx go there (with `--hints`, 提示-only branches too). */
  readonly feedback?: {
    readonly dir: string;
    readonly hints: boolean;
    readonly log: (line: string) => void;
  };
  readonly progress: (done: number, total: number, file: string) => void;
  /** Worker threads reading the files: 1 reads them on this thread; unset lets jobsFor choose. */
  readonly jobs?: number;
  /** Where a worker's crash is told (the file itself ends rejected). */
  readonly warn?: (line: string) => void;
}

/** How many workers read a batch: as asked, or one per core for a batch worth a pool, else none. */
export function jobsFor(files: number, asked: number | undefined): number {
  return asked ?? poolWorkers(files, availableParallelism());
}

/** Consolidates files into a report workbook (written atomically, never over an input) and an optional JSON summary. */
export async function runConsolidate(run: ConsolidateRun): Promise<Consolidation> {
  if (run.json !== undefined && resolve(run.json) === resolve(run.output))
    throw new UsageError(
      `--json 和 -o 不能是同一个文件（${run.output}）：摘要会覆盖刚写好的汇总报告。`
    );
  // A folder that cannot be written is said before a thousand files are read, not after.
  checkWritable(run.output);
  if (run.json !== undefined) checkWritable(run.json);
  if (run.feedback) checkFeedbackDir(run.feedback.dir, run.files);
  let previous: WorkbookSnapshot | undefined;
  if (run.previous) {
    const read = readInput(run.previous);
    if (!read.book)
      throw new Error(`上次汇总报告 ${run.previous} 无法读取：${read.readError ?? ""}`);
    // Carrying over from a scoresheet or any other workbook would carry nothing, silently.
    if (!isReport(read.book))
      throw new Error(
        `${run.previous} 不是汇总报告（没有“明细”工作表），无法从中带入上次录入的审核得分、备注和命名。`
      );
    previous = read.book;
  }
  const options = {
    rubric: run.rubric,
    today: run.now,
    acceptOtherRubric: run.acceptOtherRubric,
    ...(previous ? { previous } : {}),
    ...(run.roster ? { roster: run.roster } : {}),
  };
  const workers = jobsFor(run.files.length, run.jobs);
  const analysed =
    workers <= 1
      ? undefined
      : analyseInPool({
          files: run.files,
          settings: {
            rubric: run.rubric,
            today: run.now,
            acceptOtherRubric: run.acceptOtherRubric,
            hasPrevious: previous !== undefined,
          },
          workers,
          progress: run.progress,
          warn: run.warn ?? ((line) => void process.stderr.write(`${line}\n`)),
        });
  // While the workers start on their own threads, this one works out what the merge needs and
  // would otherwise work out after the last file: the rubric's fingerprint (SHA-256 in plain
  // JavaScript, 40 ms on a cold start).
  if (analysed) rubricFingerprint(run.rubric);
  const c = analysed
    ? consolidateAnalysed(await analysed, options)
    : consolidate(lazyInputs(run.files, run.progress), options);
  if (!c.inputs.some((i) => i.status === "accepted")) throw new Error(nothingAccepted(c));
  const spec = reportAt(c, run.rubric, run.now);
  const inputs = [...run.files, ...(run.previous ? [run.previous] : [])];
  writeWorkbook(run.output, spec, inputs);
  const fb = run.feedback;
  const written = fb && writeFeedback(c, run.rubric, fb.dir, run.now, inputs, fb.hints);
  if (fb && written) feedbackLines(written).forEach(fb.log);
  const json = {
    ...(jsonSummary(c) as object),
    ...(written && { feedback: feedbackJson(written) }),
  };
  if (run.json) writeAtomic(run.json, JSON.stringify(json, null, 2), inputs);
  return c;
}

/** Why no report was written: every input was rejected; the first reasons, so the committee knows what to do. */
function nothingAccepted(c: Consolidation): string {
  const shown = c.inputs
    .slice(0, 5)
    .map((i) => `${basename(i.file)}：${i.reasons.join("；")}`)
    .join("\n  ");
  const more = c.inputs.length > 5 ? `\n  ……另有 ${c.inputs.length - 5} 个文件` : "";
  return `收到的 ${c.inputs.length} 个文件都无法使用，未生成汇总报告：\n  ${shown}${more}`;
}

/** The machine-readable summary of SPEC.md §9, with exactly the documented keys. */
export function jsonSummary(c: Consolidation): unknown {
  return {
    inputs: c.inputs.map((i) => ({
      file: i.file,
      status: i.status,
      reasons: i.reasons,
      branch: i.branch,
    })),
    branches: c.branches.map((b) => ({
      committee: b.header.committee,
      name: b.header.name,
      type: b.header.type,
      leader: b.header.leader,
      contact: b.header.contact,
      stars: b.header.stars,
      selfTotal: b.totals.self,
      reviewTotal: b.totals.review,
      sampleTotal: b.totals.sample,
      finalTotal: b.totals.final,
      tier: b.tier,
      vetoes: b.vetoes,
      errors: b.errors,
      warnings: b.warnings,
      file: b.file,
    })),
    counts: c.counts,
    passRate: c.passRate,
    recommended: c.recommendation.chosen.map((b) => ({
      committee: b.header.committee,
      name: b.header.name,
    })),
    held: c.branches
      .filter((b) => !b.vanished && b.held.length > 0 && !b.verified)
      .map((b) => ({ committee: b.header.committee, name: b.header.name, reasons: b.held })),
    roster:
      c.roster === null
        ? null
        : {
            expected: c.roster.expected,
            submitted: c.roster.submitted,
            missing: c.roster.missing.map((e) => ({
              committee: e.committee,
              name: e.name,
              leader: e.leader,
              contact: e.contact,
            })),
            unlisted: c.roster.unlisted.map((b) => ({
              committee: b.header.committee,
              name: b.header.name,
              file: b.file,
            })),
          },
    committees: c.committees.map((k) => ({
      name: k.name,
      branches: k.branches,
      submitted: k.submitted,
      counts: k.counts,
      passRate: k.passRate,
      required: k.recommendation.required,
      recommended: k.recommendation.chosen.map((b) => b.header.name),
      shortfall: k.recommendation.required - k.recommendation.chosen.length,
    })),
  };
}

/** Writes a one-sheet workbook (推荐名单 or 抽验名单) from a report. */
export async function writeFromReport(
  report: string,
  output: string,
  rubric: Rubric,
  now: Date,
  which: { kind: "recommend"; ratio: number } | { kind: "sample"; ratio: number; seed: number }
): Promise<Consolidation> {
  const input = readInput(report);
  if (!input.book) throw new Error(`${basename(report)}：${input.readError ?? "无法读取"}`);
  const c = consolidate([input], {
    rubric,
    today: now,
    ...(which.kind === "recommend" ? { ratio: which.ratio } : {}),
  });
  if (c.inputs[0]?.status !== "accepted" || c.inputs[0].kind !== "report")
    throw new Error(
      `${basename(report)} 不是汇总报告：${c.inputs[0]?.reasons.join("；") ?? ""}请先用 dabiao consolidate 把报送的打分表汇总成汇总报告，再从报告生成名单。`
    );
  const sheet =
    which.kind === "recommend"
      ? recommendSheet(c, { year: now.getFullYear() })
      : sampleSheet(c, which);
  writeWorkbook(output, singleSheetWorkbook(sheet), [report]);
  return c;
}
