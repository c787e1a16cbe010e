import {
  allCells,
  buildTemplate,
  DEFAULT_RUBRIC,
  rubricSheet,
  STYLES,
  type WorkbookSpec,
} from "../../../src/core";
import { renderWorkbook, type RenderStats } from "../../../src/adapters/office/render";
import { committeeReport } from "../../support/committee-report";
import { officeRuntime, type OfficeRuntime } from "../../support/office-runtime";

// The adapter run through Microsoft's own office.js request serializer: every request body is the
// JSON Excel would receive, measured in bytes, actions and object paths.

const globals = globalThis as unknown as { Excel?: unknown };
afterEach(() => delete globals.Excel);

/** What we allow one request: Excel on the web refuses above 5 MB; half a megabyte stays spare. */
const REQUEST_BUDGET = 4.5 * 1024 * 1024;

async function drawn(
  label: string,
  spec: WorkbookSpec
): Promise<OfficeRuntime & { stats: RenderStats }> {
  const runtime = officeRuntime();
  globals.Excel = runtime.Excel;
  const stats = await renderWorkbook(spec, { printSetup: true, rangeAreas: true });
  const rows = runtime.requests.map(
    (q, i) =>
      `  sync ${i + 1}: ${(q.bytes / 1024).toFixed(1)} KB, ${q.actions} actions, ${q.objectPaths} object paths`
  );
  console.log(`${label}\n${rows.join("\n")}`);
  return Object.assign(runtime, { stats });
}

/** Every request under budget, and the adapter's own measure of each batch close above the real size. */
function expectUnderBudget(runtime: OfficeRuntime & { stats: RenderStats }): void {
  expect(runtime.requests.length).toBe(runtime.stats.syncs + 1); // + office.js's release of references
  for (const q of runtime.requests) expect(q.bytes).toBeLessThan(REQUEST_BUDGET);
  // Requests: one to look, the batches, one to restore events, the release at the end of Excel.run.
  runtime.stats.batchBytes.forEach((measured, i) => {
    const real = runtime.requests[i + 1]?.bytes ?? 0;
    expect(measured).toBeGreaterThanOrEqual(real);
    if (real > 64 * 1024) expect(measured).toBeLessThan(real * 1.6);
  });
}

/** Every value and formula of every sheet arrived in the workbook behind office.js. */
function expectEveryCell(runtime: OfficeRuntime, spec: WorkbookSpec): void {
  for (const sheet of spec.sheets) {
    const written = [...(runtime.sheet(sheet.name)?.cells.values() ?? [])]
      .flatMap((line) => [...line.values()])
      .filter((cell) => cell.formula !== null && cell.formula !== "").length;
    const wanted = [...allCells(sheet)].filter(
      (cell) => !("value" in cell) || (cell.value !== null && cell.value !== "")
    ).length;
    expect([sheet.name, written]).toEqual([sheet.name, wanted]);
  }
}

describe("requests as office.js serialises them", () => {
  it("inserts the scoresheet template in requests under 4.5 MB", async () => {
    const runtime = await drawn(
      "template",
      buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-05-01T00:00:00Z" })
    );
    expectUnderBudget(runtime);
    expect(runtime.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["打分表", "填表说明", "_dabiao"])
    );
  });

  it("inserts the 评分标准 sheet in requests under 4.5 MB", async () => {
    const runtime = await drawn("rubric sheet", {
      sheets: [rubricSheet(DEFAULT_RUBRIC)],
      styles: STYLES,
      properties: { title: "评分标准", creator: "dabiao" },
    });
    expectUnderBudget(runtime);
    expect(runtime.sheet("评分标准")?.cells.size).toBeGreaterThan(10);
  });

  it.each([20, 200, 1000])(
    "writes the report of %i branches in requests under 4.5 MB, every cell of it",
    async (branches) => {
      const report = committeeReport(branches);
      const runtime = await drawn(`report of ${branches} branches`, report);
      expectUnderBudget(runtime);
      expectEveryCell(runtime, report);
      // Screen updating is suspended for each batch of a big write.
      const batches = runtime.requests.slice(1, 1 + runtime.stats.batches);
      for (const q of batches) expect(q.methods).toContain("SuspendScreenUpdatingUntilNextSync");
      expect(runtime.sheets.map((s) => s.name)).not.toContainEqual(expect.stringMatching(/^~/));
    }
  );

  it("stops cleanly when cancelled between batches: no half-built sheet, events back on", async () => {
    const runtime = officeRuntime({
      sheets: [{ name: "汇总表", hidden: false, rows: [[{ v: "旧" }]] }],
    });
    globals.Excel = runtime.Excel;
    const cancel = new AbortController();
    const report = committeeReport(200);
    await expect(
      renderWorkbook(report, {
        printSetup: true,
        rangeAreas: true,
        signal: cancel.signal,
        onProgress: (p) => p.batches > 0 && cancel.abort(),
      })
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(runtime.sheets.map((s) => s.name)).toEqual(["汇总表"]);
    expect(runtime.sheet("汇总表")?.cells.get(0)?.get(0)?.value).toBe("旧");
    expect(runtime.enableEvents).toBe(true);
  });

  it("reports the refused batch, not its clean-up, and removes the half-built sheets", async () => {
    const runtime = officeRuntime();
    globals.Excel = runtime.Excel;
    runtime.failNext("GeneralException", 1); // the first batch, after the look
    await expect(
      renderWorkbook(committeeReport(20), { printSetup: true, rangeAreas: true })
    ).rejects.toMatchObject({ code: "GeneralException" });
    expect(runtime.sheets).toEqual([]);
    expect(runtime.enableEvents).toBe(true);
  });

  it("is refused by the workbook behind it when a request goes over 5 MB, as Excel on the web does", async () => {
    const runtime = officeRuntime();
    globals.Excel = runtime.Excel;
    const Excel = runtime.Excel as typeof globalThis.Excel;
    const big = Array.from({ length: 150_000 }, (_, i) => [
      `第${i}行的一段足够长的文字，用来撑大请求`,
    ]);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add("大").getRange(`A1:A${big.length}`).values = big;
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(runtime.requests[0]?.bytes).toBeGreaterThan(5 * 1024 * 1024);
  });
});
