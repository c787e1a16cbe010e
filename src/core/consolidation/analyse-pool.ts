import {
  analyserFor,
  type Analysed,
  type AnalyseAnswer,
  type AnalyseJob,
  type AnalyseSettings,
} from "./analyse";
import { StringPool } from "./string-pool";

// The scheduling of a pool of analyse workers, the same for the CLI's worker threads and the pane's
// Web Workers: each face only says how a worker is started, spoken to and stopped.

/**
 * Files sent to a worker before it has answered: one being read and one waiting, so a worker never
 * idles between files, and no more, so a fast reader cannot pile up a slow batch's work in memory.
 */
export const IN_FLIGHT_PER_WORKER = 2;

/**
 * Below this many files a pool costs more than it saves. Two workers halve the per-file stage (about
 * 2.5 ms a file on a quiet 2-core machine) but first take a while to be ready: 96–260 ms measured
 * under load average 9, less when quiet. Estimated at 60 ms, the break-even is 2 × 60 ÷ 2.5 ≈ 48 files.
 */
export const POOL_MIN_FILES = 48;

/** How many workers analyse a batch of `files` with `cores` to use: one per core for a batch worth a pool, else 1 (no pool). */
export function poolWorkers(files: number, cores: number): number {
  return files >= POOL_MIN_FILES ? Math.max(1, Math.floor(cores)) : 1;
}

/** A worker of a pool as the pool drives it. */
export interface PoolWorker<File> {
  post(job: AnalyseJob<File>): void;
  stop(): void;
}

/** What a worker tells its pool: it is up, it answered a job, or it died (and why, in words). */
export interface PoolWorkerEvents {
  ready(): void;
  answer(answer: AnalyseAnswer): void;
  died(why: string): void;
}

/** One batch for a pool: the files in input order, what every worker is told, and how to start a worker. */
export interface AnalysePoolRun<File> {
  readonly files: readonly File[];
  readonly nameOf: (file: File) => string;
  readonly settings: AnalyseSettings;
  readonly workers: number;
  /** Starts a worker that reports to `events` (never before spawn returns); it says ready() once it can take jobs. */
  readonly spawn: (events: PoolWorkerEvents) => PoolWorker<File>;
  readonly progress: (done: number, total: number, file: string) => void;
  /** Where a worker's crash is told in full, beside the file's rejection. */
  readonly warn?: (line: string) => void;
  /** Sees each file as it is sent to a worker, with how many are then in flight in all (the back-pressure). */
  readonly sent?: (index: number, inFlight: number) => void;
  /** The error a worker that dies before it is ready ends the run with: a broken installation, not a bad file. */
  readonly notStarted: (why: string) => Error;
}

interface Slot<File> {
  readonly worker: PoolWorker<File>;
  /** Indexes sent and not yet answered, oldest first: the worker takes them in this order. */
  readonly sent: number[];
  ready: boolean;
  gone: boolean;
  /** Holding a suspect: nothing else is sent until it is answered. */
  alone: boolean;
}

/**
 * Analyses every file in a pool of workers and returns the analyses in input order, whatever order
 * they finished in. A worker that dies costs the file it was on, which becomes a rejected input.
 * Which file that was is certain only when it was the worker's one file in flight (an answer sent
 * just before a crash may arrive after it): so the files a worker held when it died go again, each
 * alone in a worker, and a file that kills a worker it has to itself is the one.
 */
export function runAnalysePool<File>(run: AnalysePoolRun<File>): Promise<Analysed[]> {
  const { files, settings, nameOf } = run;
  const results = new Array<Analysed | undefined>(files.length);
  /** Files a worker held when it died: each goes again alone. */
  const suspects: number[] = [];
  // Each answer's strings are fresh copies: the same words once each, while the workers go on.
  const strings = new StringPool();
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    let over = false;
    const slots = new Set<Slot<File>>();
    const stopAll = (): void => {
      for (const s of slots) {
        s.gone = true;
        s.worker.stop();
      }
      slots.clear();
    };
    const fail = (error: unknown): void => {
      if (over) return;
      over = true;
      stopAll();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const finish = (): void => {
      if (done < files.length || over) return;
      over = true;
      stopAll();
      resolve(results.map((a, i) => a ?? bug(`input ${i} was never analysed`)));
    };
    const answered = (index: number, analysed: Analysed): void => {
      if (results[index] !== undefined) return;
      results[index] = strings.shared(analysed);
      run.progress(++done, files.length, nameOf(files[index] as File));
    };
    const nextSuspect = (): number | undefined => {
      for (let i = suspects.shift(); i !== undefined; i = suspects.shift())
        if (results[i] === undefined) return i;
      return undefined;
    };
    const send = (slot: Slot<File>, index: number): void => {
      slot.sent.push(index);
      slot.worker.post({ index, file: files[index] as File });
      run.sent?.(
        index,
        [...slots].reduce((n, s) => n + s.sent.length, 0)
      );
    };
    const feed = (slot: Slot<File>): void => {
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
    const died = (slot: Slot<File>, why: string): void => {
      if (slot.gone || over) return;
      slot.gone = true;
      slots.delete(slot);
      slot.worker.stop();
      if (!slot.ready) return fail(run.notStarted(why));
      const held = slot.sent.filter((i) => results[i] === undefined);
      const [only] = held;
      if (only !== undefined && slot.sent.length === 1) {
        const file = nameOf(files[only] as File);
        run.warn?.(`处理 ${file} 时工作线程意外终止：${why}`);
        answered(only, crashed(file, only, settings, why));
      } else suspects.unshift(...held);
      if (next < files.length || suspects.length > 0) start();
      finish();
    };
    /** Runs a worker's report; an error in it (a bug, or progress refusing to go on) ends the run. */
    const guarded =
      <A extends unknown[]>(f: (...args: A) => void) =>
      (...args: A): void => {
        try {
          f(...args);
        } catch (e) {
          fail(e);
        }
      };
    const start = (): void => {
      let slot: Slot<File> | undefined;
      const events: PoolWorkerEvents = {
        ready: guarded(() => {
          if (!slot || slot.gone) return;
          slot.ready = true;
          feed(slot);
        }),
        answer: guarded(({ index, analysed }: AnalyseAnswer) => {
          if (!slot || over) return;
          if (slot.sent.shift() !== index) return fail(bug("a worker answered out of order"));
          slot.alone = false;
          // An answer from a worker that has died since is as good as any: its file need not go again.
          answered(index, analysed);
          feed(slot);
          finish();
        }),
        died: guarded((why: string) => {
          if (slot) died(slot, why);
        }),
      };
      slot = { worker: run.spawn(events), sent: [], ready: false, gone: false, alone: false };
      slots.add(slot);
    };
    if (files.length === 0) return resolve([]);
    const count = Math.max(1, Math.min(run.workers, files.length));
    for (let i = 0; i < count && !over; i++) start();
  });
}

/** The input a crash cost, rejected the way the core rejects an unreadable file. */
function crashed(file: string, index: number, settings: AnalyseSettings, why: string): Analysed {
  const readError = `读取或评分此文件时程序意外终止（${why}），该文件未计入汇总，其他文件照常汇总；请确认文件能用 Excel 正常打开后重新报送，如仍出现请联系技术支持。`;
  return analyserFor(settings)({ file, modified: null, book: null, readError }, index);
}

function bug(what: string): never {
  throw new Error(`analyse pool: ${what}`);
}
