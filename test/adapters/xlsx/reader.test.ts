import ExcelJS from "exceljs";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import {
  DEFAULT_LIMITS,
  readXlsx,
  XlsxReadError,
  type ReadErrorCode,
} from "../../../src/adapters/xlsx/read/reader";
import type { SheetSnapshot, WorkbookSnapshot } from "../../../src/sheet/snapshot";
import {
  sharedStrings,
  withDeclaredSize,
  worksheet,
  xlsxFixture,
} from "../../support/xlsx-fixture";

/** The one sheet of a workbook read from a single worksheet's <sheetData>. */
function readSheet(
  sheetData: string,
  options: Parameters<typeof xlsxFixture>[1] = {}
): SheetSnapshot {
  return sheetNamed(
    readXlsx(xlsxFixture([{ name: "表1", xml: worksheet(sheetData) }], options)),
    "表1"
  );
}

function sheetNamed(workbook: WorkbookSnapshot, name: string): SheetSnapshot {
  const sheet = workbook.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The cell at a 0-based row and column (A1 is 0, 0). */
function at(sheet: SheetSnapshot, row: number, col: number): unknown {
  return sheet.rows[row]?.[col];
}

function readError(read: () => unknown): XlsxReadError {
  try {
    read();
  } catch (error) {
    if (error instanceof XlsxReadError) return error;
    throw error;
  }
  throw new Error("expected an XlsxReadError, but the read succeeded");
}

function expectRefused(
  bytes: Uint8Array,
  code: ReadErrorCode,
  options?: Parameters<typeof readXlsx>[1]
): XlsxReadError {
  const error = readError(() => readXlsx(bytes, options));
  expect(error.code).toBe(code);
  // Every message is Chinese and tells the user what to do next.
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(error.message).toMatch(/请/);
  return error;
}

async function exceljsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("评分表");
  ws.getCell("A1").value = 2;
  ws.getCell("B1").value = { formula: "A1+1", result: 3 };
  ws.getCell("C1").value = 1.25;
  ws.getCell("A2").value = "党支部";
  ws.getCell("B2").value = { richText: [{ text: "加粗", font: { bold: true } }, { text: "普通" }] };
  ws.getCell("C2").value = "党支部";
  ws.getCell("A3").value = true;
  ws.getCell("B3").value = false;
  ws.getCell("A4").value = { error: "#DIV/0!" };
  wb.addWorksheet("备注", { state: "hidden" }).getCell("B5").value = "隐藏的内容";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("readXlsx on a workbook written by exceljs", () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await exceljsWorkbook();
  });

  it("reads shared and rich-text strings, numbers, booleans, errors and cached formula results", () => {
    const sheet = sheetNamed(readXlsx(bytes), "评分表");
    expect(sheet.hidden).toBe(false);
    expect(sheet.rows[0]).toEqual([{ v: 2 }, { v: 3, f: "A1+1" }, { v: 1.25 }]);
    expect(sheet.rows[1]).toEqual([{ v: "党支部" }, { v: "加粗普通" }, { v: "党支部" }]);
    expect(sheet.rows[2]).toEqual([{ v: true }, { v: false }]);
    expect(sheet.rows[3]).toEqual([{ v: { error: "#DIV/0!" } }]);
  });

  it("keeps sheet order and marks the hidden sheet hidden", () => {
    const { sheets } = readXlsx(bytes);
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["评分表", false],
      ["备注", true],
    ]);
    expect(at(sheetNamed({ sheets }, "备注"), 4, 1)).toEqual({ v: "隐藏的内容" });
  });
});

