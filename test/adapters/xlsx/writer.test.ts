import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { readXlsx } from "../../../src/adapters/xlsx/read/reader";
import { writeXlsx, writeXlsxTo } from "../../../src/adapters/xlsx/write/writer";
import { nodeDeflate } from "../../../src/adapters/xlsx/node-flate";
import { parseRef } from "../../../src/sheet/address";
import { arrayBlock, buildTemplate, DEFAULT_RUBRIC } from "../../../src/core";
import type { SnapshotCell } from "../../../src/sheet/snapshot";
import type { CellSpec, SheetSpec, ValidationSpec, WorkbookSpec } from "../../../src/sheet/spec";
import { itWithSoffice, recalcXlsx, toPdf } from "../../support/libreoffice";

// ---------------------------------------------------------------------------------------------
// Builders: a spec reads like the sheet it describes.

const prompt = { title: "得分", text: "请输入 0 到 10 之间的分数" };
const stop = {
  title: "输入有误",
  text: "分数超出范围",
  style: "stop",
} as const;

function validation(ranges: string[], rest: Partial<ValidationSpec> = {}): ValidationSpec {
  return {
    ranges,
    type: "decimal",
    min: 0,
    max: 10,
    allowBlank: true,
    prompt,
    error: stop,
    ...rest,
  };
}

function sheet(name: string, rest: Partial<SheetSpec> = {}): SheetSpec {
  return {
    name,
    state: "visible",
    columns: [],
    cells: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
    ...rest,
  };
}

function book(sheets: SheetSpec[]): WorkbookSpec {
  return {
    sheets,
    styles: STYLES,
    properties: { title: "评分表", creator: "达标创建助手" },
  };
}

const STYLES: WorkbookSpec["styles"] = {
  title: {
    font: { bold: true, size: 16 },
    align: { horizontal: "center", vertical: "middle" },
  },
  header: {
    font: { bold: true },
    fill: "D9E1F2",
    border: true,
    align: { wrap: true, horizontal: "center" },
  },
  input: { fill: "FFF2CC", border: true, numFmt: "0.0", locked: false },
  total: {
    font: { bold: true, colour: "C00000" },
    numFmt: "0.0",
    border: true,
  },
};

/** Text that a careless writer would turn into formulas. */
const FORMULA_LOOKING = {
  C2: "=SUM(1,2)",
  C3: "+86 138",
  C4: "-5",
  C5: "@负责人",
} as const;

const CELLS: CellSpec[] = [
  { ref: "A1", value: "党支部达标创建评分表", style: "title" },
  { ref: "A2", value: "项目", style: "header" },
  { ref: "B2", value: "得分", style: "header" },
  ...Object.entries(FORMULA_LOOKING).map(([ref, value]) => ({ ref, value })),
  { ref: "B3", value: 8.5, style: "input" },
  { ref: "B4", value: null, style: "input" },
  { ref: "B5", value: true },
  { ref: "D3", value: "否", style: "input" },
  { ref: "B7", formula: "SUM(B3:B5)", result: 9.5, style: "total" },
  { ref: "B8", formula: "B7*2", style: "total" },
];

const SCORES = sheet("评分表", {
  columns: [{ width: 30 }, { width: 12 }, { width: 14 }, { width: 8, hidden: true }],
  rowHeights: { 1: 32, 2: 24 },
  cells: CELLS,
  merges: ["A1:D1"],
  validations: [
    validation(["B3:B4", "B6"]),
    validation(["D3:D4"], {
      type: "list",
      list: ["是", "否"],
      allowBlank: false,
    }),
    validation(["E3"], {
      type: "whole",
      min: 1,
      max: undefined,
      error: { ...stop, style: "warning" },
    }),
    validation(["E4"], { type: "date", min: 45292, max: 45657 }),
    validation(["E5:F6"], { type: "textLength", min: 0, max: 200 }),
    // Listed out of order on purpose: exceljs's optimiser sorts "B10" before "B8" (#2820).
    validation(["B10", "B8:B9"], { type: "whole", min: 0, max: 5 }),
    validation(["G3:G4"], {
      type: "custom",
      formula: 'OR(G3="不适用",AND(ISNUMBER(G3),G3>=0))',
    }),
  ],
  conditionalFormats: [
    {
      ranges: ["B3:B4", "B6"],
      formula: "B3>10",
      style: { fill: "FFC7CE", fontColour: "9C0006", bold: true },
    },
  ],
  protect: true,
  freeze: { rows: 2, columns: 1 },
  autoFilter: "A2:C2",
  print: {
    paper: "A4",
    orientation: "landscape",
    fitToWidth: true,
    titleRows: "2:2",
    footer: "第 &P 页，共 &N 页",
    area: "A1:D8",
  },
  tabColour: "C00000",
});

