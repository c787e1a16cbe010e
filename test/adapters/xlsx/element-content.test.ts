import fc from "fast-check";
import {
  ContentMemory,
  readPlainXml,
  type RememberedContent,
  type XmlHandlers,
} from "../../../src/adapters/xlsx/read/plain-xml";
import { ELEMENTS_WITHOUT_CELLS } from "../../../src/adapters/xlsx/read/element-content";
import {
  bytesOf,
  fromBytes,
  outcome,
  parserOnly,
  readsAlike,
  utf8,
} from "../../support/read-outcome";
import { mostlyPlain } from "../../support/text-arbitraries";
import { xlsxFixture } from "../../support/xlsx-fixture";

// What a worksheet holds besides its cells (merged ranges, conditional formats, validations, page
// setup, extensions) is checked by one regular expression and taken unread (element-content.ts),
// and a content taken once is remembered. Whatever the bytes, a sheet must read and refuse exactly
// as reading it element by element, and as the parser.

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** A worksheet part (latin1: its bytes) with `extras` before and after its one row of cells. */
const sheetPart = (before: string, after: string, row = '<c r="A1"><v>1</v></c>'): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}">${before}<sheetData><row r="1">${row}</row></sheetData>${after}</worksheet>`;
const book = (part: string): Uint8Array =>
  xlsxFixture([{ name: "S", xml: "" }], {
    parts: { "xl/worksheets/sheet1.xml": bytesOf(part) },
  });

/** Whether the pattern (and its check) takes `content`, the content of an element `name`, whole. */
function takes(content: string, name = "e"): boolean {
  const { pattern, accepts } = ELEMENTS_WITHOUT_CELLS;
  const text = `${content}</${name}>`;
  pattern.lastIndex = 0;
  return (
    pattern.test(text) &&
    pattern.lastIndex === content.length &&
    (accepts?.(text, 0, content.length) ?? true)
  );
}

const plainText = fc.constantFrom(
  utf8("党支部"),
  "LEN(E13)=0",
  " ",
  "\n",
  "a",
  '"',
  "'",
  ">",
  "=",
  "/"
);
const text = mostlyPlain(plainText, 30, 4);
const value = fc
  .array(
    fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom("E13:E21", utf8("请填写"), "1", " ", "$A$1") },
      {
        weight: 1,
        arbitrary: fc.constantFrom("&quot;", "&#35831;", "&#1;", "\t", "\n", "<", "&", "\x80", "'"),
      }
    ),
    { maxLength: 3 }
  )
  .map((words) => words.join(""));
const name = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom("mergeCell", "cfRule", "formula", "x14:ext", "xm:f") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("c", "row", "x:c", "x:row", "cc", "rows", "_a", "a:b:c", "1a"),
  }
);
const attributeName = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom("ref", "type", "priority", "xmlns:x14", "r:id") },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "1a", "a b") }
);
const attribute = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(attributeName, value).map(([n, v]) => ` ${n}="${v}"`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(" ref='A1'", '  ref="A1"', ' ref = "A1"', " ref", '\tref="A1"'),
  }
);
/** An element nested `depth` more levels at most; some repeat an attribute (the names are few). */
const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(
      name,
      fc.array(attribute, { maxLength: 4 }),
      depth > 1
        ? fc.array(fc.oneof(text, element(depth - 1)), { maxLength: 3 })
        : fc.array(text, { maxLength: 1 }),
      fc.boolean(),
      fc.oneof(
        { weight: 30, arbitrary: fc.constant("") },
        { weight: 1, arbitrary: fc.constant(" ") }
      )
    )
    .map(([n, attributes, children, empty, blank]) =>
      empty && children.length === 0
        ? `<${n}${attributes.join("")}/>`
        : `<${n}${attributes.join("")}>${children.join("")}</${n}${blank}>`
    )
);
/** What stands beside sheetData: elements up to seven deep (two past what is taken unread). */
const extras = fc.array(
  fc.oneof({ weight: 10, arbitrary: element(7) }, { weight: 1, arbitrary: text }),
  {
    maxLength: 3,
  }
);

