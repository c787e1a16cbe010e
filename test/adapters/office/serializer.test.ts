import {
  buildTemplate,
  DEFAULT_RUBRIC,
  rubricSheet,
  STYLES,
  type WorkbookSpec,
} from "../../../src/core";
import { renderWorkbook } from "../../../src/adapters/office/render";
import { officeRuntime, type OfficeRuntime } from "../../support/office-runtime";

// The adapter run through Microsoft's own office.js request serializer: every request body is the
// JSON Excel would receive, measured in bytes, actions and object paths.

const globals = globalThis as unknown as { Excel?: unknown };
afterEach(() => delete globals.Excel);

/** What we allow one request: Excel on the web refuses above 5 MB; half a megabyte stays spare. */
const REQUEST_BUDGET = 4.5 * 1024 * 1024;

async function drawn(label: string, spec: WorkbookSpec): Promise<OfficeRuntime> {
  const runtime = officeRuntime();
  globals.Excel = runtime.Excel;
  await renderWorkbook(spec, { printSetup: true });
  const rows = runtime.requests.map(
    (q, i) =>
      `  sync ${i + 1}: ${(q.bytes / 1024).toFixed(1)} KB, ${q.actions} actions, ${q.objectPaths} object paths`
  );
  console.log(`${label}\n${rows.join("\n")}`);
  return runtime;
}

function expectUnderBudget(runtime: OfficeRuntime): void {
  expect(runtime.requests.length).toBeGreaterThan(0);
  for (const q of runtime.requests) expect(q.bytes).toBeLessThan(REQUEST_BUDGET);
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
