import {
  analyse,
  analyseOptions,
  DEFAULT_RUBRIC,
  IN_FLIGHT_PER_WORKER,
  POOL_MIN_FILES,
  poolWorkers,
  rubricFingerprint,
  runAnalysePool,
  type Analysed,
  type AnalyseJob,
  type AnalyseSettings,
  type PoolWorker,
  type PoolWorkerEvents,
} from "../../../src/core";

// The pool's scheduling, with workers faked: what the CLI's worker threads and the pane's Web
// Workers share. A fake worker answers each job after a random delay, in the order it got them, and
// dies on the files it is told to.

const SETTINGS: AnalyseSettings = {
  rubric: DEFAULT_RUBRIC,
  today: new Date(2019, 4, 20),
  acceptOtherRubric: false,
  hasPrevious: false,
};
const OPTIONS = analyseOptions(SETTINGS);
const FINGERPRINT = rubricFingerprint(DEFAULT_RUBRIC);

/** What a fake worker makes of a file: an input it could not read, named after the file. */
const analysed = (file: string, index: number): Analysed =>
  analyse(
    { file, modified: null, book: null, readError: `读不了 ${file}` },
    index,
    OPTIONS,
    FINGERPRINT
  );

interface Fakes {
  readonly spawned: number;
  readonly stopped: number;
  readonly spawn: (events: PoolWorkerEvents) => PoolWorker<string>;
}

/** Workers that take 0–3 ms a file; `deadly` files kill the worker that takes them up. */
function fakeWorkers(
  deadly: ReadonlySet<string> = new Set(),
  random: () => number = seeded(7)
): Fakes {
  let spawned = 0;
  let stopped = 0;
  return {
    get spawned() {
      return spawned;
    },
    get stopped() {
      return stopped;
    },
    spawn(events) {
      spawned++;
      const queue: AnalyseJob<string>[] = [];
      let alive = true;
      let busy = false;
      const work = (): void => {
        const job = queue.shift();
        if (!job || !alive) return void (busy = false);
        busy = true;
        setTimeout(
          () => {
            if (!alive) return;
            if (deadly.has(job.file)) {
              alive = false;
              return events.died(`died on ${job.file}`);
            }
            events.answer({ index: job.index, analysed: analysed(job.file, job.index) });
            work();
          },
          Math.floor(random() * 4)
        );
      };
      setTimeout(() => events.ready(), Math.floor(random() * 3));
      return {
        post(job) {
          queue.push(job);
          if (!busy) work();
        },
        stop() {
          if (alive) stopped++;
          alive = false;
        },
      };
    },
  };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `${i + 1}.xlsx`);

function run(files: readonly string[], fakes: Fakes, more: { workers?: number } = {}) {
  const warned: string[] = [];
  let most = 0;
  const done: number[] = [];
  const result = runAnalysePool({
    files,
    nameOf: (f) => f,
    settings: SETTINGS,
    workers: more.workers ?? 3,
    spawn: fakes.spawn,
    progress: (n) => done.push(n),
    warn: (line) => warned.push(line),
    sent: (_index, inFlight) => (most = Math.max(most, inFlight)),
    notStarted: (why) => new Error(`not started: ${why}`),
  });
  return { result, warned, done, most: () => most };
}

/** A pool of `workers` workers from `spawn` over `count` files, nothing watched. */
const pooled = (
  spawn: (events: PoolWorkerEvents) => PoolWorker<string>,
  count: number,
  workers: number
) =>
  runAnalysePool({
    files: names(count),
    nameOf: (f) => f,
    settings: SETTINGS,
    workers,
    spawn,
    progress: () => undefined,
    notStarted: (why) => new Error(`not started: ${why}`),
  });

