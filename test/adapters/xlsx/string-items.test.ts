import fc from "fast-check";
import { keyOnlyRows } from "../../../src/core";
import { readPlainXml, type XmlHandlers } from "../../../src/adapters/xlsx/read/plain-xml";
import { readXlsx, type ReadOptions } from "../../../src/adapters/xlsx/read/reader";
import {
  INLINE_STRING,
  STRING_ITEM,
  StringItem,
} from "../../../src/adapters/xlsx/read/string-items";
import {
  bytesOf,
  decodedFirst,
  fromBytes,
  outcome,
  parserOnly,
  readsAlike,
  utf8,
} from "../../support/read-outcome";
import { mostlyPlain } from "../../support/text-arbitraries";
import { sharedStrings, worksheet, xlsxFixture } from "../../support/xlsx-fixture";

// A shared string's item, or an unwanted cell's inline string, in a form one regular expression
// vouches for is taken unread (string-items.ts) and decoded only when a cell asks. Whatever the
// bytes, that must read and refuse exactly as reading them element by element, and as the parser.

const plainText = fc.constantFrom("党支部", "8.5", " ", "\n", "a", "{", '"', "'", ">", "=", "\x7f");
const text = mostlyPlain(plainText, 40, 6);
const textOpen = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom("<t>", '<t xml:space="preserve">') },
  { weight: 1, arbitrary: fc.constantFrom("<t xml:space='preserve'>", "<t >", '<t a="1">') }
);
const textElement = fc.tuple(textOpen, text).map(([open, t]) => `${open}${t}</t>`);
const plainRunChild = fc.constantFrom(
  "<b/>",
  '<sz val="10"/>',
  `<rFont val="${utf8("宋体")}"/>`,
  '<color rgb="FF595959"/>'
);
const oddRunChild = fc.constantFrom(
  '<b val="1" val="2"/>',
  '<sz val="10" b="1"/>',
  '<sz val="a&amp;b"/>',
  '<sz val="\t"/>',
  `<sz val="${"\xef\xbf\xbe"}"/>`,
  '<sz val="\x80"/>',
  "<t/>",
  '<t xml:space="preserve"/>',
  "<rPh/>",
  "<b></b>",
  "<_x/>"
);
const runChild = fc.oneof(
  { weight: 40, arbitrary: plainRunChild },
  { weight: 1, arbitrary: oddRunChild }
);
const runProperties = fc
  .array(runChild, { maxLength: 3 })
  .map((kids) => `<rPr>${kids.join("")}</rPr>`);
const run = fc
  .tuple(fc.option(runProperties, { nil: "" }), textElement)
  .map(([properties, t]) => `<r>${properties}${t}</r>`);
const piece = fc.oneof(
  { weight: 20, arbitrary: textElement },
  { weight: 20, arbitrary: run },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<phoneticPr fontId="1" type="noConversion"/>',
      '<phoneticPr fontId="1"/>',
      '<phoneticPr fontId="1" fontId="2"/>',
      '<rPh sb="0" eb="1"><t>ア</t></rPh>',
      " ",
      "<t>",
      "</r>",
      "<r></r>",
      "<!-- x -->"
    ),
  }
);
/** The content of one <si> (or <is>): mostly the forms taken unread, and what comes near them. */
const content = fc.array(piece, { maxLength: 5 }).map((pieces) => pieces.join(""));

/** Texts and runs only: a cell's inline string in the forms taken unread, or near them. */
const texts = fc
  .array(fc.oneof(textElement, run), { minLength: 1, maxLength: 3 })
  .map((pieces) => pieces.join(""));