const SPEC = book([
  SCORES,
  sheet("说明", { state: "hidden" }),
  sheet("数据", { state: "veryHidden" }),
]);

// ---------------------------------------------------------------------------------------------
// Reading back.

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // A fresh ArrayBuffer: exceljs types its input as one, and JSZip reads it as is.
  await wb.xlsx.load(bytes.slice().buffer);
  return wb;
}

function worksheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The raw XML of a sheet, found by name through workbook.xml and its relationships. */
function sheetXml(bytes: Uint8Array, name: string): string {
  const files = unzipSync(bytes);
  const text = (path: string): string => {
    const file = files[path];
    if (file === undefined) throw new Error(`no ${path}`);
    return strFromU8(file);
  };
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(
    text("xl/workbook.xml")
  )?.[1];
  const target = new RegExp(`Id="${rid ?? "?"}"[^>]*Target="([^"]+)"`).exec(
    text("xl/_rels/workbook.xml.rels")
  )?.[1];
  return text(`xl/${target ?? "?"}`);
}

/** The text of one part of the package. */
function part(bytes: Uint8Array, path: string): string {
  const file = unzipSync(bytes)[path];
  if (file === undefined) throw new Error(`no ${path}`);
  return strFromU8(file);
}

function attributesOf(xml: string, tag: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))].map((m) =>
    Object.fromEntries([...(m[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]))
  );
}