describe("the analyse pool's scheduling", () => {
  it.each([1, 2, 3, 7])(
    "gives every file back in input order (seed %i), whatever order the workers finish in",
    async (seed) => {
      const files = names(60);
      const fakes = fakeWorkers(new Set(), seeded(seed));
      const r = run(files, fakes);
      const got = await r.result;
      expect(got).toEqual(files.map((f, i) => analysed(f, i)));
      expect(r.done).toEqual(files.map((_, i) => i + 1));
      expect(fakes.spawned).toBe(3);
      expect(fakes.stopped).toBe(3);
    }
  );

  it("never has more than IN_FLIGHT_PER_WORKER files in flight per worker", async () => {
    const r = run(names(50), fakeWorkers());
    await r.result;
    expect(r.most()).toBeLessThanOrEqual(3 * IN_FLIGHT_PER_WORKER);
    expect(r.most()).toBeGreaterThanOrEqual(IN_FLIGHT_PER_WORKER);
  });

  it("starts no more workers than there are files, and none for no files", async () => {
    const few = fakeWorkers();
    expect(await run(names(2), few, { workers: 8 }).result).toHaveLength(2);
    expect(few.spawned).toBe(2);
    const none = fakeWorkers();
    expect(await run([], none).result).toEqual([]);
    expect(none.spawned).toBe(0);
  });

  it("rejects the file a worker died on with a reason, and analyses every other file", async () => {
    const files = names(40);
    const fakes = fakeWorkers(new Set(["17.xlsx"]));
    const r = run(files, fakes);
    const got = await r.result;
    const lost = got[16];
    expect(lost?.outcome.status).toBe("rejected");
    expect(lost?.outcome.reasons.join("")).toMatch(
      /程序意外终止（died on 17\.xlsx）.*其他文件照常汇总/
    );
    expect(got.filter((_, i) => i !== 16)).toEqual(
      files.filter((_, i) => i !== 16).map((f) => analysed(f, files.indexOf(f)))
    );
    expect(r.warned).toEqual(["处理 17.xlsx 时工作线程意外终止：died on 17.xlsx"]);
    // The dead worker's partner file went again alone; a new worker took the dead one's place.
    expect(fakes.spawned).toBeGreaterThanOrEqual(4);
  });

  it("survives several deadly files, next to each other too", async () => {
    const deadly = new Set(["1.xlsx", "2.xlsx", "30.xlsx"]);
    const got = await run(names(30), fakeWorkers(deadly), { workers: 2 }).result;
    expect(
      got.map((a) => a.outcome.status === "rejected" && /意外终止/.test(a.outcome.reasons[0] ?? ""))
    ).toEqual(names(30).map((f) => deadly.has(f)));
  });

  it("fails the run when a worker dies before it is ready: a broken installation, not a bad file", async () => {
    const spawn = (events: PoolWorkerEvents): PoolWorker<string> => {
      setTimeout(() => events.died("no script"));
      return { post: () => undefined, stop: () => undefined };
    };
    await expect(pooled(spawn, 5, 2)).rejects.toThrow("not started: no script");
  });

  it("stops every worker and rejects when progress refuses to go on (取消)", async () => {
    const fakes = fakeWorkers();
    const result = runAnalysePool({
      files: names(30),
      nameOf: (f) => f,
      settings: SETTINGS,
      workers: 2,
      spawn: fakes.spawn,
      progress: (done) => {
        if (done === 5) throw new Error("已取消");
      },
      notStarted: (why) => new Error(why),
    });
    await expect(result).rejects.toThrow("已取消");
    expect(fakes.stopped).toBe(fakes.spawned);
  });

  it("treats an answer out of order as a bug", async () => {
    const spawn = (events: PoolWorkerEvents): PoolWorker<string> => {
      const jobs: AnalyseJob<string>[] = [];
      setTimeout(() => events.ready());
      return {
        post(job) {
          jobs.push(job);
          if (jobs.length === 2)
            setTimeout(() => {
              const second = jobs[1] as AnalyseJob<string>;
              events.answer({ index: second.index, analysed: analysed(second.file, second.index) });
            });
        },
        stop: () => undefined,
      };
    };
    await expect(pooled(spawn, 4, 1)).rejects.toThrow("a worker answered out of order");
  });

  it("keeps small batches out of a pool, and gives a large one a worker per core", () => {
    expect(poolWorkers(POOL_MIN_FILES - 1, 8)).toBe(1);
    expect(poolWorkers(POOL_MIN_FILES, 8)).toBe(8);
    expect(poolWorkers(5_000, 0)).toBe(1);
  });
});
