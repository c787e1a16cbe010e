import { readSheets } from "../../../src/adapters/office/read";
import { REPORT_READ_SHEETS } from "../../../src/taskpane/report-specs";
import { committeeReport } from "../../support/committee-report";
import { officeRuntime, READ_CELL_LIMIT, type OfficeRuntime } from "../../support/office-runtime";
import { specToSnapshot } from "../../support/spec-to-snapshot";
import type { WorkbookSnapshot } from "../../../src/sheet/snapshot";

// Reading the open workbook through Microsoft's office.js runtime (see test/support/office-runtime.ts):
// every request and response measured.

const globals = globalThis as unknown as { Excel?: unknown };
afterEach(() => delete globals.Excel);

function workbook(book: WorkbookSnapshot): OfficeRuntime {
  const runtime = officeRuntime(book);
  globals.Excel = runtime.Excel;
  return runtime;
}

const scoresheet: WorkbookSnapshot = {
  sheets: [
    {
      name: "打分表",
      hidden: false,
      rows: [
        [],
        [undefined, { v: "党支部名称" }, { v: "第一党支部" }],
        [undefined, { v: 90, f: "SUM(D1:D9)" }, { v: { error: "#DIV/0!" }, f: "1/0" }],
      ],
    },
    { name: "_dabiao", hidden: true, rows: [[{ v: "version" }, { v: 3 }]] },
  ],
};

/** The values of a snapshot as a plain grid, for comparing what was read with what is there. */
function valuesOf(book: WorkbookSnapshot, name: string): unknown[][] {
  const sheet = book.sheets.find((s) => s.name === name);
  const rows = Array.from(sheet?.rows ?? [], (row) =>
    Array.from(row ?? [], (cell) => cell?.v ?? null)
  );
  for (const row of rows) while (row.length > 0 && row[row.length - 1] === null) row.pop();
  return rows;
}

describe("readSheets", () => {
  it("reads values, formulas and errors of the sheets checked live, leaving out absent sheets", async () => {
    const runtime = workbook(scoresheet);
    const book = await readSheets(["打分表", "_dabiao", "评分标准"], { formulas: true });
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["打分表", false],
      ["_dabiao", true],
    ]);
    const rows = book.sheets[0]?.rows ?? [];
    expect(rows[1]?.[1]).toEqual({ v: "党支部名称" });
    expect(rows[2]?.[1]).toEqual({ v: 90, f: "SUM(D1:D9)" });
    expect(rows[2]?.[2]).toEqual({ v: { error: "#DIV/0!" }, f: "1/0" });
    expect(runtime.requests.flatMap((q) => q.loads)).toEqual(
      expect.arrayContaining(["values", "formulas", "valueTypes"])
    );
  });

  it("reads a 1,000-branch report back as values only, in row blocks under the response limits", async () => {
    const report = specToSnapshot(committeeReport(1000));
    const runtime = workbook(report);
    const book = await readSheets(REPORT_READ_SHEETS);
    for (const name of REPORT_READ_SHEETS)
      expect([name, valuesOf(book, name)]).toEqual([name, valuesOf(report, name)]);
    const reads = runtime.requests.filter((q) => q.cellsRead > 0);
    expect(reads.length).toBeGreaterThan(1);
    for (const q of runtime.requests) {
      expect(q.responseBytes).toBeLessThan(4.5 * 1024 * 1024);
      expect(q.cellsRead).toBeLessThan(READ_CELL_LIMIT);
      expect(q.loads).not.toContain("formulas");
      expect(q.loads).not.toContain("valueTypes");
    }
    console.log(
      `report of 1,000 branches read back:\n${reads
        .map(
          (q, i) =>
            `  read ${i + 1}: ${q.cellsRead} cells, ${(q.responseBytes / 1024).toFixed(1)} KB`
        )
        .join("\n")}`
    );
  });

  it("shows an error other than a missing sheet instead of retrying", async () => {
    const runtime = workbook(scoresheet);
    runtime.failNext("GeneralException");
    await expect(readSheets(["打分表"])).rejects.toMatchObject({ code: "GeneralException" });
    expect(runtime.requests).toHaveLength(1);
  });

  it("starts again once when a sheet disappears while it reads (ItemNotFound)", async () => {
    const runtime = workbook(scoresheet);
    runtime.failNext("ItemNotFound");
    const book = await readSheets(["打分表"]);
    expect(book.sheets.map((s) => s.name)).toEqual(["打分表"]);
    expect(runtime.requests.length).toBeGreaterThan(2);
  });
});