function cellXml(xml: string, ref: string): string {
  return new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`).exec(xml)?.[0] ?? "";
}

describe("writeXlsx read back by exceljs", () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    wb = await load(await writeXlsx(SPEC));
    ws = worksheet(wb, "评分表");
  });

  it("keeps literal values, text that looks like a formula included", () => {
    expect(ws.getCell("A1").value).toBe("党支部达标创建评分表");
    expect(ws.getCell("B3").value).toBe(8.5);
    expect(ws.getCell("B4").value).toBeNull();
    expect(ws.getCell("B5").value).toBe(true);
    for (const [ref, text] of Object.entries(FORMULA_LOOKING)) {
      expect(ws.getCell(ref).value).toBe(text);
      expect(ws.getCell(ref).formula).toBeUndefined();
    }
  });

  it("writes formulas with their cached result, or none", () => {
    expect(ws.getCell("B7").formula).toBe("SUM(B3:B5)");
    expect(ws.getCell("B7").result).toBe(9.5);
    expect(ws.getCell("B8").formula).toBe("B7*2");
    expect(ws.getCell("B8").result).toBeUndefined();
  });

  it("applies named styles in 宋体, with fill, bold, colour, number format and lock state", () => {
    expect(ws.getCell("A2").font).toMatchObject({ name: "宋体", bold: true });
    expect(ws.getCell("A1").font.size).toBe(16);
    expect(ws.getCell("A2").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFD9E1F2" },
    });
    expect(ws.getCell("A2").alignment).toMatchObject({
      wrapText: true,
      horizontal: "center",
    });
    expect(ws.getCell("A2").border.left).toMatchObject({ style: "thin" });
    expect(ws.getCell("B7").font.color).toEqual({ argb: "FFC00000" });
    expect(ws.getCell("B7").numFmt).toBe("0.0");
    expect(ws.getCell("B3").protection).toMatchObject({ locked: false });
    expect(ws.getCell("B7").protection?.locked).not.toBe(false);
  });

  it("merges, and gives the covered cells the top-left cell's style", () => {
    expect(ws.model.merges).toEqual(["A1:D1"]);
    expect(ws.getCell("C1").isMerged).toBe(true);
    expect(ws.getCell("C1").alignment).toMatchObject({ horizontal: "center" });
  });

  it("sets column widths, hidden columns and row heights", () => {
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).width)).toEqual([30, 12, 14, 8]);
    expect(ws.getColumn(4).hidden).toBe(true);
    expect(ws.getColumn(3).hidden).toBe(false);
    expect(ws.getRow(1).height).toBe(32);
    expect(ws.getRow(2).height).toBe(24);
  });

  it("keeps sheet order and visibility", () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["评分表", "visible"],
      ["说明", "hidden"],
      ["数据", "veryHidden"],
    ]);
  });

  it("sets up A4 printing fitted to one page wide, with title rows, footer and print area", () => {
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(ws.pageSetup.printTitlesRow).toBe("2:2");
    expect(ws.pageSetup.printArea).toBe("A1:D8");
    expect(ws.headerFooter.oddFooter).toBe("第 &P 页，共 &N 页");
  });

  it("freezes panes, filters, colours the tab and names title and creator", () => {
    expect(ws.views[0]).toMatchObject({
      state: "frozen",
      xSplit: 1,
      ySplit: 2,
    });
    expect(ws.autoFilter).toBe("A2:C2");
    expect(ws.properties.tabColor).toEqual({ argb: "FFC00000" });
    expect(wb.title).toBe("评分表");
    expect(wb.creator).toBe("达标创建助手");
  });
});

describe("writeXlsx raw XML", () => {
  let bytes: Uint8Array;
  let xml: string;
  beforeAll(async () => {
    bytes = await writeXlsx(SPEC);
    xml = sheetXml(bytes, "评分表");
  });

  it("writes one dataValidation per rule, with exactly the rule's ranges", () => {
    expect(attributesOf(xml, "dataValidations")).toEqual([{ count: "7" }]);
    expect(attributesOf(xml, "dataValidation").map((v) => v.sqref)).toEqual([
      "B3:B4 B6",
      "D3:D4",
      "E3",
      "E4",
      "E5:F6",
      "B10 B8:B9",
      "G3:G4",
    ]);
  });

  it("writes each rule's type, bounds, dropdown list and messages", () => {
    const [decimal, list, whole, date, length, , custom] = attributesOf(xml, "dataValidation");
    expect(decimal).toMatchObject({
      type: "decimal",
      allowBlank: "1",
      showInputMessage: "1",
      showErrorMessage: "1",
    });
    expect(decimal).toMatchObject({
      promptTitle: "得分",
      prompt: "请输入 0 到 10 之间的分数",
      errorTitle: "输入有误",
      error: "分数超出范围",
      errorStyle: "stop",
    });
    expect(decimal?.operator).toBeUndefined();
    expect(list).toMatchObject({ type: "list" });
    expect(list?.allowBlank).toBeUndefined();
    expect(whole).toMatchObject({
      type: "whole",
      operator: "greaterThanOrEqual",
      errorStyle: "warning",
    });
    expect(date).toMatchObject({ type: "date" });
    expect(length).toMatchObject({ type: "textLength" });
    expect(custom).toMatchObject({ type: "custom" });
    expect(custom?.operator).toBeUndefined();
    const formulae = [...xml.matchAll(/<formula(\d)>([^<]*)<\/formula\d>/g)].map(
      (m) => `${m[1]}:${m[2]}`
    );
    expect(formulae).toEqual([
      "1:0",
      "2:10",
      '1:"是,否"',
      "1:1",
      "1:45292",
      "2:45657",
      "1:0",
      "2:200",
      "1:0",
      "2:5",
      '1:OR(G3="不适用",AND(ISNUMBER(G3),G3&gt;=0))',
    ]);
  });

  it("places validations where the schema wants them: after conditional formats, before page margins", () => {
    const order = [
      "</sheetData>",
      "<sheetProtection",
      "<mergeCells",
      "<conditionalFormatting",
      "<dataValidations",
      "<pageMargins",
      "<pageSetup",
      "<headerFooter",
    ];
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("writes conditional formats as expression rules over all their ranges", () => {
    expect(attributesOf(xml, "conditionalFormatting")).toEqual([{ sqref: "B3:B4 B6" }]);
    expect(attributesOf(xml, "cfRule")[0]).toMatchObject({
      type: "expression",
    });
    expect(xml).toContain("<formula>B3&gt;10</formula>");
  });

  it("protects the sheet without a password, leaving columns and rows resizable", () => {
    const [protection] = attributesOf(xml, "sheetProtection");
    expect(protection).toEqual({
      sheet: "1",
      objects: "1",
      scenarios: "1",
      formatColumns: "0",
      formatRows: "0",
    });
  });

  it("sets unstyled cells in 宋体 through the Normal style", () => {
    // exceljs applies no style to a cell that has none of its own, so this reads styles.xml itself.
    expect(cellXml(xml, "C2")).not.toMatch(/ s="[1-9]/);
    const styles = part(bytes, "xl/styles.xml");
    expect(/<fonts [^>]*><font>(.*?)<\/font>/.exec(styles)?.[1]).toContain('<name val="宋体"/>');
    expect(attributesOf(styles, "xf")[0]).toMatchObject({ fontId: "0" });
    expect(styles).toContain('<cellStyle name="Normal" xfId="0" builtinId="0"/>');
  });

  it("writes the worksheet's elements in the schema's order", () => {
    const order = [
      "<sheetPr>",
      "<tabColor",
      "<pageSetUpPr",
      "<dimension",
      "<sheetViews>",
      "<pane",
      "<sheetFormatPr",
      "<cols>",
      "<sheetData>",
      "</sheetData>",
      "<sheetProtection",
      "<autoFilter",
      "<mergeCells",
      "<conditionalFormatting",
      "<dataValidations",
      "<pageMargins",
      "<pageSetup",
      "<headerFooter",
    ];
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(attributesOf(xml, "dimension")).toEqual([{ ref: "A1:D8" }]);
  });

  it("writes every row and cell in order, with its reference", () => {
    const rows = attributesOf(xml, "row").map((r) => Number(r.r));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(rows.length);
    for (const row of xml.match(/<row [^>]*>.*?<\/row>/g) ?? []) {
      const cols = [...row.matchAll(/<c r="([A-Z]+)\d+"/g)].map((m) => m[1] ?? "");
      expect(cols).toEqual([...cols].sort((a, b) => a.length - b.length || a.localeCompare(b)));
    }
  });

  it("writes the same bytes for the same description", async () => {
    expect(await writeXlsx(SPEC)).toEqual(bytes);
  });

  it("hands the same bytes to a file piece by piece (writeXlsxTo) as it returns whole", () => {
    const pieces: Uint8Array[] = [];
    writeXlsxTo(SPEC, (chunk) => pieces.push(chunk.slice()));
    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.concat(pieces)).toEqual(Buffer.from(bytes));
  });

  it("stores formula-looking text as a string cell with no formula", () => {
    for (const ref of Object.keys(FORMULA_LOOKING)) {
      const c = cellXml(xml, ref);
      expect(c).toMatch(/ t="(s|inlineStr)"/);
      expect(c).not.toContain("<f>");
    }
    expect(cellXml(xml, "B7")).toContain("<f>SUM(B3:B5)</f>");
  });

  it("defines the print area and title rows as absolute references", () => {
    const workbook = strFromU8(unzipSync(bytes)["xl/workbook.xml"] ?? new Uint8Array());
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;评分表&apos;!$A$1:$D$8</definedName>`
    );
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;评分表&apos;!$2:$2</definedName>`
    );
  });

  it("asks spreadsheets to recalculate every formula on open", () => {
    const workbook = strFromU8(unzipSync(bytes)["xl/workbook.xml"] ?? new Uint8Array());
    expect(attributesOf(workbook, "calcPr")[0]).toMatchObject({
      fullCalcOnLoad: "1",
    });
  });

  it("rejects overlapping and whole-column validations instead of writing a file Excel must repair", async () => {
    const overlapping = book([
      sheet("S", {
        validations: [validation(["B3:B8"]), validation(["A5:C5"])],
      }),
    ]);
    await expect(writeXlsx(overlapping)).rejects.toThrow(
      "validations overlap on sheet S: B3:B8 and A5:C5"
    );
    const wholeColumn = book([sheet("S", { validations: [validation(["F8:F1048576"])] })]);
    await expect(writeXlsx(wholeColumn)).rejects.toThrow("whole-column");
    const columnLetters = book([sheet("S", { validations: [validation(["F:F"])] })]);
    await expect(writeXlsx(columnLetters)).rejects.toThrow('bad validation range "F:F"');
  });
});

// ---------------------------------------------------------------------------------------------
// Blocks: large tables as compact rows of literals, streamed.

/** A 明细-like table in A2:C4 with per-column styles and heights, a second block in D3:D4 beside it,
 *  and cells sharing its rows on the right (E3) and above and below it. */
const TABLE = sheet("明细", {
  columns: [{ width: 16 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }],
  cells: [
    { ref: "A1", value: "明细", style: "title" },
    { ref: "E3", value: "右侧单元格", style: "header" },
    { ref: "E2", formula: "B2*2", result: 3, style: "total" },
    { ref: "A6", value: "合计" },
  ],
  blocks: [
    arrayBlock(
      1,
      0,
      ["header", undefined, "input"],
      [
        ["=SUM(1,2)", 1.5, null],
        ["+86 138", -5, true],
        ["@负责人", 0, false],
      ],
      [30, undefined, 18]
    ),
    arrayBlock(2, 3, ["total"], [[7], ["-3分，见附件"]]),
  ],
  merges: ["A1:C1"],
});

describe("writeXlsx blocks", () => {
  let bytes: Uint8Array;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    bytes = await writeXlsx(book([TABLE]));
    ws = worksheet(await load(bytes), "明细");
  });

  it("writes a block's values as literals, text that looks like a formula included", () => {
    expect(
      ["A2", "B2", "C2", "A3", "B3", "C3", "A4", "B4", "C4"].map((r) => ws.getCell(r).value)
    ).toEqual(["=SUM(1,2)", 1.5, null, "+86 138", -5, true, "@负责人", 0, false]);
    for (const ref of ["A2", "A3", "A4", "D4"]) expect(ws.getCell(ref).formula).toBeUndefined();
    const xml = sheetXml(bytes, "明细");
    for (const ref of ["A2", "A3", "A4", "D4"])
      expect(cellXml(xml, ref)).toMatch(/ t="s"><v>\d+<\/v><\/c>$/);
    expect(xml.match(/<f>/g)).toHaveLength(1);
  });

  it("styles each column of a block with the column's style, empty styled cells included", () => {
    expect(ws.getCell("A3").font).toMatchObject({ name: "宋体", bold: true });
    expect(ws.getCell("A4").fill).toMatchObject({ fgColor: { argb: "FFD9E1F2" } });
    expect(ws.getCell("B3").font).toBeUndefined();
    expect(ws.getCell("C2").fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    expect(ws.getCell("C2").protection).toMatchObject({ locked: false });
    expect(ws.getCell("C3").numFmt).toBe("0.0");
    expect(ws.getCell("D3").font.color).toEqual({ argb: "FFC00000" });
  });

  it("gives block rows their heights", () => {
    expect([2, 3, 4].map((r) => ws.getRow(r).height)).toEqual([30, undefined, 18]);
  });

  it("merges block rows with the cells and blocks that share them, in column order", () => {
    expect([ws.getCell("D3").value, ws.getCell("D4").value, ws.getCell("E3").value]).toEqual([
      7,
      "-3分，见附件",
      "右侧单元格",
    ]);
    expect(ws.getCell("E2").formula).toBe("B2*2");
    expect(ws.getCell("A6").value).toBe("合计");
    const xml = sheetXml(bytes, "明细");
    expect(attributesOf(xml, "row").map((r) => r.r)).toEqual(["1", "2", "3", "4", "6"]);
    const row3 = /<row r="3"[^>]*>(.*?)<\/row>/.exec(xml)?.[1] ?? "";
    expect([...row3.matchAll(/<c r="(\w+)"/g)].map((m) => m[1])).toEqual([
      "A3",
      "B3",
      "C3",
      "D3",
      "E3",
    ]);
    expect(attributesOf(xml, "dimension")).toEqual([{ ref: "A1:E6" }]);
  });

  it("gives block cells under a merge the top-left cell's look, as Excel's Merge does", async () => {
    const merged = sheet("S", {
      blocks: [
        arrayBlock(
          0,
          0,
          ["header", "input"],
          [
            ["合并标题", "被覆盖"],
            ["a", "b"],
          ]
        ),
      ],
      merges: ["A1:B1"],
    });
    const s = worksheet(await load(await writeXlsx(book([merged]))), "S");
    expect([s.getCell("A1").value, s.getCell("B1").isMerged]).toEqual(["合并标题", true]);
    expect(s.getCell("B1").fill).toMatchObject({ fgColor: { argb: "FFD9E1F2" } });
    expect(s.getCell("B2").value).toBe("b");
  });

  it("rejects a block that overlaps a cell, rather than write a cell twice", async () => {
    const overlapping = sheet("S", {
      cells: [{ ref: "B2", value: 1 }],
      blocks: [arrayBlock(1, 0, [], [[1, 2, 3]])],
    });
    await expect(writeXlsx(book([overlapping]))).rejects.toThrow("B2 on sheet S is written twice");
  });
});

describe("writeXlsx deflating with Node's zlib (as the CLI writes)", () => {
  // 20,000 rows of a block: the sheet's XML is 2.5 MB, so it is deflated in three pieces.
  const LARGE = book([
    sheet("大表", {
      blocks: [
        arrayBlock(
          0,
          0,
          ["header", undefined, "input"],
          Array.from({ length: 20_000 }, (_, i) => [`第${i}党支部`, i * 1.5, i % 7 === 0])
        ),
      ],
    }),
    TABLE,
  ]);

  it("holds exactly the parts fflate's deflating gives, each checksum right, and reads the same", async () => {
    const [native, js] = [await writeXlsx(LARGE, nodeDeflate), await writeXlsx(LARGE)];
    expect(native).not.toEqual(js);
    const parts = unzipSync(native);
    expect(parts["xl/worksheets/sheet1.xml"]?.length).toBeGreaterThan(2 * 2 ** 20);
    expect(parts).toEqual(unzipSync(js));
    // The reader checks every part's CRC-32 and size against the zip's directory.
    expect(readXlsx(native, { limits: { maxCells: 200_000 } })).toEqual(
      readXlsx(js, { limits: { maxCells: 200_000 } })
    );
    const ws = worksheet(await load(native), "大表");
    expect([ws.getCell("A20000").value, ws.getCell("B20000").value]).toEqual([
      "第19999党支部",
      29998.5,
    ]);
  });

  it("hands a file the same bytes piece by piece as it returns whole", async () => {
    const pieces: Uint8Array[] = [];
    writeXlsxTo(LARGE, (chunk) => pieces.push(chunk.slice()), nodeDeflate);
    expect(Buffer.concat(pieces)).toEqual(Buffer.from(await writeXlsx(LARGE, nodeDeflate)));
  });

  it("deflates a chunk larger than the buffer pieces are gathered in, after the rows before it", async () => {
    // 80,000 merges are one chunk of ~2.2 M characters after the sheet's rows: past the 1.75 MB
    // the pieces are gathered in even before it is known how few bytes its ASCII takes.
    const merged = book([
      sheet("合并", {
        cells: Array.from({ length: 2_000 }, (_, i) => ({ ref: `A${i + 1}`, value: `第${i}行` })),
        merges: Array.from({ length: 80_000 }, (_, i) => `A${i + 1}:B${i + 1}`),
      }),
    ]);
    const [native, js] = [await writeXlsx(merged, nodeDeflate), await writeXlsx(merged)];
    const parts = unzipSync(native);
    expect(strFromU8(parts["xl/worksheets/sheet1.xml"]!)).toContain('<mergeCells count="80000">');
    expect(parts).toEqual(unzipSync(js));
    const limits = { maxCells: 200_000 };
    expect(readXlsx(native, { limits })).toEqual(readXlsx(js, { limits }));
  });
});

// ---------------------------------------------------------------------------------------------
// Shared strings: text as people type it, and as hostile files carry it.

const ODD_TEXT = [
  "控制\u0001字符\u001F",
  "回车\r换行\n制表\t",
  "emoji 🎉👍🏽 党支部",
  " 前导空格",
  "尾随空格 ",
  "  ",
  "很长".repeat(2500),
  "_x0041_ 不是转义",
  `& < > " ' 符号`,
  "]]> <![CDATA[ <f>SUM(A1)</f>",
];
/** A lone surrogate has no UTF-8 form; it is dropped, its neighbours kept. */
const LONE_SURROGATES = "孤\uD800立\uDC00代理";

