import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  analyse,
  analyseOptions,
  rubricFingerprint,
  type Analysed,
  type AnalyseAnswer,
  type AnalyseJob,
  type AnalyseSettings,
} from "../core";

/**
 * Files sent to a worker before it has answered: one being read and one waiting, so a worker never
 * idles between files, and no more, so a fast reader cannot pile up a slow batch's work in memory.
 */
export const IN_FLIGHT_PER_WORKER = 2;

/** One batch for the pool: the files in input order, what every worker is told, and how many workers. */
export interface PoolRun {
  readonly files: readonly string[];
  readonly settings: AnalyseSettings;
  readonly workers: number;
  readonly progress: (done: number, total: number, file: string) => void;
  /** Where a worker's crash is told in full, beside the file's rejection. */
  readonly warn: (line: string) => void;
  /** Sees each file as it is sent to a worker, with how many are then in flight in all (the back-pressure). */
  readonly sent?: (index: number, inFlight: number) => void;
}

interface Slot {
  readonly worker: Worker;
  /** Indexes sent and not yet answered, oldest first: the worker takes them in this order. */
  readonly sent: number[];
  ready: boolean;
  gone: boolean;
  /** Holding a suspect: nothing else is sent until it is answered. */
  alone: boolean;
}

/**
 * Reads, scores and validates every file in worker threads and returns the analyses in input order,
 * whatever order they finished in. A worker that dies costs the file it was on, which becomes a
 * rejected input. Which file that was is certain only when it was the worker's one file in flight
 * (an answer sent just before a crash may arrive after it): so the files a worker held when it died
 * go again, each alone in a worker, and a file that kills a worker it has to itself is the one.
 */
export function analyseInPool(run: PoolRun): Promise<Analysed[]> {
  const { files, settings } = run;
  const results: (Analysed | undefined)[] = new Array<Analysed | undefined>(files.length);
  /** Files a worker held when it died: each goes again alone. */
  const suspects: number[] = [];
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const slots = new Set<Slot>();
    const stopAll = (): void => {
      for (const s of slots) {
        s.gone = true;
        void s.worker.terminate();
      }
    };
    const fail = (error: Error): void => {
      failed = true;
      stopAll();
      reject(error);
    };
    const finish = (): void => {
      if (done < files.length || failed) return;
      stopAll();
      resolve(results.map((a, i) => a ?? bug(`input ${i} was never analysed`)));
    };
    const answered = (index: number, analysed: Analysed): void => {
      if (results[index] !== undefined) return;
      results[index] = analysed;
      run.progress(++done, files.length, files[index] ?? "");
    };
    const nextSuspect = (): number | undefined => {
      for (let i = suspects.shift(); i !== undefined; i = suspects.shift())
        if (results[i] === undefined) return i;
      return undefined;
    };
    const send = (slot: Slot, index: number): void => {
      slot.sent.push(index);
      const job: AnalyseJob = { index, file: files[index] ?? "" };
      slot.worker.postMessage(job);
      run.sent?.(
        index,
        [...slots].reduce((n, s) => n + s.sent.length, 0)
      );
    };
    const feed = (slot: Slot): void => {
      if (slot.gone || slot.alone) return;
      if (suspects.length > 0) {
        if (slot.sent.length > 0) return;
        const index = nextSuspect();
        if (index !== undefined) {
          slot.alone = true;
          return send(slot, index);
        }
      }
      while (slot.sent.length < IN_FLIGHT_PER_WORKER && next < files.length) send(slot, next++);
    };
    const crashed = (slot: Slot, why: string): void => {
      if (slot.gone || failed) return;
      slot.gone = true;
      slots.delete(slot);
      if (!slot.ready)
        return fail(
          new Error(`无法启动汇总用的工作线程（${why}）；可用 --jobs 1 在单线程下汇总。`)
        );
      const held = slot.sent.filter((i) => results[i] === undefined);
      const [only] = held;
      if (only !== undefined && slot.sent.length === 1) {
        const file = files[only] ?? "";
        run.warn(`处理 ${file} 时工作线程意外终止：${why}`);
        answered(only, rejected(file, only, settings, why));
      } else suspects.unshift(...held);
      if (next < files.length || suspects.length > 0) start();
      finish();
    };
    const start = (): void => {
      const worker = spawnWorker(settings);
      const slot: Slot = { worker, sent: [], ready: false, gone: false, alone: false };
      slots.add(slot);
      worker.on("message", (message: AnalyseAnswer | "ready") => {
        if (message === "ready") {
          slot.ready = true;
          return feed(slot);
        }
        if (slot.sent.shift() !== message.index) return fail(bug("a worker answered out of order"));
        slot.alone = false;
        // An answer from a worker that has died since is as good as any: its file need not go again.
        answered(message.index, message.analysed);
        feed(slot);
        finish();
      });
      worker.on("error", (e) => crashed(slot, e.message));
      worker.on("exit", (code) => crashed(slot, `退出码 ${code}`));
    };
    const count = Math.max(1, Math.min(run.workers, files.length));
    for (let i = 0; i < count; i++) start();
  });
}

