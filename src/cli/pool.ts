import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { runAnalysePool, type Analysed, type AnalyseAnswer, type AnalyseSettings } from "../core";

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

/**
 * Reads, scores and validates every file in worker threads (the core's pool scheduling) and returns
 * the analyses in input order; a worker that dies costs the file it was on, rejected with a reason.
 */
export function analyseInPool(run: PoolRun): Promise<Analysed[]> {
  compileOnWorkersThreads();
  return runAnalysePool({
    ...run,
    nameOf: (file) => file,
    notStarted: (why) =>
      new Error(`无法启动汇总用的工作线程（${why}）；可用 --jobs 1 在单线程下汇总。`),
    spawn: (events) => {
      const worker = spawnWorker(run.settings);
      worker.on("message", (message: AnalyseAnswer | "ready") =>
        message === "ready" ? events.ready() : events.answer(message)
      );
      worker.on("error", (e) => events.died(e.message));
      worker.on("exit", (code) => events.died(`退出码 ${code}`));
      return {
        post: (job) => worker.postMessage(job),
        stop: () => void worker.terminate(),
      };
    },
  });
}

/**
 * Workers optimise their hot code on their own thread, not on V8's background threads. With a worker
 * per core every core is busy reading, so a background compile waits for a core while the worker
 * runs its unoptimised code for hundreds of files: compiling in place, each worker is fast sooner.
 * V8 reads the flag when an isolate starts, so only isolates started after this (the workers) are
 * affected. 1,000 openpyxl saves on 2 cores, end to end, three alternating pairs: 4.71-4.75 s with
 * background compiling, 4.47-4.57 s without.
 */
function compileOnWorkersThreads(): void {
  setFlagsFromString("--no-concurrent-recompilation");
}

/**
 * A worker holds one file's snapshot at a time, so a modest heap serves it. Measured at 5,000 files
 * on 2 cores (peak RSS of the whole process, end to end): young generation 8 MB, 241–253 MB in
 * 8.9 s; 16 MB, 230–238 MB in 7.7 s (less garbage promoted, fewer full collections); 32 MB, 270 MB;
 * 16 MB with the old generation capped at 512 MB, 225 MB in 8.0 s (V8 then collects before growing).
 * The cap is far above what the largest file within the reader's limits needs: 82,000 shared strings
 * filling its 50 MB read in a worker with the whole process at 186 MB.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 512 };

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