describe("what a sheet holds besides its cells, taken unread", () => {
  it("reads and refuses as element by element and as the parser, whatever it holds", () => {
    let unread = 0;
    let refused = 0;
    fc.assert(
      fc.property(extras, extras, (before, after) => {
        const bytes = book(sheetPart(before.join(""), after.join("")));
        const parser = readsAlike(bytes);
        if (parser && typeof parser === "object" && "refused" in parser) refused++;
        for (const e of [...before, ...after]) {
          const open = /^<([^ />]+)[^>]*>/.exec(e);
          if (
            open &&
            !e.endsWith("/>") &&
            takes(e.slice(open[0].length, e.lastIndexOf("</")), open[1])
          )
            unread++;
        }
      }),
      { numRuns: 2000 }
    );
    // The generator reaches both sides: many contents are taken unread, and many parts refused.
    expect(unread).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(100);
  });

  it("takes unread what Excel, WPS, LibreOffice, openpyxl and our writer put beside the cells", () => {
    const contents: [string, string][] = [
      ["mergeCells", '<mergeCell ref="A1:J1"/><mergeCell ref="A2:J2"/>'],
      [
        "conditionalFormatting",
        '<cfRule type="expression" priority="3" dxfId="2"><formula>AND(ISNUMBER($H13),ABS($H13-$F13)&gt;5)</formula></cfRule>',
      ],
      [
        "dataValidations",
        utf8(
          '<dataValidation type="decimal" allowBlank="true" showInputMessage="true" showErrorMessage="true" errorTitle="得分超出范围" error="请填写 0 到 4 之间的数" promptTitle="自评得分" prompt="满分 4 分" sqref="F13"><formula1>0</formula1><formula2>4</formula2></dataValidation>'
        ),
      ],
      [
        "dataValidations",
        '<dataValidation type="list" allowBlank="1" showErrorMessage="1" promptTitle="&#33258;&#35780;" sqref="E13"><formula1>"&#26159;,&#21542;"</formula1></dataValidation>',
      ],
      [
        "headerFooter",
        "<oddHeader>&amp;C&amp;&quot;Times New Roman,Regular&quot;&amp;12&amp;A</oddHeader><oddFooter>&amp;C&amp;P</oddFooter>",
      ],
      [
        "extLst",
        '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Sheet2!$A$1:$A$5</xm:f></x14:formula1><xm:sqref>D5</xm:sqref></x14:dataValidation></x14:dataValidations></ext>',
      ],
      [
        "sheetViews",
        '<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="11" topLeftCell="A12" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A12" sqref="A12"/></sheetView>',
      ],
    ];
    for (const [element, content] of contents)
      expect([element, takes(content, element)]).toEqual([element, true]);
    const part = sheetPart(
      `<sheetViews>${contents[6]?.[1]}</sheetViews>`,
      contents
        .slice(0, 6)
        .map(([e, c]) => `<${e}>${c}</${e}>`)
        .join("") + '<pageMargins left="0.7" right="0.7"/>'
    );
    const taken: string[] = [];
    let inCell = false;
    const handlers: XmlHandlers = {
      open(n) {
        if (n === "c") inCell = true;
        const outside = !inCell && !["c", "row", "sheetData", "worksheet"].includes(n);
        if (outside) taken.push(n);
        return outside ? ELEMENTS_WITHOUT_CELLS : undefined;
      },
      close(n) {
        if (n === "c") inCell = false;
      },
    };
    expect(readPlainXml(part, handlers, "bytes", bytesOf(part))).toBe(true);
    // Each was opened, and nothing inside any of them: all taken unread.
    expect(taken).toEqual(["sheetViews", ...contents.slice(0, 6).map(([e]) => e), "pageMargins"]);
    expect(outcome(book(part), fromBytes)).toEqual(outcome(book(part), parserOnly));
  });

  it.each([
    ["a repeated attribute", '<mergeCells><mergeCell ref="A1:B1" ref="A2:B2"/></mergeCells>'],
    [
      "a repeated attribute, deep down",
      '<extLst><ext><a x="1"><b y="1" z="2" y="3"/></a></ext></extLst>',
    ],
    ["a mismatched end tag", "<mergeCells><mergeCell></mergeCells></mergeCell>"],
    ["a bad reference", "<headerFooter><oddHeader>&#1;</oddHeader></headerFooter>"],
    ["an unknown entity", "<headerFooter><oddHeader>&nbsp;</oddHeader></headerFooter>"],
  ])("refuses %s there as the parser does", (_, after) => {
    const bytes = book(sheetPart("", after));
    expect(outcome(bytes, parserOnly)).toEqual({ refused: "bad-xml" });
    for (let i = 0; i < 2; i++) expect(outcome(bytes, fromBytes)).toEqual({ refused: "bad-xml" });
  });

  it("never takes a cell or a row unread: they are the sheet's", () => {
    for (const content of ['<c r="B1"><v>2</v></c>', '<x:row r="2"/>', "<a><b><c/></b></a>"])
      expect(takes(content)).toBe(false);
    expect(takes('<cc r="B1"/><rows/><x:cell/>')).toBe(true);
    // A cell outside sheetData is read as one, however it is read.
    const bytes = book(sheetPart("", '<extLst><c r="B1"><v>2</v></c></extLst>'));
    expect(outcome(bytes, fromBytes)).toEqual(outcome(bytes, parserOnly));
  });

  it("remembers a content it took, and only one it took, within its bounds", () => {
    const memory = new ContentMemory(2, 40);
    const part = (content: string): string => `<a><e>${content}</e></a>`;
    const skip = { ...ELEMENTS_WITHOUT_CELLS, memory };
    /** How often reading `content` took it unread, and as what the memory held it. */
    const read = (content: string): [number, RememberedContent | undefined] => {
      let skipped = 0;
      let held: RememberedContent | undefined;
      const handlers: XmlHandlers = {
        open: (n) => (n === "e" ? skip : undefined),
        skipped: (_text, _codes, _from, _to, known) => {
          skipped++;
          held = known;
        },
      };
      const text = part(content);
      readPlainXml(text, handlers, "bytes", bytesOf(text));
      return [skipped, held];
    };
    const found = (content: string): string | undefined =>
      memory.find(part(content), 6, "e")?.content;
    expect(found("<b/>")).toBeUndefined();
    const [taken, first] = read("<b/>");
    expect([taken, first?.content]).toEqual([1, "<b/>"]);
    expect(found("<b/>")).toBe("<b/>");
    // Met again, it is the same memory, with what a reader kept beside it.
    if (first) first.text = "kept";
    expect(read("<b/>")).toEqual([1, { content: "<b/>", text: "kept" }]);
    // A repeated attribute is never taken (the plain reading gives the part up), so never remembered.
    expect(read('<b x="1" x="2"/>')).toEqual([0, undefined]);
    expect(found('<b x="1" x="2"/>')).toBeUndefined();
    // Full: 40 characters, then two contents. Taken all the same, but not remembered.
    const long = `<b x="${"1".repeat(40)}"/>`;
    expect(read(long)).toEqual([1, undefined]);
    expect(found(long)).toBeUndefined();
    expect(read("<c2/>")[1]?.content).toBe("<c2/>");
    expect(read("<d/>")).toEqual([1, undefined]);
    expect(found("<c2/>")).toBe("<c2/>");
    expect(found("<d/>")).toBeUndefined();
  });

  it("gives up in time on long content that is not of the form: the pattern never backtracks far", () => {
    // 2 MB of nested elements with text and references, never closed at the deepest level.
    const long = utf8(`<a x="1"><b>${"党支部&amp;a<d y='1'/>".repeat(100_000)}</b></a>`);
    const latin1 = `<worksheet><e><f>${long}</f></e></worksheet>`;
    const handlers: XmlHandlers = { open: (n) => (n === "e" ? ELEMENTS_WITHOUT_CELLS : undefined) };
    // Read element by element once the pattern gives up; a pattern that could match the text two
    // ways would take exponential time over it (the test's time limit).
    expect(readPlainXml(latin1, handlers, "bytes", bytesOf(latin1))).toBe(true);
  });
});
