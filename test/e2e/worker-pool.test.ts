import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { DEFAULT_RUBRIC, type Rubric } from "../../src/core";
import type { ConsolidationSummary } from "../../src/taskpane/consolidation";
import { haveChromium } from "./browser";
import { paneSession, type PaneSession } from "./page";
import { productionBuild } from "./production-build";
import { serveFolder } from "./static-server";
import { submissionFiles } from "./submission-files";
import { scoresheetBytes, TODAY, unrelatedWorkbook } from "../support/submissions";

// The pane's consolidation worker with its pool of analyse workers (nested Web Workers) in headless
// Chromium: the pool's result is the one-worker result, and a worker that crashes on a file costs
// that file only. The pane's worker is driven through its own message protocol, as the pane drives it.

const run = haveChromium() ? describe : describe.skip;
jest.setTimeout(600_000);

/** The file the crashing build's analyse workers die on. */
const DEADLY = "05-会让线程崩溃.xlsx";

/** 60 submissions plus the awkward ones: the same file twice, a resubmission, a broken file, a text file, another workbook. */
async function batch(dir: string): Promise<string[]> {
  const paths = [...(await submissionFiles(60))];
  let at = 2;
  /** Each awkward file goes in between the submissions, nine further on than the one before. */
  const put = (name: string, bytes: Uint8Array | string, modified?: Date): void => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    if (modified) utimesSync(path, modified, modified);
    paths.splice(at, 0, path);
    at += 9;
  };
  put("重复报送.xlsx", readFileSync(paths[3] ?? ""));
  put("第2党支部-更正.xlsx", await scoresheetBytes({ name: "第2党支部", lose: 1 }), TODAY);
  put(
    "第2党支部.xlsx",
    await scoresheetBytes({ name: "第2党支部", lose: 6 }),
    new Date(2019, 4, 1)
  );
  const whole = await scoresheetBytes({ name: "第9党支部" });
  put("传输中断.xlsx", whole.slice(0, Math.floor(whole.length / 2)));
  put("说明.xlsx", "请各党支部于5月31日前报送。");
  put("工资表.xlsx", await unrelatedWorkbook());
  put(DEADLY, await scoresheetBytes({ name: "第5党支部", lose: 2 }));
  return paths;
}

interface Outcome {
  readonly summary: ConsolidationSummary;
  /** SHA-256 of the report .xlsx and of the 回执.xlsx, as the worker wrote them. */
  readonly report: string;
  readonly receipt: string;
}

/** Chooses the files in the pane's file input, then consolidates them in a fresh consolidation worker. */
async function consolidateIn(
  page: Page,
  paths: readonly string[],
  workers: number | undefined
): Promise<Outcome> {
  // The pane empties its input once it has taken the files: they are caught as they are chosen.
  await page.evaluate(() =>
    document.addEventListener(
      "change",
      (e) => {
        const files = (e.target as HTMLInputElement).files;
        (window as unknown as { chosen: File[] }).chosen = Array.from(files ?? []);
      },
      { capture: true, once: true }
    )
  );
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles([...paths]);
  return page.evaluate(
    async ({ rubric, today, workers }: { rubric: Rubric; today: number; workers?: number }) => {
      const files = (window as unknown as { chosen: File[] }).chosen;
      const worker = new Worker("consolidation-worker.js?v=pool-test");
      const answer = (id: number) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const on = (e: MessageEvent<Record<string, unknown>>): void => {
            if (e.data["id"] !== id || e.data["type"] === "progress") return;
            worker.removeEventListener("message", on);
            if (e.data["type"] === "failed") reject(new Error(String(e.data["message"])));
            else resolve(e.data);
          };
          worker.addEventListener("message", on);
        });
      const sha = async (bytes: unknown): Promise<string> =>
        Array.from(
          new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>))
        )
          .map((b) => b.toString(16).padStart(2, "0"))
          .join("");
      const day = new Date(today);
      worker.postMessage({ id: 1, type: "files", files });
      const consolidated = answer(1);
      worker.postMessage({
        id: 1,
        type: "consolidate",
        request: { rubric, today: day, acceptOtherRubric: false },
        ...(workers !== undefined && { workers }),
      });
      const { summary } = await consolidated;
      const reportFile = answer(2);
      worker.postMessage({ id: 2, type: "reportFile", today: day });
      const report = await sha((await reportFile)["bytes"]);
      const receiptFile = answer(3);
      worker.postMessage({ id: 3, type: "receiptFile", today: day });
      const receipt = await sha((await receiptFile)["bytes"]);
      worker.terminate();
      return { summary: summary as ConsolidationSummary, report, receipt };
    },
    {
      rubric: DEFAULT_RUBRIC,
      today: TODAY.getTime(),
      ...(workers !== undefined && { workers }),
    }
  );
}

const statuses = (o: Outcome): Record<string, string> =>
  Object.fromEntries(o.summary.inputs.map((i) => [i.file, i.status]));

run("the pane's pool of analyse workers", () => {
  let session: PaneSession;
  let dir: string;
  let paths: string[];
  let single: Outcome;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "dabiao-pane-pool-"));
    paths = await batch(dir);
    session = await paneSession();
    const { page } = await session.open();
    await page.getByRole("tab", { name: "汇总" }).click();
    single = await consolidateIn(page, paths, 1);
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads a batch with duplicates, resubmissions and broken files as one worker does", async () => {
    expect(new Set(Object.values(statuses(single)))).toEqual(
      new Set(["accepted", "rejected", "superseded"])
    );
    expect(single.summary.inputs).toHaveLength(paths.length);
    const { page, errors } = await session.open();
    await page.getByRole("tab", { name: "汇总" }).click();
    for (const workers of [2, 3, undefined]) {
      const pooled = await consolidateIn(page, paths, workers);
      expect(pooled.summary).toEqual(single.summary);
      expect(pooled.report).toBe(single.report);
      expect(pooled.receipt).toBe(single.receipt);
    }
    expect(errors).toEqual([]);
  });

  it("rejects the file an analyse worker crashed on, with a reason, and consolidates the rest", async () => {
    // The same build, but its analyse workers throw on one file, as a bug in the reader would.
    const crashing = mkdtempSync(join(tmpdir(), "dabiao-pane-crash-"));
    cpSync(productionBuild(), crashing, { recursive: true });
    const script = join(crashing, "analyse-worker.js");
    writeFileSync(
      script,
      `self.addEventListener("message", (e) => {
        if (e.data && e.data.file && e.data.file.name === ${JSON.stringify(DEADLY)}) {
          e.stopImmediatePropagation();
          throw new Error("test crash");
        }
      });\n` + readFileSync(script, "utf8")
    );
    const server = await serveFolder(crashing);
    const context = await session.browser.newContext({ locale: "zh-CN" });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.url}taskpane.html`);
      await page.getByRole("tab", { name: "汇总" }).click();
      // Read on the pane's worker alone, the file is not read by an analyse worker and is accepted.
      expect(statuses(await consolidateIn(page, paths, 1))).toEqual(statuses(single));
      const crashed = await consolidateIn(page, paths, 2);
      const lost = crashed.summary.inputs.find((i) => i.file === DEADLY);
      expect(lost?.status).toBe("rejected");
      expect(lost?.reasons.join("")).toMatch(/程序意外终止（.*test crash.*）.*其他文件照常汇总/);
      expect(statuses(crashed)).toEqual({ ...statuses(single), [DEADLY]: "rejected" });
      expect(crashed.summary.counts).not.toEqual(single.summary.counts);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
      rmSync(crashing, { recursive: true, force: true });
    }
  });
});