describe("readXlsx cells", () => {
  it("places cells by their r reference in sparse 0-based rows", () => {
    const sheet = readSheet(
      `<row r="3"><c r="C3"><v>7</v></c></row><row r="28"><c r="AB28"><v>-1.5E-3</v></c></row>`
    );
    expect(sheet.rows.length).toBe(28);
    expect(sheet.rows[0]).toBeUndefined();
    expect(at(sheet, 2, 2)).toEqual({ v: 7 });
    expect(at(sheet, 27, 27)).toEqual({ v: -0.0015 });
  });

  it("places cells and rows that lack r right after the previous ones", () => {
    const sheet = readSheet(
      `<row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>`
    );
    expect(at(sheet, 1, 1)).toEqual({ v: 1 });
    expect(at(sheet, 1, 2)).toEqual({ v: 2 });
    expect(at(sheet, 2, 0)).toEqual({ v: 3 });
  });

  it("reads inline strings, including rich-text runs", () => {
    const sheet = readSheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>纯文本</t></is></c>` +
        `<c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>第一</t></r><r><t xml:space="preserve"> 第二</t></r></is></c></row>`
    );
    expect(sheet.rows[0]).toEqual([{ v: "纯文本" }, { v: "第一 第二" }]);
  });

  it("concatenates rich shared strings and leaves out phonetic runs", () => {
    const sheet = readSheet(
      `<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>`,
      {
        sharedStrings: sharedStrings(
          "<t>得分</t>",
          "<r><t>合</t></r><r><rPr><i/></rPr><t>计</t></r><rPh sb='0' eb='1'><t>ごうけい</t></rPh>"
        ),
      }
    );
    expect(sheet.rows[0]).toEqual([{ v: "合计" }, { v: "得分" }]);
  });

  it("decodes XML entities and _xHHHH_ escapes, keeping an escaped underscore literal", () => {
    const sheet = readSheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>A &amp; B &lt;1&gt; &#x4E2D;</t></is></c>` +
        `<c r="B1" t="inlineStr"><is><t>一行_x000D__x000A_两行 _x005F_x000D_</t></is></c></row>`
    );
    expect(sheet.rows[0]).toEqual([{ v: "A & B <1> 中" }, { v: "一行\r\n两行 _x000D_" }]);
  });

  it("reads t=str as text, t=b as a boolean and t=e as an error value", () => {
    const sheet = readSheet(
      `<row r="1"><c r="A1" t="str"><f>A2&amp;"分"</f><v>5分</v></c><c r="B1" t="b"><v>1</v></c>` +
        `<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1" t="str"><f>""</f><v></v></c></row>`
    );
    expect(sheet.rows[0]).toEqual([
      { v: "5分", f: 'A2&"分"' },
      { v: true },
      { v: { error: "#DIV/0!" }, f: "1/0" },
      { v: "", f: '""' },
    ]);
  });

  it("gives shared-formula children an empty formula text and their cached value", () => {
    const sheet = readSheet(
      `<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>4</v></c></row>` +
        `<row r="2"><c r="A2"><f t="shared" si="0"/><v>6</v></c></row>`
    );
    expect(at(sheet, 0, 0)).toEqual({ v: 4, f: "B1*2" });
    expect(at(sheet, 1, 0)).toEqual({ v: 6, f: "" });
  });

  it("reads a formula without a cached value as null", () => {
    expect(at(readSheet(`<row r="1"><c r="A1"><f>SUM(B1:B9)</f></c></row>`), 0, 0)).toEqual({
      v: null,
      f: "SUM(B1:B9)",
    });
  });

  it("skips styled cells that hold nothing", () => {
    const sheet = readSheet(
      `<row r="1" s="2"><c r="A1" s="3"/><c r="B1" s="3"></c><c r="C1"><v>1</v></c></row>`
    );
    expect(sheet.rows[0]).toEqual([undefined, undefined, { v: 1 }]);
  });

  it("cuts strings at maxStringLength", () => {
    const long = "评".repeat(40_000);
    const sheet = readSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c></row>`);
    expect(at(sheet, 0, 0)).toEqual({ v: "评".repeat(DEFAULT_LIMITS.maxStringLength) });
  });

  it("ignores a whole-sheet dimension instead of allocating for it", () => {
    const xml = worksheet(
      `<row r="1"><c r="A1"><v>1</v></c></row>`,
      `<dimension ref="A1:XFD1048576"/>`
    );
    expect(readXlsx(xlsxFixture([{ name: "表1", xml }])).sheets[0]?.rows).toEqual([[{ v: 1 }]]);
  });

  it("reads a workbook without a sharedStrings part when no cell refers to one", () => {
    expect(readSheet(`<row r="1"><c r="A1"><v>1</v></c></row>`).rows).toEqual([[{ v: 1 }]]);
  });

  it("reads a part encoded as UTF-16 with a byte-order mark", () => {
    const xml = worksheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>支部</t></is></c></row>`
    ).replace("UTF-8", "UTF-16");
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++)
      new DataView(utf16.buffer).setUint16(2 + i * 2, xml.charCodeAt(i), true);
    const bytes = xlsxFixture([{ name: "表1", xml: "" }], {
      parts: { "xl/worksheets/sheet1.xml": utf16 },
    });
    expect(readXlsx(bytes).sheets[0]?.rows).toEqual([[{ v: "支部" }]]);
  });

  it("reads text as well-formed Unicode: escapes of U+FFFE, U+FFFF and half surrogate pairs become U+FFFD", () => {
    const sheet = readSheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>支_xFFFF_部_xD800_</t></is></c>` +
        `<c r="B1" t="inlineStr"><is><t>_xD83D__xDE00_ _xDC00__xFFFE_</t></is></c></row>`
    );
    // Written into a report, a raw U+FFFF made the report's XML, and so the whole report, unreadable.
    expect(sheet.rows[0]).toEqual([{ v: "支\ufffd部\ufffd" }, { v: "😀 \ufffd\ufffd" }]);
  });

  it("never cuts a string between the halves of a surrogate pair", () => {
    const text = `${"评".repeat(DEFAULT_LIMITS.maxStringLength - 1)}𠀀`;
    const sheet = readSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>`);
    expect(at(sheet, 0, 0)).toEqual({ v: "评".repeat(DEFAULT_LIMITS.maxStringLength - 1) });
  });

  it.each([0, 9] as const)(
    "reads parts larger than the slices it parses in, multi-byte characters across slice ends (deflate level %d)",
    (level) => {
      // 2,000 rows of 10 cells of 61 three-byte characters, about 4 MB: slice ends fall inside characters.
      const text = (r: number, c: number): string =>
        `${"党支部".repeat(20)}${String.fromCharCode(0x4e00 + r * 10 + c)}`;
      const rows = Array.from({ length: 2000 }, (_, r) => {
        const cells = Array.from(
          { length: 10 },
          (_, c) => `<c t="inlineStr"><is><t>${text(r, c)}</t></is></c>`
        );
        return `<row>${cells.join("")}</row>`;
      });
      const sheet = readSheet(rows.join(""), { level });
      expect(sheet.rows).toEqual(
        rows.map((_, r) => Array.from({ length: 10 }, (_, c) => ({ v: text(r, c) })))
      );
    }
  );

  it("reads elements written with a namespace prefix", () => {
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>9</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(readXlsx(xlsxFixture([{ name: "表1", xml }])).sheets[0]?.rows).toEqual([[{ v: 9 }]]);
  });
});

