import {
  allCells,
  arrayBlock,
  buildReport,
  buildTemplate,
  consolidate,
  DEFAULT_RUBRIC,
  fillTemplate,
  sampleBranches,
  STYLES,
  type CellSpec,
  type SheetSpec,
  type WorkbookSpec,
} from "../../../src/core";
import { specToSnapshot } from "../../support/spec-to-snapshot";
import { listSheets, selectCell } from "../../../src/adapters/office/read";
import { renderWorkbook } from "../../../src/adapters/office/render";
import { startOffice } from "../../../src/adapters/office/start";
import { REMOTE_QUIET_MS, watchSheets } from "../../../src/adapters/office/watch";
import { REQUEST_LIMIT_BYTES } from "../../../src/adapters/office/plan";
import { excelMock, type ExcelMock } from "./excel-mock";

const globals = globalThis as unknown as { Excel?: unknown; Office?: unknown };

function install(mock: ExcelMock): ExcelMock {
  globals.Excel = mock.Excel;
  return mock;
}

afterEach(() => {
  delete globals.Excel;
  delete globals.Office;
});

/** A table of `rows` branches as a report sheet would hold them: header, text, scores, formulas, an input column. */
function table(rows: number, text = "第一党支部"): WorkbookSpec {
  const cells: CellSpec[] = [
    { ref: "A1", value: "党支部名称", style: "head" },
    { ref: "B1", value: "审核得分", style: "head" },
    { ref: "C1", value: "最终得分", style: "head" },
  ];
  for (let r = 2; r <= rows + 1; r++) {
    cells.push({ ref: `A${r}`, value: `${text}${r}`, style: "text" });
    cells.push({ ref: `B${r}`, value: null, style: "inputScore" });
    cells.push({ ref: `C${r}`, formula: `IF(ISNUMBER(B${r}),B${r},0)`, style: "score" });
  }
  const sheet: SheetSpec = {
    name: "汇总表",
    state: "visible",
    columns: [{ width: 30 }, { width: 10 }, { width: 10 }],
    rowHeights: { 1: 30 },
    cells,
    merges: [],
    validations: [
      {
        ranges: [`B2:B${rows + 1}`],
        type: "decimal",
        min: 0,
        max: 100,
        allowBlank: true,
        prompt: { title: "审核得分", text: "填0～100分" },
        error: { title: "超出范围", text: "应在0～100分之间", style: "stop" },
      },
    ],
    conditionalFormats: [
      {
        ranges: [`B2:B${rows + 1}`],
        formula: "AND(ISNUMBER(B2),B2<60)",
        style: { fill: "F4B084" },
      },
    ],
    protect: true,
    freeze: { rows: 1, columns: 0 },
    autoFilter: `A1:C${rows + 1}`,
    print: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: true,
      titleRows: "1:1",
      footer: "&L汇总表&R第 &P 页",
    },
  };
  return { sheets: [sheet], styles: STYLES, properties: { title: "t", creator: "t" } };
}

const options = { printSetup: true };