describe("writeXlsx shared strings", () => {
  const cells: CellSpec[] = [...ODD_TEXT, LONE_SURROGATES].map((value, i) => ({
    ref: `A${i + 1}`,
    value,
  }));
  const spec = book([
    sheet("S", {
      cells,
      blocks: [
        arrayBlock(
          0,
          1,
          [],
          ODD_TEXT.map((text) => [text])
        ),
      ],
    }),
  ]);
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await writeXlsx(spec);
  });

  it("keeps odd text exactly, read back by exceljs", async () => {
    const ws = worksheet(await load(bytes), "S");
    ODD_TEXT.forEach((text, i) => {
      expect(ws.getCell(`A${i + 1}`).value).toBe(text);
      expect(ws.getCell(`B${i + 1}`).value).toBe(text);
    });
    expect(ws.getCell(`A${ODD_TEXT.length + 1}`).value).toBe("孤立代理");
  });

  it("keeps odd text exactly, read back by the project's reader", () => {
    const [s] = readXlsx(bytes).sheets;
    expect(ODD_TEXT.map((_, i) => [s?.rows[i]?.[0]?.v, s?.rows[i]?.[1]?.v])).toEqual(
      ODD_TEXT.map((t) => [t, t])
    );
  });

  it("stores each text once, counting every use", () => {
    const sst = part(bytes, "xl/sharedStrings.xml");
    expect(attributesOf(sst, "sst")[0]).toMatchObject({ count: "21", uniqueCount: "11" });
    expect(sst).toContain('<t xml:space="preserve"> 前导空格</t>');
    expect(sst).toContain("_x0001_");
    expect(sst).toContain("_x005F_x0041_");
  });
});

