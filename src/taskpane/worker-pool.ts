import {
  poolWorkers,
  runAnalysePool,
  type Analysed,
  type AnalyseAnswer,
  type AnalyseSettings,
} from "../core";
import type { ChosenFile } from "./ports";

// The pane's analyse pool: Web Workers started from the pane's consolidation worker (nested
// workers), driven by the core's pool scheduling, the same as the CLI's worker threads.

/**
 * The most analyse workers the pane starts, whatever the machine has: each holds a whole reader and
 * engine and its own heap, and past a few the merge, not the reading, is what the user waits for.
 */
export const MAX_PANE_WORKERS = 4;

/** How many analyse workers a batch of `files` gets with `cores` logical processors (1: no pool). */
export function paneWorkers(files: number, cores: number | undefined): number {
  return poolWorkers(files, Math.min(MAX_PANE_WORKERS, cores ?? 1));
}

/** True where a worker can start workers of its own (Chromium and WebView2; Safari from 16.4). */
export function canStartWorkers(): boolean {
  return typeof Worker === "function";
}

/**
 * Reads, scores and validates the chosen files in `workers` Web Workers made by `create`, and gives
 * the analyses back in input order. A worker that throws or fails to read its message costs the file
 * it was on, which becomes a rejected input with the reason; the rest of the batch goes on.
 */
export function analyseInWorkers(
  chosen: readonly ChosenFile[],
  settings: AnalyseSettings,
  workers: number,
  onRead: (done: number, file: string) => void,
  create: () => Worker
): Promise<Analysed[]> {
  return runAnalysePool({
    files: chosen,
    nameOf: (file) => file.name,
    settings,
    workers,
    progress: (done, _total, file) => onRead(done, file),
    notStarted: (why) => new Error(`无法启动读取文件用的后台线程（${why}），请刷新页面后重试。`),
    spawn: (events) => {
      const worker = create();
      worker.onmessage = (e: MessageEvent<AnalyseAnswer | "ready">) =>
        e.data === "ready" ? events.ready() : events.answer(e.data);
      worker.onerror = (e) => {
        // Handled here: the pool turns it into the file's rejection, not an error of the page.
        e.preventDefault();
        events.died(e.message || "后台线程出错");
      };
      worker.onmessageerror = () => events.died("后台线程的消息无法读取");
      worker.postMessage(settings);
      return {
        post: (job) => worker.postMessage(job),
        stop: () => worker.terminate(),
      };
    },
  });
}
