import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_RUBRIC, IN_FLIGHT_PER_WORKER, POOL_MIN_FILES } from "../../src/core";
import { jobsFor } from "../../src/cli/consolidate-command";
import { analyseInPool } from "../../src/cli/pool";
import { dabiao } from "../support/cli-run";
import { scoresheetBytes, TODAY, unrelatedWorkbook } from "../support/submissions";

// Consolidating with a pool of worker threads must give exactly what one thread gives: the same
// report bytes and the same --json, whatever order the workers finish in.

let dir: string;
let inbox: string;
/** The batch: distinct branches, a duplicate, a resubmission, a committee report and broken files. */
const NAMES: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dabiao-jobs-"));
  inbox = join(dir, "inbox");
  await mkdir(inbox);
  const put = async (name: string, bytes: Uint8Array | string, modified?: Date): Promise<void> => {
    const file = join(inbox, name);
    await writeFile(file, bytes);
    if (modified) await utimes(file, modified, modified);
    NAMES.push(name);
  };
  const branch = (n: number): string => `第${n}党支部`;
  for (let n = 1; n <= 9; n++)
    await put(
      `${String(n).padStart(2, "0")}.xlsx`,
      await scoresheetBytes({
        name: branch(n),
        lose: (n * 3.5) % 31,
        ...(n % 4 === 0 ? { entries: { B2: "八分" } } : {}),
      }),
      new Date(2019, 4, 1, 9, n)
    );
  // The same file sent twice (重复报送) and 第2党支部 sent again later with other scores.
  await put("10-重复.xlsx", await readFile(join(inbox, "01.xlsx")), new Date(2019, 4, 1, 9, 1));
  await put(
    "11-更正.xlsx",
    await scoresheetBytes({ name: branch(2), lose: 1 }),
    new Date(2019, 4, 9)
  );
  const whole = await scoresheetBytes({ name: branch(12) });
  await put("12-损坏.xlsx", whole.slice(0, Math.floor(whole.length / 2)));
  await put("13-说明.xlsx", "请各党支部于5月31日前报送。");
  await put("14-工资表.xlsx", await unrelatedWorkbook());
  // A committee's report among the branch files: one input, several branches.
  const other = join(dir, "other");
  await mkdir(other);
  for (const n of [21, 22, 23])
    await writeFile(
      join(other, `${n}.xlsx`),
      await scoresheetBytes({ committee: "市教育局机关党委", name: branch(n), lose: n - 20 })
    );
  const made = await dabiao(
    "consolidate",
    other,
    "-o",
    join(inbox, "15-教育局汇总.xlsx"),
    "--jobs",
    "1"
  );
  expect(made.code).toBe(0);
  NAMES.push("15-教育局汇总.xlsx");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly report: Buffer;
  readonly json: string;
  readonly err: string;
}

async function consolidate(jobs: number, ...more: string[]): Promise<Run> {
  const out = await mkdtemp(join(dir, `out-${jobs}-`));
  const report = join(out, "报告.xlsx");
  const json = join(out, "摘要.json");
  const r = await dabiao(
    "consolidate",
    inbox,
    "-o",
    report,
    "--json",
    json,
    "--jobs",
    String(jobs),
    ...more
  );
  return {
    code: r.code,
    report: await readFile(report),
    json: await readFile(json, "utf8"),
    err: r.err,
  };
}

const statuses = (json: string): Record<string, string> =>
  Object.fromEntries(
    (JSON.parse(json) as { inputs: { file: string; status: string }[] }).inputs.map((i) => [
      i.file.slice(inbox.length + 1),
      i.status,
    ])
  );

/** The batch consolidated on one thread, as before pools: what every pool run must reproduce. */
let one: Run;
beforeAll(async () => {
  one = await consolidate(1);
});