describe("writeXlsx parts", () => {
  /** Every part of a package parsed by a strict XML parser (saxes), with the namespaces checked. */
  function assertWellFormed(bytes: Uint8Array): string[] {
    const files = unzipSync(bytes);
    for (const [path, data] of Object.entries(files)) {
      const parser = new SaxesParser({ xmlns: true });
      parser.on("error", (error) => {
        throw new Error(`${path}: ${error.message}`);
      });
      parser.write(strFromU8(data)).close();
    }
    return Object.keys(files);
  }

  it("are well-formed XML, every one, for every kind of sheet", async () => {
    const odd = book([
      sheet("S", {
        cells: [...ODD_TEXT, LONE_SURROGATES].map((value, i) => ({ ref: `A${i + 1}`, value })),
      }),
    ]);
    const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-12-31T00:00:00Z" });
    for (const spec of [SPEC, book([TABLE]), odd, template])
      assertWellFormed(await writeXlsx(spec));
    expect(assertWellFormed(await writeXlsx(SPEC))).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "docProps/app.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet3.xml",
      "xl/sharedStrings.xml",
      "xl/styles.xml",
    ]);
  });

  it("name the application, title and creator", async () => {
    const bytes = await writeXlsx(SPEC);
    expect(part(bytes, "docProps/app.xml")).toContain("<Application>Dabiao</Application>");
    expect(part(bytes, "docProps/core.xml")).toContain(
      "<dc:title>评分表</dc:title><dc:creator>达标创建助手</dc:creator>"
    );
  });

  it("refuse a workbook Excel would have to repair", async () => {
    await expect(writeXlsx(book([sheet("S", { state: "hidden" })]))).rejects.toThrow(
      "visible sheet"
    );
    await expect(writeXlsx(book([sheet("S"), sheet("s")]))).rejects.toThrow(
      'two sheets are named "s"'
    );
    await expect(writeXlsx(book([sheet("A/B")]))).rejects.toThrow("cannot be a sheet name");
    await expect(writeXlsx(book([sheet("S", { merges: ["A1:B2", "B2:C3"] })]))).rejects.toThrow(
      "merges overlap on sheet S at B2"
    );
    await expect(
      writeXlsx(book([sheet("S", { cells: [{ ref: "A1", value: NaN }] })]))
    ).rejects.toThrow("cell A1 on sheet S holds NaN");
    await expect(
      writeXlsx(book([sheet("S", { cells: [{ ref: "A1", value: 1, style: "nope" }] })]))
    ).rejects.toThrow('cell A1 on sheet S uses unknown style "nope"');
  });
});