describe("readXlsx parts", () => {
  it("finds each sheet through the workbook relationships, whatever its part is called", () => {
    const bytes = xlsxFixture([
      {
        name: "甲",
        xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c></row>`),
        target: "worksheets/data7.xml",
      },
      {
        name: "乙",
        xml: worksheet(`<row r="1"><c r="A1"><v>2</v></c></row>`),
        target: "/xl/sheets/x.xml",
      },
      {
        name: "丙",
        xml: worksheet(`<row r="1"><c r="A1"><v>3</v></c></row>`),
        target: "../data/./y.xml",
        part: "data/y.xml",
      },
    ]);
    const { sheets } = readXlsx(bytes);
    expect(sheets.map((s) => [s.name, at(s, 0, 0)])).toEqual([
      ["甲", { v: 1 }],
      ["乙", { v: 2 }],
      ["丙", { v: 3 }],
    ]);
  });

  it("reads only the sheets the filter wants and never opens the others' parts", () => {
    // The unwanted sheet is broken XML: reading it would fail.
    const bytes = xlsxFixture([
      { name: "说明", xml: "<worksheet><sheetData><row>", state: "veryHidden" },
      { name: "评分表", xml: worksheet(`<row r="1"><c r="A1"><v>5</v></c></row>`) },
    ]);
    const { sheets } = readXlsx(bytes, { sheets: (name) => name === "评分表" });
    expect(sheets).toEqual([
      { name: "说明", hidden: true, rows: [] },
      { name: "评分表", hidden: false, rows: [[{ v: 5 }]] },
    ]);
  });
});

describe("readXlsx refuses", () => {
  const valid = xlsxFixture([
    { name: "表1", xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c></row>`) },
  ]);
  const ole2 = (...streams: string[]): Uint8Array => {
    const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const names = streams.flatMap((s) => [...s].flatMap((ch) => [ch.charCodeAt(0), 0]));
    return new Uint8Array([...header, ...new Array<number>(504).fill(0), ...names, 0, 0]);
  };

  it("an empty file as empty", () => {
    expectRefused(new Uint8Array(0), "empty");
  });

  it("CSV text as not-zip", () => {
    expectRefused(strToU8("序号,项目,得分\n1,组织建设,10\n"), "not-zip");
  });

  it("a truncated zip as not-zip, saying the file is damaged", () => {
    const error = expectRefused(valid.subarray(0, Math.floor(valid.length / 2)), "not-zip");
    expect(error.message).toContain("已损坏");
  });

  it("a part changed after it was written (its checksum no longer matches) as not-zip, saying it is damaged", () => {
    const bytes = xlsxFixture(
      [{ name: "表1", xml: worksheet(`<row r="1"><c r="A1"><v>8</v></c></row>`) }],
      { level: 0 }
    );
    // Stored, not deflated: the 8 is a plain byte of the file, and a flipped bit makes it a 9.
    const at = Buffer.from(bytes).indexOf("<v>8</v>") + 3;
    const changed = bytes.slice();
    changed[at] = 0x39;
    expect(readXlsx(bytes).sheets[0]?.rows).toEqual([[{ v: 8 }]]);
    expect(expectRefused(changed, "not-zip").message).toContain("已损坏");
  });

  it("a legacy .xls (OLE2 without encryption streams) as legacy-xls", () => {
    expectRefused(ole2("Workbook", "SummaryInformation"), "legacy-xls");
  });

  it("a password-protected workbook (OLE2 with EncryptionInfo) as encrypted", () => {
    expectRefused(ole2("EncryptionInfo", "EncryptedPackage"), "encrypted");
  });

  it("a zip without xl/workbook.xml as not-workbook", () => {
    expectRefused(zipSync({ "word/document.xml": strToU8("<w:document/>") }), "not-workbook");
  });

  it("a sheet whose part is missing as missing-part", () => {
    const bytes = xlsxFixture([{ name: "表1", xml: worksheet("") }], {
      omit: ["xl/worksheets/sheet1.xml"],
    });
    expect(expectRefused(bytes, "missing-part").message).toContain("xl/worksheets/sheet1.xml");
  });

  it("a shared-string cell without a sharedStrings part as missing-part", () => {
    expectRefused(
      xlsxFixture([
        { name: "表1", xml: worksheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`) },
      ]),
      "missing-part"
    );
  });

  it("malformed XML and undefined entities as bad-xml", () => {
    expectRefused(
      xlsxFixture([{ name: "表1", xml: "<worksheet><sheetData><row></worksheet>" }]),
      "bad-xml"
    );
    expectRefused(
      xlsxFixture([
        { name: "表1", xml: worksheet(`<row r="1"><c r="A1" t="str"><v>&lol;</v></c></row>`) },
      ]),
      "bad-xml"
    );
  });

  it("a shared-string index past the table as bad-xml", () => {
    const bytes = xlsxFixture(
      [{ name: "表1", xml: worksheet(`<row r="1"><c r="A1" t="s"><v>3</v></c></row>`) }],
      {
        sharedStrings: sharedStrings("<t>一</t>"),
      }
    );
    expectRefused(bytes, "bad-xml");
  });

  it("elements nested deeper than any workbook's as bad-xml, before the parser holds them all", () => {
    const deep = xlsxFixture([
      { name: "表1", xml: worksheet(`<row r="1">${"<a>".repeat(1_000_000)}`) },
    ]);
    expect(expectRefused(deep, "bad-xml").message).toContain("嵌套过深");
    const fine = `${"<a>".repeat(60)}${"</a>".repeat(60)}`;
    expect(readSheet(`<row r="1"><c r="A1"><v>1</v></c>${fine}</row>`).rows).toEqual([[{ v: 1 }]]);
  });

  it("an element with more attributes than any workbook's as bad-xml, while its attributes are read", () => {
    const attributes = (n: number): string =>
      Array.from({ length: n }, (_, i) => ` a${i}="1"`).join("");
    const many = xlsxFixture([
      { name: "表1", xml: worksheet(`<row r="1"${' a=""'.repeat(1_000_000)}/>`) },
    ]);
    expect(expectRefused(many, "bad-xml").message).toContain("属性过多");
    expect(
      readSheet(`<row r="1"${attributes(200)}><c r="A1"${attributes(200)}><v>1</v></c></row>`).rows
    ).toEqual([[{ v: 1 }]]);
  });

  it("billion laughs as dtd-forbidden", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;
    const xml = `${lol}<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>&lol3;</v></c></row></sheetData></worksheet>`;
    expectRefused(xlsxFixture([{ name: "表1", xml }]), "dtd-forbidden");
  });

  it("an external entity as dtd-forbidden, in any part", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;
    const sheet = worksheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`);
    expectRefused(
      xlsxFixture([{ name: "表1", xml: sheet }], {
        sharedStrings: `${xxe}<sst><si><t>&xxe;</t></si></sst>`,
      }),
      "dtd-forbidden"
    );
  });

  describe("zip bombs", () => {
    const SHEET = "xl/worksheets/sheet1.xml";
    let bomb: Uint8Array;
    beforeAll(() => {
      // 60 MB of zeros as the sheet part compresses to about 60 KB.
      bomb = xlsxFixture([{ name: "表1", xml: "" }], {
        parts: { [SHEET]: new Uint8Array(60 * 2 ** 20) },
        level: 9,
      });
    });

    it("a zip bomb as too-large, from its declared size", () => {
      expect(bomb.length).toBeLessThan(200_000);
      expectRefused(bomb, "too-large");
    });

    it("a zip bomb that declares a small size as too-large once it inflates past it", () => {
      expect(expectRefused(withDeclaredSize(bomb, SHEET, 1000), "too-large").message).toContain(
        "声明"
      );
    });

    it("a small part that inflates to more than it declares as too-large", () => {
      // Pseudo-random bytes do not compress, so deflate stores them as a raw block.
      let seed = 1;
      const noise = Uint8Array.from(
        { length: 4000 },
        () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24
      );
      const xml = xlsxFixture([
        { name: "表1", xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c></row>`) },
      ]);
      const stored = xlsxFixture([{ name: "表1", xml: "" }], { parts: { [SHEET]: noise } });
      expectRefused(withDeclaredSize(xml, SHEET, 20), "too-large");
      expectRefused(withDeclaredSize(stored, SHEET, 20), "too-large");
    });
  });

  it("a workbook past maxDecompressedBytes as too-large", () => {
    expectRefused(valid, "too-large", { limits: { maxDecompressedBytes: 100 } });
  });

  it("101,000 cells as too-many-cells even when maxCells is passed as undefined", () => {
    const row = `<row>${"<c><v>1</v></c>".repeat(1000)}</row>`;
    const bytes = xlsxFixture([{ name: "表1", xml: worksheet(row.repeat(101)) }]);
    expectRefused(bytes, "too-many-cells", { limits: { maxCells: undefined } });
  });

  it("more sheets than maxSheets as too-large", () => {
    const sheets = Array.from({ length: 4 }, (_, i) => ({ name: `表${i}`, xml: worksheet("") }));
    expectRefused(xlsxFixture(sheets), "too-large", { limits: { maxSheets: 3 } });
  });

  it("200,000 cells as too-many-cells while parsing, before the sheet's end", () => {
    const row = `<row>${"<c><v>1</v></c>".repeat(100)}</row>`;
    // The XML is cut off at the end: only counting while parsing reports too-many-cells, not bad-xml.
    const xml = worksheet(row.repeat(2000)).replace("</sheetData></worksheet>", "<row><c>");
    expectRefused(xlsxFixture([{ name: "表1", xml }]), "too-many-cells");
  });

  it("cells spread over several sheets past maxCells as too-many-cells", () => {
    const sheet = {
      xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>`),
    };
    const bytes = xlsxFixture([
      { name: "一", ...sheet },
      { name: "二", ...sheet },
    ]);
    expect(readXlsx(bytes, { limits: { maxCells: 4 } }).sheets).toHaveLength(2);
    expectRefused(bytes, "too-many-cells", { limits: { maxCells: 3 } });
  });
});

describe("readXlsx on damaged files", () => {
  let bases: Uint8Array[];
  beforeAll(async () => {
    const sheet = worksheet(
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>A1</f><v>2</v></c></row>`
    );
    bases = [
      await exceljsWorkbook(),
      xlsxFixture([{ name: "表1", xml: sheet }], {
        sharedStrings: sharedStrings("<t>项目</t>"),
        level: 0,
      }),
    ];
  });

  it("either reads or throws XlsxReadError after random byte changes and truncations", () => {
    const mutation = fc.oneof(
      fc.record({ cutAt: fc.nat() }),
      fc.record({
        changes: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
      })
    );
    fc.assert(
      fc.property(fc.nat({ max: 1 }), mutation, (which, change) => {
        const base = bases[which] ?? new Uint8Array(0);
        let bytes = base.slice();
        if ("cutAt" in change) bytes = base.slice(0, change.cutAt % base.length);
        else for (const [offset, value] of change.changes) bytes[offset % bytes.length] = value;
        try {
          readXlsx(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(XlsxReadError);
        }
      }),
      { numRuns: 200 }
    );
  });
});
