import {
  receiptWorkbook,
  reportAt,
  type Consolidation,
  type Rubric,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "../core";
import { feedbackPack } from "./feedback-pack";
import {
  consolidateFiles,
  readChosen,
  type AnalyseElsewhere,
  type PaneConsolidation,
  type Progress,
} from "./consolidate-files";
import type { ChosenFile, FilePort } from "./ports";

// 合并汇总 as a port: the pane asks for a consolidation, then for its report as a workbook spec
// (写入本工作簿) or as .xlsx bytes (下载). index.tsx runs it in a Web Worker (consolidation-worker.ts)
// so no main-thread task blocks the pane; tests and engines without workers run it inline.

/** What the pane shows of a consolidation: every input's outcome, tiers, pass rate, the roster's figures and any shortfall. */
export type ConsolidationSummary = Pick<
  Consolidation,
  "inputs" | "counts" | "passRate" | "roster"
> & {
  readonly shortfall: string | null;
};

/** What a consolidation needs besides the files: the previous report, if the workbook holds one. */
export type ConsolidationRequest = Omit<PaneConsolidation, "previous"> & {
  readonly previous?: WorkbookSnapshot;
  /** The previous report as a file the user chose (browser mode). */
  readonly previousFile?: ChosenFile;
};

/** Consolidation for the pane. */
export interface ConsolidationPort {
  consolidate(
    chosen: readonly ChosenFile[],
    request: ConsolidationRequest,
    onProgress: (p: Progress) => void
  ): Promise<ConsolidationSummary>;
  /** The last consolidation's report sheets, for the open workbook. */
  reportSpec(today: Date): Promise<WorkbookSpec>;
  /** The last consolidation's report as an .xlsx file. */
  reportFile(today: Date): Promise<Uint8Array>;
  /** The last consolidation's 回执.xlsx. */
  receiptFile(today: Date): Promise<Uint8Array>;
  /** The last consolidation's 退回修改包 (a .zip of workbooks), or null when no branch has anything to correct. */
  feedbackPack(today: Date): Promise<FeedbackPack | null>;
  /** Stops a running consolidation; its promise rejects with CANCELLED. */
  cancel(): void;
}

/** The 退回修改 workbooks in one .zip, and how many. */
export interface FeedbackPack {
  readonly bytes: Uint8Array;
  readonly count: number;
}

/** The message a cancelled consolidation rejects with. */
export const CANCELLED = "已取消";

/** The summary of a consolidation, as plain data. */
export function summaryOf(c: Consolidation): ConsolidationSummary {
  return {
    inputs: c.inputs,
    counts: c.counts,
    passRate: c.passRate,
    roster: c.roster,
    shortfall: c.recommendation.shortfall,
  };
}

/**
 * Consolidation on the calling thread: in the worker, in tests, and where no Worker exists; the
 * worker hands the reading to a pool of analyse workers through `elsewhere`.
 */
export function inlineConsolidation(
  files: FilePort,
  elsewhere?: AnalyseElsewhere
): ConsolidationPort {
  let last: { readonly c: Consolidation; readonly rubric: Rubric } | null = null;
  let cancelled = false;
  const lastOne = (): { readonly c: Consolidation; readonly rubric: Rubric } => {
    if (!last) throw new Error("no consolidation yet");
    return last;
  };
  return {
    async consolidate(chosen, request, onProgress) {
      cancelled = false;
      last = null;
      const { previousFile, ...options } = request;
      let previous = request.previous;
      if (!previous && previousFile) {
        const read = await readChosen(previousFile, files);
        if (!read.book) throw new Error(`${previousFile.name}：${read.readError ?? ""}`);
        previous = read.book;
      }
      const c = await consolidateFiles(
        chosen,
        files,
        { ...options, ...(previous && { previous }) },
        (p) => {
          if (cancelled) throw new Error(CANCELLED);
          onProgress(p);
        },
        elsewhere
      );
      last = { c, rubric: request.rubric };
      return summaryOf(c);
    },
    async reportSpec(today) {
      const { c, rubric } = lastOne();
      return reportAt(c, rubric, today);
    },
    async reportFile(today) {
      const { c, rubric } = lastOne();
      return files.write(reportAt(c, rubric, today));
    },
    async receiptFile() {
      return files.write(receiptWorkbook(lastOne().c));
    },
    async feedbackPack(today) {
      const { c, rubric } = lastOne();
      return feedbackPack(c, rubric, today, files);
    },
    cancel() {
      cancelled = true;
    },
  };
}