describe("a pool of workers gives what one thread gives", () => {
  it("sees every kind of input in the batch: accepted, superseded and rejected", () => {
    expect(statuses(one.json)).toEqual({
      ...Object.fromEntries(NAMES.map((n) => [n, "accepted"])),
      "01.xlsx": "superseded",
      "02.xlsx": "superseded",
      "12-损坏.xlsx": "rejected",
      "13-说明.xlsx": "rejected",
      "14-工资表.xlsx": "rejected",
    });
    expect(one.code).toBe(1);
  });

  it.each([2, 3])(
    "writes the same report bytes and the same --json with --jobs %i",
    async (jobs) => {
      const pool = await consolidate(jobs);
      expect(pool.code).toBe(one.code);
      expect(pool.json).toBe(one.json);
      expect(pool.report.equals(one.report)).toBe(true);
    }
  );

  it("carries a previous report over the same way", async () => {
    const previous = join(dir, "上次.xlsx");
    await writeFile(previous, one.report);
    const [a, b] = [
      await consolidate(1, "--previous", previous),
      await consolidate(2, "--previous", previous),
    ];
    expect(b.json).toBe(a.json);
    expect(b.report.equals(a.report)).toBe(true);
  });
});

describe("a worker that dies costs one file, not the batch", () => {
  afterEach(() => {
    delete process.env["DABIAO_TEST_WORKER_CRASH"];
  });

  it.each(["throw", "exit"])(
    "rejects the file a worker died on (%s) with a reason, and consolidates the rest",
    async (how) => {
      process.env["DABIAO_TEST_WORKER_CRASH"] = `${how}:05.xlsx`;
      const crashed = await consolidate(2);
      const summary = JSON.parse(crashed.json) as {
        inputs: { file: string; status: string; reasons: string[] }[];
      };
      const lost = summary.inputs.find((i) => i.file.endsWith("05.xlsx"));
      expect(lost?.status).toBe("rejected");
      expect(lost?.reasons.join("")).toMatch(/意外终止.*其他文件照常汇总/);
      expect(crashed.err).toContain("05.xlsx");
      expect(statuses(crashed.json)).toEqual({ ...statuses(one.json), "05.xlsx": "rejected" });
      const branches = (json: string): string[] =>
        (JSON.parse(json) as { branches: { name: string }[] }).branches.map((b) => b.name);
      expect(branches(crashed.json)).toEqual(branches(one.json).filter((n) => n !== "第5党支部"));
    }
  );
});

describe("the pool's shape", () => {
  it("never has more than a few files in flight per worker, and answers in input order", async () => {
    const files = Array.from({ length: 40 }, (_, i) => join(inbox, NAMES[i % NAMES.length] ?? ""));
    let most = 0;
    const order: number[] = [];
    const analysed = await analyseInPool({
      files,
      settings: {
        rubric: DEFAULT_RUBRIC,
        today: TODAY,
        acceptOtherRubric: false,
        hasPrevious: false,
      },
      workers: 2,
      progress: () => undefined,
      warn: (line) => {
        throw new Error(line);
      },
      sent: (index, inFlight) => {
        order.push(index);
        most = Math.max(most, inFlight);
      },
    });
    expect(analysed.map((a) => a.file)).toEqual(files);
    expect(order.sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
    // A worker that starts late may find its partner already done with some: never more, maybe fewer.
    expect(most).toBeLessThanOrEqual(2 * IN_FLIGHT_PER_WORKER);
    expect(most).toBeGreaterThanOrEqual(IN_FLIGHT_PER_WORKER);
  });

  it("keeps small batches on the main thread unless --jobs asks otherwise", () => {
    expect(jobsFor(POOL_MIN_FILES - 1, undefined)).toBe(1);
    expect(jobsFor(POOL_MIN_FILES, undefined)).toBe(availableParallelism());
    expect(jobsFor(3, 2)).toBe(2);
    expect(jobsFor(5_000, 1)).toBe(1);
  });

  it.each(["0", "两个", "1.5"])("refuses --jobs %s in Chinese", async (jobs) => {
    const r = await dabiao("consolidate", inbox, "-o", join(dir, "x.xlsx"), "--jobs", jobs);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--jobs 应为 1 到 64 之间的整数/);
  });
});