/** The input a crash cost, rejected the way the core rejects an unreadable file. */
function rejected(file: string, index: number, settings: AnalyseSettings, why: string): Analysed {
  const readError = `读取或评分此文件时程序意外终止（${why}），该文件未计入汇总，其他文件照常汇总；请确认文件能用 Excel 正常打开后重新报送，如仍出现请联系技术支持。`;
  const options = analyseOptions(settings);
  return analyse(
    { file, modified: null, book: null, readError },
    index,
    options,
    rubricFingerprint(settings.rubric)
  );
}

function bug(what: string): never {
  throw new Error(`consolidation pool: ${what}`);
}

/**
 * A worker holds one file's snapshot at a time, so a small young generation serves it: with V8's
 * default each of two workers kept ~25 MB more resident, which took 5,000 files past 250 MB
 * (measured: 269 MB default, 235 MB at 8 MB, 245 MB and 20% more CPU at 2 MB).
 */
const resourceLimits = { maxYoungGenerationSizeMb: 8 };

/**
 * A worker running analyse-worker from beside this file. From lib/ that is plain JavaScript. From the
 * TypeScript sources (under jest) this thread compiles the sources a worker needs once, with the
 * TypeScript compiler they are built with and as `npm run build:cli` would (modules to CommonJS), and
 * each worker loads them from memory under their own paths.
 */
function spawnWorker(settings: AnalyseSettings): Worker {
  const ext = extname(__filename);
  const entry = join(__dirname, `analyse-worker${ext}`);
  // The environment as this module sees it (under jest a copy of the process's), not as Node saw it at start.
  const env = process.env;
  if (ext !== ".ts") return new Worker(entry, { workerData: settings, env, resourceLimits });
  const loader = `
    const { workerData } = require("node:worker_threads");
    const sources = workerData.sources;
    delete workerData.sources;
    require.extensions[".ts"] = (module, fileName) => module._compile(sources[fileName], fileName);
    require(${JSON.stringify(entry)});`;
  const workerData = { ...settings, sources: compiledSources() };
  return new Worker(loader, { eval: true, workerData, env, resourceLimits });
}

let compiled: Record<string, string> | undefined;

/** The sources a worker may load (sheet, core, xlsx adapters, CLI), compiled once per process. */
function compiledSources(): Record<string, string> {
  if (compiled) return compiled;
  // Only ever reached from the TypeScript sources, where the compiler is installed beside them.
  const ts = require("typescript") as typeof import("typescript");
  const src = join(__dirname, "..");
  const out: Record<string, string> = {};
  for (const folder of ["sheet", "core", join("adapters", "xlsx"), "cli"])
    for (const name of readdirSync(join(src, folder), { recursive: true, encoding: "utf8" })) {
      if (!name.endsWith(".ts")) continue;
      const fileName = join(src, folder, name);
      out[fileName] = ts.transpileModule(readFileSync(fileName, "utf8"), {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
        fileName,
      }).outputText;
    }
  return (compiled = out);
}