describe("renderWorkbook", () => {
  it("takes the same number of syncs for 10 rows as for 500 rows (values as whole arrays, formats by range)", async () => {
    const small = install(excelMock());
    const s = await renderWorkbook(table(10), options);
    const large = install(excelMock());
    const l = await renderWorkbook(table(500), options);
    expect(small.syncs).toHaveLength(3);
    expect(large.syncs).toHaveLength(3);
    expect(s.syncs).toBe(3);
    expect(l.syncs).toBe(3);
    // Values went in as one 2-D array, not cell by cell.
    const writes = large.sheet("汇总表")?.ranges.filter((r) => r.formulas) ?? [];
    expect(writes).toHaveLength(1);
    expect(writes[0]?.address).toBe("A1:C501");
    expect(writes[0]?.formulas?.[1]).toEqual(["'第一党支部2", null, "=IF(ISNUMBER(B2),B2,0)"]);
    // 500 styled rows are three column rectangles plus the header, not 1,500 cells.
    const styled =
      large.sheet("汇总表")?.ranges.filter((r) => r.format.font["name"] !== undefined) ?? [];
    expect(styled.map((r) => r.address).sort()).toEqual(["A1:C1", "A2:A501", "B2:B501", "C2:C501"]);
  });

  it("splits a request above Excel on the web's 5 MB limit into row blocks, each batch under the limit", async () => {
    const mock = install(excelMock());
    const stats = await renderWorkbook(
      table(60_000, "某某县直机关工委所属第一党支部（联合党支部）名称较长"),
      options
    );
    const writes = mock.sheet("汇总表")?.ranges.filter((r) => r.formulas) ?? [];
    expect(writes.length).toBeGreaterThan(4);
    expect(stats.batches).toBeGreaterThan(2);
    expect(mock.syncs).toHaveLength(stats.batches + 2);
    for (const sync of mock.syncs) expect(sync.bytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(stats.largestBatchBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    // The blocks cover every row once, in order.
    const rows = writes.reduce((n, r) => n + (r.formulas?.length ?? 0), 0);
    expect(rows).toBe(60_001);
    expect(writes[1]?.address).toMatch(
      new RegExp(`^A${(writes[0]?.formulas?.length ?? 0) + 1}:C\\d+$`)
    );
  });

  it("turns events off for its own writes and restores them afterwards", async () => {
    const mock = install(excelMock());
    await renderWorkbook(table(20), options);
    const [look, write, restore] = mock.syncs;
    expect(look?.enableEvents).toBe(true);
    expect(write?.enableEvents).toBe(false);
    expect(write?.ranges).toBeGreaterThan(0);
    expect(restore?.enableEvents).toBe(true);
  });

  it("restores events and removes its half-built sheets when Excel refuses a batch", async () => {
    const mock = install(excelMock([{ name: "汇总表" }]));
    mock.failSync(2);
    await expect(renderWorkbook(table(20), options)).rejects.toThrow(/refused/);
    expect(mock.syncs[2]?.enableEvents).toBe(true);
    expect(mock.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual(["汇总表"]);
  });

  it("unlocks the input cells first and protects the sheet last, without a password", async () => {
    const mock = install(excelMock());
    await renderWorkbook(table(10), options);
    const sheet = mock.sheet("汇总表");
    const unlocked = sheet?.ranges.filter((r) => r.format.protection.locked === false) ?? [];
    expect(unlocked.map((r) => r.address)).toEqual(["B2:B11"]);
    expect(sheet?.protectedAt).toBeGreaterThan(
      Math.max(...(sheet?.ranges.map((r) => r.seq) ?? []))
    );
    expect(sheet?.protectOptions).toMatchObject({ allowAutoFilter: true, selectionMode: "Normal" });
  });

  it("draws the scoresheet template: validations, highlights, hidden _dabiao, protected 打分表, existing sheet kept", async () => {
    const mock = install(excelMock([{ name: "Sheet1" }]));
    const spec = buildTemplate(DEFAULT_RUBRIC, {
      generatedAt: "2019-05-01T00:00:00Z",
      branchType: "机关",
    });
    const stats = await renderWorkbook(spec, options);
    expect(stats.syncs).toBe(3);
    const names = mock.sheets.filter((s) => !s.deleted).map((s) => `${s.name}:${s.visibility}`);
    expect(names).toEqual([
      "Sheet1:Visible",
      "打分表:Visible",
      "填表说明:Visible",
      "_dabiao:Hidden",
    ]);
    const sheet = mock.sheet("打分表");
    const template = spec.sheets[0];
    expect(sheet?.protectedAt).toBeDefined();
    expect(sheet?.activatedAt).toBeDefined();
    const validated = sheet?.ranges.filter((r) => r.dataValidation.rule !== undefined) ?? [];
    const specRanges = template?.validations.reduce((n, v) => n + v.ranges.length, 0) ?? 0;
    expect(validated).toHaveLength(specRanges);
    const rules = sheet?.ranges.flatMap((r) => r.rules) ?? [];
    expect(rules).toHaveLength(template?.conditionalFormats.length ?? -1);
    expect(rules.every((r) => r.type === "Custom" && r.custom.rule.formula?.startsWith("="))).toBe(
      true
    );
    expect(sheet?.frozen).toEqual({ rows: template?.freeze?.rows });
    // The branch type chosen in the pane is in its cell, as text.
    expect(sheet?.ranges.find((r) => r.formulas)?.formulas?.flat()).toContain("'机关");
  });

  it("replaces a sheet of the same name, even when it is the only visible one", async () => {
    const mock = install(excelMock([{ name: "汇总表" }]));
    await renderWorkbook(table(5), options);
    const live = mock.sheets.filter((s) => !s.deleted);
    expect(live.map((s) => s.name)).toEqual(["汇总表"]);
    expect(live[0]?.ranges.some((r) => r.formulas)).toBe(true);
  });

  it("draws the compact blocks of large tables: their values, column styles and row heights", async () => {
    const mock = install(excelMock());
    const base = table(2);
    const sheet = base.sheets[0];
    if (!sheet) throw new Error("no sheet");
    const blocks = [
      arrayBlock(
        3,
        0,
        ["text", undefined, "score"],
        [
          ["=不是公式", null, 88.5],
          ["第二行", "x", 70],
        ],
        [40, undefined]
      ),
    ];
    await renderWorkbook({ ...base, sheets: [{ ...sheet, blocks }] }, options);
    const drawn = mock.sheet("汇总表");
    const grid = drawn?.ranges.find((r) => r.formulas)?.formulas;
    expect(grid?.[3]).toEqual(["'=不是公式", null, 88.5]);
    expect(grid?.[4]).toEqual(["'第二行", "'x", 70]);
    expect(drawn?.ranges.find((r) => r.address === "A2:A5")?.format.font["name"]).toBe("宋体");
    expect(drawn?.ranges.find((r) => r.address === "4:4")?.format.rowHeight).toBe(40);
  });

  it("draws a whole consolidation report, every value of every sheet, in three syncs", async () => {
    const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-05-01T00:00:00Z" });
    const inputs = sampleBranches(DEFAULT_RUBRIC).map((b, i) => ({
      file: b.file,
      modified: i,
      book: specToSnapshot(fillTemplate(template, DEFAULT_RUBRIC, b.typed)),
    }));
    const c = consolidate(inputs, { rubric: DEFAULT_RUBRIC, today: new Date(2019, 4, 20) });
    const report = buildReport(c, {
      generatedAt: "2019-05-20T00:00:00Z",
      rubric: DEFAULT_RUBRIC,
      sample: { ratio: 0.3, seed: 2019 },
    });
    const mock = install(excelMock());
    expect((await renderWorkbook(report, options)).syncs).toBe(3);
    for (const sheet of report.sheets) {
      const written = (mock.sheet(sheet.name)?.ranges ?? [])
        .flatMap((r) => r.formulas ?? [])
        .flat()
        .filter((v) => v !== null);
      const wanted = [...allCells(sheet)].filter(
        (cell) => !("value" in cell) || (cell.value !== null && cell.value !== "")
      );
      expect([sheet.name, written.length]).toEqual([sheet.name, wanted.length]);
    }
  });

  it("skips print setup and filters on Excel without ExcelApi 1.9", async () => {
    const mock = install(excelMock());
    await renderWorkbook(table(5), { printSetup: false });
    const page = mock.sheet("汇总表")?.["pageLayout"] as Record<string, unknown>;
    expect(page["orientation"]).toBeUndefined();
    await renderWorkbook(table(5), { printSetup: true });
    expect((mock.sheet("汇总表")?.["pageLayout"] as Record<string, unknown>)["orientation"]).toBe(
      "Landscape"
    );
  });
});

describe("the open workbook's sheets, selection and live watching", () => {
  it("lists the sheets with their visibility", async () => {
    install(excelMock([{ name: "打分表" }, { name: "_dabiao", visibility: "VeryHidden" }]));
    expect(await listSheets()).toEqual([
      { name: "打分表", hidden: false },
      { name: "_dabiao", hidden: true },
    ]);
  });

  it("selects the cell of an issue on its sheet in one sync", async () => {
    const mock = install(excelMock([{ name: "Sheet1" }, { name: "打分表" }]));
    await selectCell("打分表", "E15");
    const sheet = mock.sheet("打分表");
    expect(sheet?.activatedAt).toBeDefined();
    expect(sheet?.ranges.find((r) => r.address === "E15")?.selected).toBeDefined();
    expect(mock.syncs).toHaveLength(1);
  });

  it("gathers a coauthor's burst of remote edits into one call once they are quiet", async () => {
    jest.useFakeTimers();
    try {
      const mock = install(excelMock([{ name: "打分表" }]));
      const seen: number[] = [];
      await watchSheets(["打分表"], () => seen.push(Date.now()), 300);
      const handlers = mock.sheet("打分表")?.handlers ?? [];
      const changed = handlers.find((h) => h.kind === "changed");
      const calculated = handlers.find((h) => h.kind === "calculated");
      for (let i = 0; i < 20; i++) {
        await (changed?.fn as (e: unknown) => Promise<void>)({ source: "Remote" });
        await calculated?.fn();
        jest.advanceTimersByTime(1_000);
      }
      expect(seen).toHaveLength(0);
      jest.advanceTimersByTime(REMOTE_QUIET_MS);
      expect(seen).toHaveLength(1);
      // The user's own edit still refreshes at once.
      await (changed?.fn as (e: unknown) => Promise<void>)({ source: "Local" });
      jest.advanceTimersByTime(300);
      expect(seen).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it("hears a dropdown pick through the hidden sheet's recalculation alone, and skips absent sheets", async () => {
    jest.useFakeTimers();
    try {
      // Excel on the web fires no onChanged for a validation-list pick (office-js #3888); the
      // template's _dabiao formula over the dropdown cells recalculates instead.
      const mock = install(
        excelMock([{ name: "打分表" }, { name: "_dabiao", visibility: "Hidden" }])
      );
      const seen: number[] = [];
      await watchSheets(["打分表", "_dabiao", "名册"], () => seen.push(Date.now()), 300);
      const hidden = mock.sheet("_dabiao")?.handlers ?? [];
      expect(hidden.map((h) => h.kind).sort()).toEqual(["calculated", "changed"]);
      await hidden.find((h) => h.kind === "calculated")?.fn();
      jest.advanceTimersByTime(300);
      expect(seen).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it("calls back once after a burst of onChanged and onCalculated events, and stops when told", async () => {
    jest.useFakeTimers();
    try {
      const mock = install(excelMock([{ name: "打分表" }]));
      const seen: number[] = [];
      const stop = await watchSheets(["打分表"], () => seen.push(Date.now()), 300);
      const handlers = mock.sheet("打分表")?.handlers ?? [];
      expect(handlers.map((h) => h.kind).sort()).toEqual(["calculated", "changed"]);
      for (const h of handlers) await h.fn();
      await handlers[0]?.fn();
      jest.advanceTimersByTime(299);
      expect(seen).toHaveLength(0);
      jest.advanceTimersByTime(1);
      expect(seen).toHaveLength(1);
      await stop();
      expect(handlers.every((h) => h.removed)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("startOffice", () => {
  const office = (
    host: string | null,
    supported: (version: string) => boolean,
    language = "zh-CN"
  ) => ({
    HostType: { Excel: "Excel" },
    onReady: async () => ({ host, platform: "PC" }),
    context: {
      displayLanguage: language,
      requirements: { isSetSupported: (_: string, v: string) => supported(v) },
    },
  });

  it("says office.js is absent when it is not on the page (it could not be fetched)", async () => {
    expect(await startOffice(50)).toEqual({ host: "absent" });
  });

  it("says there is no Office when office.js loads in a plain browser (no host)", async () => {
    globals.Office = office(null, () => true);
    expect(await startOffice(50)).toEqual({ host: "none" });
  });

  it("says Office is silent when it never answers, rather than pretending to be a browser", async () => {
    globals.Office = {
      ...office("Excel", () => true),
      onReady: () => new Promise(() => undefined),
    };
    expect(await startOffice(30)).toEqual({ host: "silent" });
  });

  it("tells Excel for Mac apart, whose pane cannot download files", async () => {
    globals.Office = {
      ...office("Excel", () => true),
      onReady: async () => ({ host: "Excel", platform: "Mac" }),
      PlatformType: { Mac: "Mac" },
    };
    expect(await startOffice(50)).toMatchObject({ host: "excel", mac: true });
  });

  it("refuses an Excel without ExcelApi 1.8, and tells whether print setup (1.9) is there", async () => {
    globals.Office = office("Excel", (v) => v <= "1.7");
    expect(await startOffice(50)).toMatchObject({ host: "unsupported", reason: "version" });
    globals.Office = office("Excel", (v) => v <= "1.8", "en-US");
    expect(await startOffice(50)).toEqual({
      host: "excel",
      language: "en-US",
      printSetup: false,
      mac: false,
    });
    globals.Office = office("Word", () => true);
    expect(await startOffice(50)).toMatchObject({
      host: "unsupported",
      reason: "host",
      hostName: "Word",
    });
  });
});