describe("shared strings taken unread", () => {
  it("read and refuse as element by element and as the parser, whatever the item's bytes", () => {
    let unread = 0;
    fc.assert(
      fc.property(fc.array(content, { minLength: 1, maxLength: 3 }), (items) => {
        const cells = items.map((_, i) => `<c r="A${i + 1}" t="s"><v>${i}</v></c>`).join("");
        const bytes = xlsxFixture([{ name: "S", xml: worksheet(`<row r="1">${cells}</row>`) }], {
          parts: { "xl/sharedStrings.xml": bytesOf(sharedStrings(...items)) },
        });
        readsAlike(bytes);
        for (const item of items) {
          const pattern = STRING_ITEM.pattern;
          pattern.lastIndex = 0;
          if (pattern.test(`${item}</si>`) && pattern.lastIndex === item.length) unread++;
        }
      }),
      { numRuns: 2000 }
    );
    // The generator reaches both sides: enough items are taken unread.
    expect(unread).toBeGreaterThan(1500);
  });

  it("takes unread the items our writer, Excel, WPS and LibreOffice write", () => {
    const items = [
      utf8('<t xml:space="preserve">党支部 &amp; 党员</t>'),
      utf8('<t>党支部</t><phoneticPr fontId="1" type="noConversion"/>'),
      utf8(
        '<r><rPr><b val="true"/><sz val="10"/><rFont val="Noto Sans CJK SC"/><family val="2"/></rPr><t xml:space="preserve">党支部名称</t></r>' +
          '<r><rPr><sz val="10"/><rFont val="宋体"/><family val="0"/><charset val="134"/></rPr><t xml:space="preserve">*</t></r>'
      ),
      utf8(
        '<r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="宋体"/><family val="3"/><charset val="134"/><scheme val="minor"/></rPr><t>等次</t></r>'
      ),
      "<t>{&quot;caps&quot;:{&quot;satisfactionCap&quot;:60}, &#31034;&#33539; &#65288;&#65289;}</t>",
    ];
    for (const item of items) {
      const skipped: StringItem[] = [];
      const latin1 = `<sst><si>${item}</si></sst>`;
      const handlers: XmlHandlers = {
        open: (name) => (name === "si" ? STRING_ITEM : undefined),
        skipped: (part, codes, from, to) => skipped.push(new StringItem(part, codes, from, to)),
      };
      expect(readPlainXml(latin1, handlers, "bytes", bytesOf(latin1))).toBe(true);
      expect(skipped).toHaveLength(1);
    }
    const [a, b, c, d, e] = items.map((item) => {
      const bytes = xlsxFixture(
        [{ name: "S", xml: worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }],
        { parts: { "xl/sharedStrings.xml": bytesOf(sharedStrings(item)) } }
      );
      const book = readXlsx(bytes, fromBytes);
      expect(book).toEqual(readXlsx(bytes, parserOnly));
      return book.sheets[0]?.rows[0]?.[0]?.v;
    });
    expect([a, b, c, d, e]).toEqual([
      "党支部 & 党员",
      "党支部",
      "党支部名称*",
      "等次",
      '{"caps":{"satisfactionCap":60}, 示范 （）}',
    ]);
  });

  it("gives up in time on a long item that is not of the form: the pattern never backtracks far", () => {
    // 2 MB of text with references and Chinese, never closed: a pattern that could split the text
    // two ways would take exponential time over it.
    const long = utf8("党支部&amp;a".repeat(200_000));
    const latin1 = `<sst><si><t>${long}</si></sst>`;
    const handlers: XmlHandlers = { open: () => STRING_ITEM };
    expect(readPlainXml(latin1, handlers, "bytes", bytesOf(latin1))).toBe(false);
  });
});

describe("inline strings taken unread", () => {
  it("read and refuse as element by element and as the parser, whatever they hold", () => {
    let unread = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(content, texts), { minLength: 1, maxLength: 3 }), (inners) => {
        const cells = inners
          .map((inner, i) => `<c r="A${i + 1}" t="inlineStr"><is>${inner}</is></c>`)
          .join("");
        const bytes = xlsxFixture([{ name: "S", xml: "" }], {
          parts: { "xl/worksheets/sheet1.xml": bytesOf(worksheet(`<row r="1">${cells}</row>`)) },
        });
        readsAlike(bytes);
        for (const inner of inners) {
          const pattern = INLINE_STRING.pattern;
          pattern.lastIndex = 0;
          if (pattern.test(`<is>${inner}</is></c>`) && pattern.lastIndex === inner.length + 9)
            unread++;
        }
      }),
      { numRuns: 2000 }
    );
    expect(unread).toBeGreaterThan(1500);
  });

  it("reads an inline string's text whether or not it was met before", () => {
    const inner = utf8(
      '<t>党支部 &amp; </t><r><rPr><b/></rPr><t xml:space="preserve">&#31034;范</t></r>'
    );
    const bytes = xlsxFixture([{ name: "S", xml: "" }], {
      parts: {
        "xl/worksheets/sheet1.xml": bytesOf(
          worksheet(
            `<row r="1"><c r="A1" t="inlineStr"><is>${inner}</is></c><c r="B1" t="inlineStr"><is>${inner}</is></c></row>`
          )
        ),
      },
    });
    for (let i = 0; i < 2; i++)
      expect(readXlsx(bytes, fromBytes).sheets[0]?.rows[0]).toEqual([
        { v: "党支部 & 示范" },
        { v: "党支部 & 示范" },
      ]);
  });
});