describe("writeXlsx in LibreOffice", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "xlsx-writer-"));
    await mkdir(join(dir, "in"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Scores in column A with the tier formula beside each, every cached result deliberately wrong. */
  const TIERS = book([
    sheet("S", {
      cells: [
        { ref: "A1", value: 2 },
        { ref: "B1", formula: "A1+1", result: 999 },
        ...[95, 85, 60].flatMap((score, i): CellSpec[] => [
          { ref: `A${i + 2}`, value: score },
          {
            ref: `B${i + 2}`,
            formula: `IF(A${i + 2}>=90,"示范",IF(A${i + 2}>=80,"先进","达标"))`,
            result: "过期",
          },
        ]),
        { ref: "C1", value: "=A1" },
      ],
    }),
  ]);

  async function recalculated(name: string, bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
    const input = join(dir, "in", `${name}.xlsx`);
    await writeFile(input, bytes);
    const [output] = await recalcXlsx([input], join(dir, "out"));
    return worksheet(await load(await readFile(output ?? "")), "S");
  }

  itWithSoffice("recalculates formulas whose cached results are stale", async () => {
    const ws = await recalculated("stale", await writeXlsx(TIERS));
    expect(ws.getCell("B1").result).toBe(3);
    expect(["B2", "B3", "B4"].map((ref) => ws.getCell(ref).result)).toEqual([
      "示范",
      "先进",
      "达标",
    ]);
    expect(ws.getCell("C1").value).toBe("=A1");
  });

  itWithSoffice("recalculates even without fullCalcOnLoad, which LibreOffice ignores", async () => {
    const files = unzipSync(await writeXlsx(TIERS));
    files["xl/workbook.xml"] = strToU8(
      strFromU8(files["xl/workbook.xml"] ?? new Uint8Array()).replace(/ fullCalcOnLoad="1"/, "")
    );
    const ws = await recalculated("no-calc-flag", zipSync(files));
    expect(ws.getCell("B1").result).toBe(3);
  });

  itWithSoffice(
    "opens the full-featured workbook and keeps its validations and protection",
    async () => {
      const input = join(dir, "full.xlsx");
      await writeFile(input, await writeXlsx(SPEC));
      const [output] = await recalcXlsx([input], join(dir, "out-full"));
      const xml = sheetXml(await readFile(output ?? ""), "评分表");
      expect(
        attributesOf(xml, "dataValidation")
          .map((v) => v.sqref)
          .sort()
      ).toEqual(["B3:B4 B6", "D3:D4", "E3", "E4", "E5:F6", "B8:B10", "G3:G4"].sort());
      expect(xml).toContain("<sheetProtection");
      expect(xml).not.toMatch(/hashValue|password=/);
    }
  );

  itWithSoffice("opens blocks and odd text and saves them back unchanged", async () => {
    const spec = book([
      TABLE,
      sheet("S", {
        cells: [...ODD_TEXT, LONE_SURROGATES].map((value, i) => ({ ref: `A${i + 1}`, value })),
      }),
    ]);
    const input = join(dir, "in", "blocks.xlsx");
    await writeFile(input, await writeXlsx(spec));
    const [output] = await recalcXlsx([input], join(dir, "out-blocks"));
    const resaved = await readFile(output ?? "");
    // Read back by the project's reader: LibreOffice saves booleans as =TRUE() and splits text into
    // rich-text runs where its fallback font changes, which exceljs reports as they are.
    const [tableRows, oddRows] = readXlsx(resaved).sheets.map((s) => s.rows);
    const cell = (rows: typeof tableRows, ref: string): SnapshotCell | undefined => {
      const at = parseRef(ref);
      return at && rows?.[at.row]?.[at.col];
    };
    const value = (rows: typeof tableRows, ref: string): unknown => cell(rows, ref)?.v;
    expect(["C3", "C4"].map((r) => cell(tableRows, r)?.f)).toEqual(["TRUE()", "FALSE()"]);
    expect(["A2", "B2", "A4", "D4", "E3", "E2"].map((r) => value(tableRows, r))).toEqual([
      "=SUM(1,2)",
      1.5,
      "@负责人",
      "-3分，见附件",
      "右侧单元格",
      3,
    ]);
    const table = worksheet(await load(resaved), "明细");
    expect(table.getRow(2).height).toBe(30);
    expect(table.getCell("B3").value).toBe(-5);
    expect(table.getCell("C3").numFmt).toBe("0.0");
    // LibreOffice keeps every character but the carriage return, which it turns into a line feed.
    ODD_TEXT.forEach((text, i) =>
      expect(value(oddRows, `A${i + 1}`)).toBe(text.replace(/\r/g, "\n"))
    );
  });

  itWithSoffice("prints to PDF", async () => {
    const input = join(dir, "print.xlsx");
    await writeFile(input, await writeXlsx(SPEC));
    const pdf = await readFile(await toPdf(input, join(dir, "pdf")));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});
