import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import {
  isInputSheet,
  needsEverySheet,
  consolidate,
  isReport,
  recommendSheet,
  reportAt,
  sampleSheet,
  singleSheetWorkbook,
  unusableFile,
  type Consolidation,
  type ConsolidationInput,
  type Roster,
  type Rubric,
  type WorkbookSnapshot,
} from "../core";
import { readXlsx, XlsxReadError } from "../adapters/xlsx/read/reader";
import { UsageError } from "./args";
import { writeAtomic, writeWorkbook } from "./files";
import { checkFeedbackDir, feedbackJson, feedbackLines, writeFeedback } from "./feedback-command";

/** Reads one file into a consolidation input; a file that cannot be read carries its Chinese reason. */
export function readInput(file: string): ConsolidationInput {
  let modified: number | null = null;
  let sha256: string | undefined;
  // A lock file, a .xls or a photo is listed with what to do; its bytes are never read.
  const unusable = unusableFile(file);
  if (unusable !== null) return { file, modified: null, book: null, readError: unusable };
  try {
    modified = statSync(file).mtimeMs;
    const bytes = readFileSync(file);
    // The 回执's fingerprint: of the bytes received, readable or not.
    sha256 = createHash("sha256").update(bytes).digest("hex");
    const book = readXlsx(bytes, { sheets: isInputSheet });
    return { file, modified, sha256, book: needsEverySheet(book) ? readXlsx(bytes) : book };
  } catch (e) {
    // The reader's own errors are already in Chinese; the file system's (ENOENT, EACCES) are not.
    const readError =
      e instanceof XlsxReadError
        ? e.message
        : `无法读取文件（${e instanceof Error ? e.message : String(e)}），请检查文件是否存在、能否打开。`;
    return { file, modified, book: null, readError, ...(sha256 !== undefined && { sha256 }) };
  }
}

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
}

/** Consolidates files into a report workbook (written atomically, never over an input) and an optional JSON summary. */
export async function runConsolidate(run: ConsolidateRun): Promise<Consolidation> {
  if (run.json !== undefined && resolve(run.json) === resolve(run.output))
    throw new UsageError(
      `--json 和 -o 不能是同一个文件（${run.output}）：摘要会覆盖刚写好的汇总报告。`
    );
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
  const c = consolidate(lazyInputs(run.files, run.progress), {
    rubric: run.rubric,
    today: run.now,
    acceptOtherRubric: run.acceptOtherRubric,
    ...(previous ? { previous } : {}),
    ...(run.roster ? { roster: run.roster } : {}),
  });
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
    throw new Error(`${basename(report)} 不是汇总报告：${c.inputs[0]?.reasons.join("；") ?? ""}`);
  const sheet =
    which.kind === "recommend"
      ? recommendSheet(c, { year: now.getFullYear() })
      : sampleSheet(c, which);
  writeWorkbook(output, singleSheetWorkbook(sheet), [report]);
  return c;
}