describe("rows read key only (keyOnlyRows)", () => {
  const KEY = "评分标准数据1";
  /** A `_dabiao`-like sheet: key rows, one of them a rubric chunk with `value` as the rest of its row. */
  const meta = (value: string, strings: string[] = [KEY, "x"]): Uint8Array =>
    xlsxFixture([{ name: "_dabiao", xml: "" }], {
      parts: {
        // The sheet as bytes: `value` is already UTF-8, one character a byte.
        "xl/worksheets/sheet1.xml": bytesOf(
          worksheet(
            `<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>kept</t></is></c></row>` +
              `<row r="2"><c r="A2" t="s"><v>0</v></c>${value}</row>`
          )
        ),
        "xl/sharedStrings.xml": sharedStrings(...strings.map((s) => `<t>${s}</t>`)),
      },
    });
  const keyOnly: ReadOptions = { keyOnlyRows };

  it("leaves the rest of such a row out, however it is read", () => {
    const bytes = meta(
      `<c r="B2" t="inlineStr"><is><t>${utf8("{&quot;a&quot;:&#31034;}")}</t></is></c><c r="C2" t="s"><v>1</v></c><c r="D2"><v>3</v></c>`
    );
    const rows = [[{ v: "x" }, { v: "kept" }], [{ v: KEY }]];
    for (const how of [fromBytes, decodedFirst, parserOnly]) {
      const book = readXlsx(bytes, { ...how, ...keyOnly });
      expect(book.sheets[0]?.rows).toEqual(rows);
    }
    // Without the option, the row is read whole.
    expect(readXlsx(bytes, fromBytes).sheets[0]?.rows[1]).toHaveLength(4);
  });

  it.each([
    ["a shared string that is not there", '<c r="B2" t="s"><v>7</v></c>', "bad-xml"],
    ["a boolean that is not one", '<c r="B2" t="b"><v>2</v></c>', "bad-xml"],
    ["a number that is not one", '<c r="B2"><v>x</v></c>', "bad-xml"],
    ["a bad reference", `<c r="B0" t="inlineStr"><is><t>a</t></is></c>`, "bad-xml"],
    ["a broken inline string", '<c r="B2" t="inlineStr"><is><t>a</is></c>', "bad-xml"],
  ])("refuses %s in such a row as without the option", (_, cell, code) => {
    const bytes = meta(cell);
    for (const how of [fromBytes, decodedFirst, parserOnly]) {
      expect(outcome(bytes, { ...how, ...keyOnly })).toEqual({ refused: code });
      expect(outcome(bytes, how)).toEqual({ refused: code });
    }
  });

  it("counts such a row's cells against the cell limit as without the option", () => {
    const cells = Array.from(
      { length: 5 },
      (_, i) => `<c r="${"BCDEF"[i]}2" t="inlineStr"><is><t>${i}</t></is></c>`
    ).join("");
    const bytes = meta(cells);
    // A1, B1, A2 and the five: eight cells.
    const limits = { maxCells: 7 };
    for (const how of [fromBytes, decodedFirst, parserOnly]) {
      expect(outcome(bytes, { ...how, ...keyOnly, limits })).toEqual({ refused: "too-many-cells" });
      expect(outcome(bytes, { ...how, limits })).toEqual({ refused: "too-many-cells" });
      expect(outcome(bytes, { ...how, ...keyOnly, limits: { maxCells: 8 } })).not.toHaveProperty(
        "refused"
      );
    }
  });

  it("reads such rows the same from bytes as the parser, whatever their inline strings hold", () => {
    let unread = 0;
    fc.assert(
      fc.property(fc.oneof(content, texts), fc.constantFrom(KEY, "生成时间"), (inner, key) => {
        const bytes = meta(`<c r="B2" t="inlineStr"><is>${inner}</is></c>`, [key, "x"]);
        readsAlike(bytes, keyOnly);
        const pattern = INLINE_STRING.pattern;
        pattern.lastIndex = 0;
        if (pattern.test(`<is>${inner}</is>`) && key === KEY) unread++;
      }),
      { numRuns: 1000 }
    );
    expect(unread).toBeGreaterThan(20);
  });
});
