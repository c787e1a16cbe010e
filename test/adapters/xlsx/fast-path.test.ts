import fc from "fast-check";
import { SaxesParser } from "saxes";
import { runEnd, XmlFastPath } from "../../../src/adapters/xlsx/read/fast-path";
import { readXlsx, XlsxReadError } from "../../../src/adapters/xlsx/read/reader";
import { worksheet, xlsxFixture } from "../../support/xlsx-fixture";

// The reader takes two shortcuts before the XML parser sees a part: it decodes numeric character
// references itself (the parser's entity path is slow) and leaves out plainly well-formed formatting
// runs (<rPr>, which the reader never looks inside). Whatever the text and however it is cut into
// slices, the parser must then report exactly what it reports for the text as it was, formatting
// runs aside.

/**
 * What the parser reports for a part fed in slices: its elements and text outside formatting runs,
 * or its first refusal.
 */
function parsed(slices: readonly string[], decode: boolean): unknown {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({
    xmlns: false,
    position: false,
  });
  const events: unknown[] = [];
  let text = "";
  let verdict: string | undefined;
  const flush = (): void => {
    if (text !== "") events.push(["text", text]);
    text = "";
  };
  parser.on("doctype", () => (verdict ??= "doctype"));
  parser.on("error", () => (verdict ??= "error"));
  let inRun = 0;
  parser.on("opentag", (tag) => {
    if (inRun > 0 || tag.name === "rPr") return void (tag.isSelfClosing || inRun++);
    flush();
    events.push(["open", tag.name, { ...tag.attributes }]);
  });
  parser.on("closetag", (tag) => {
    if (inRun > 0) return void (tag.isSelfClosing || inRun--);
    if (tag.name === "rPr") return;
    flush();
    events.push(["close", tag.name]);
  });
  parser.on("text", (chunk) => inRun > 0 || (text += chunk));
  parser.on("cdata", (chunk) => inRun > 0 || (text += chunk));
  const refs = new XmlFastPath();
  for (const slice of slices) parser.write(decode ? refs.push(slice) : slice);
  parser.write(decode ? refs.end() : "").close();
  flush();
  return verdict ?? events;
}

/** Cuts a text at the given fractions of its length. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  return [0, ...points].map((p, i) => text.slice(p, points[i] ?? text.length));
}

const CODES = [
  0x5206, 0x4e2d, 0x3000, 0xff08, 0x80, 0xa0, 0x85, 0x2028, 0xd7ff, 0xd800, 0xdfff, 0xe000, 0xfffd,
  0xfffe, 0xffff, 0x10000, 0x1f600, 0x10ffff, 0x110000, 0, 9, 10, 13, 32, 38, 60, 62, 34, 39, 65,
  127,
];
const reference = fc.oneof(
  fc.constantFrom(...CODES).map((c) => `&#${c};`),
  fc.constantFrom(...CODES).map((c) => `&#x${c.toString(16)};`),
  fc.constantFrom(...CODES).map((c) => `&#X${c.toString(16)};`),
  fc.constantFrom(...CODES).map((c) => `&#000000000000000${c};`),
  fc.constantFrom(
    "&#",
    "&#;",
    "&#x;",
    "&#12",
    "&#x4e2d",
    "&#4e2d;",
    "&",
    "&amp;",
    "&lt;",
    "&#&#20998;",
    "&nbsp;"
  )
);
const plain = fc.constantFrom(
  "党支部",
  "得分 ",
  "A1",
  ">",
  "]]",
  "-",
  "\r\n",
  "\t",
  "'",
  '"',
  "=",
  "?"
);
const run = fc
  .array(fc.oneof(reference, reference, plain), { maxLength: 8 })
  .map((p) => p.join(""));
const name = fc.oneof(
  fc.constantFrom("t", "c", "x:si", "行"),
  reference.map((r) => `a${r}`)
);
const runChild = fc.constantFrom(
  "<b/>",
  '<sz val="10"/>',
  '<rFont val="宋体"/>',
  '<color rgb="FF595959"/>',
  '<family val="2"/>',
  '<b val="1" val="2"/>',
  "<b>",
  "</b>",
  '<sz val="&lt;"/>',
  "<sz val='1'/>",
  '<sz val="1" />',
  "x",
  "<rPr>",
  "</rPr>"
);
const formattingRun = fc
  .array(runChild, { maxLength: 4 })
  .map((kids) => `<rPr>${kids.join("")}</rPr>`);
const attribute = fc
  .tuple(name, fc.constantFrom('"', "'"), fc.oneof(run, run, formattingRun))
  .map(([n, q, v]) => ` ${n}=${q}${v.replaceAll(q, "")}${q}`);
const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    formattingRun,
    { weight: 4, arbitrary: run },
    fc
      .tuple(name, fc.array(attribute, { maxLength: 3 }), fc.array(tie("node"), { maxLength: 4 }))
      .map(([n, attrs, kids]) => `<${n}${attrs.join("")}>${kids.join("")}</${n}>`),
    fc.tuple(name, fc.array(attribute, { maxLength: 2 })).map(([n, a]) => `<${n}${a.join("")}/>`),
    run.map((r) => `<![CDATA[${r}]]>`),
    run.map((r) => `<!--${r}-->`),
    run.map((r) => `<?pi ${r}?>`),
    fc.constantFrom("<", "</t>", "<t", "<!", "<!-->", "<![CDATA[")
  ),
})).node as fc.Arbitrary<string>;
const doc = fc
  .tuple(
    fc.constantFrom(
      "",
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.1"?>',
      "<!DOCTYPE r>"
    ),
    fc.array(attribute, { maxLength: 2 }),
    fc.array(element, { maxLength: 6 })
  )
  .map(([prolog, attrs, kids]) => `${prolog}<r${attrs.join("")}>${kids.join("")}</r>`);

describe("decoding character references before the parser", () => {
  it("changes nothing the parser reports, however the text is cut into slices", () => {
    fc.assert(
      fc.property(
        doc,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        (xml, at) => {
          const slices = cut(xml, at);
          expect(parsed(slices, true)).toEqual(parsed([xml], false));
        }
      ),
      { numRuns: 2_000, seed: 20191 }
    );
  });

  it("decodes openpyxl's inline strings, even split inside a reference, to plain characters", () => {
    const xml = `<is><t>&#20826;&#25903;&#37096;&#x5F97;&#20998;</t></is>`;
    for (let i = 0; i <= xml.length; i++) {
      const refs = new XmlFastPath();
      expect(refs.push(xml.slice(0, i)) + refs.push(xml.slice(i)) + refs.end()).toBe(
        "<is><t>党支部得分</t></is>"
      );
    }
  });

  it("leaves references alone in names, CDATA sections, comments and from a DOCTYPE on", () => {
    for (const xml of [
      "<a&#20998;>x</a&#20998;>",
      "<t><![CDATA[&#20998;]]></t>",
      "<t><!--&#20998;--></t>",
      '<!DOCTYPE t [<!ENTITY e "&#20998;">]><t>&#20998;&e;</t>',
      "<t>&#60;&#38;&#10;&#13;&#65;&#xFFFE;&#55296;</t>",
    ]) {
      const refs = new XmlFastPath();
      expect(refs.push(xml) + refs.end()).toBe(xml);
    }
  });
});

describe("formatting runs", () => {
  const lo =
    '<rPr><b val="true"/><sz val="10"/><rFont val="宋体"/><family val="0"/><charset val="134"/></rPr>';
  const through = (xml: string): string => {
    const fast = new XmlFastPath();
    return fast.push(xml) + fast.end();
  };

  it("leaves out LibreOffice's formatting runs, which the reader never looks inside", () => {
    expect(through(`<si><r>${lo}<t>党支部名称</t></r><r>${lo}<t>*</t></r></si>`)).toBe(
      "<si><r><t>党支部名称</t></r><r><t>*</t></r></si>"
    );
  });

  it("keeps, for the parser to judge, any formatting run it cannot vouch for", () => {
    for (const run of [
      '<rPr><b val="1" val="2"/></rPr>',
      "<rPr><b></rPr>",
      '<rPr><sz val="&lt;"/></rPr>',
      "<rPr><sz val='1'/></rPr>",
      "<rPr>x</rPr>",
    ])
      expect(through(`<si><r>${run}<t>x</t></r></si>`)).toBe(`<si><r>${run}<t>x</t></r></si>`);
    expect(through(`<t a="${lo}">x</t>`)).toBe(`<t a="${lo}">x</t>`);
  });

  it("vouches for exactly the runs the regular expression it replaced matched (distinct names, no U+FFFE/U+FFFF bytes)", () => {
    // The definition runEnd had as a regular expression, with its two further checks,
    // and control characters but tab and line feed, which the plain reader looks for nowhere else.
    // eslint-disable-next-line no-control-regex -- those are what it is about
    const plain = /^<rPr>(?:<[A-Za-z]+(?: [A-Za-z]+="[^"<>&\x00-\x08\x0b-\x1f]*")*\/>)*<\/rPr>/;
    const oracle = (text: string, from: number, utf8Bytes: boolean): number => {
      const match = plain.exec(text.slice(from));
      if (!match) return -1;
      for (const [, attributes] of match[0].matchAll(/<[A-Za-z]+((?: [A-Za-z]+="[^"]*")*)\/>/g)) {
        const names = (attributes ?? "").match(/ [A-Za-z]+=/g) ?? [];
        if (new Set(names).size !== names.length) return -1;
      }
      if (utf8Bytes && /\xef\xbf[\xbe\xbf]/.test(match[0])) return -1;
      return from + match[0].length;
    };
    const piece = fc.constantFrom(
      "<rPr>",
      "</rPr>",
      "<",
      ">",
      "/>",
      "</",
      "b",
      "sz",
      "Font",
      " ",
      "  ",
      "=",
      '"',
      "'",
      "val",
      "10",
      "&",
      "\t",
      "\n",
      "\r",
      "\u0001",
      "\xef\xbf\xbe",
      "\xef\xbf\xbf",
      "\xef\xbf",
      "宋",
      "\xe5\xae\x8b",
      "1"
    );
    const element = fc
      .tuple(
        fc.constantFrom("b", "sz", "rFont"),
        fc.array(fc.tuple(fc.constantFrom("val", "rgb", "v"), fc.array(piece, { maxLength: 2 })), {
          maxLength: 3,
        })
      )
      .map(([n, attrs]) => `<${n}${attrs.map(([a, v]) => ` ${a}="${v.join("")}"`).join("")}/>`);
    const run = fc
      .tuple(
        fc.array(fc.oneof(element, piece), { maxLength: 5 }),
        fc.constantFrom("</rPr>", "</rPr>x", "", "</rP")
      )
      .map(([kids, close]) => `<rPr>${kids.join("")}${close}`);
    fc.assert(
      fc.property(
        fc.constantFrom("", "<r>", "x<rPr>"),
        run,
        fc.boolean(),
        (before, text, bytes) => {
          const whole = before + text;
          expect(runEnd(whole, before.length, bytes)).toBe(oracle(whole, before.length, bytes));
        }
      ),
      { numRuns: 5000 }
    );
    for (const odd of [
      '<rPr>< val="1"/></rPr>',
      '<rPr><b ="1"/></rPr>',
      "<rPr></></rPr>",
      "<rPr><b/>",
    ])
      expect([odd, runEnd(odd, 0, false)]).toEqual([odd, oracle(odd, 0, false)]);
    expect(runEnd(lo, 0, true)).toBe(lo.length);
    expect(runEnd(`x${lo}`, 1, false)).toBe(lo.length + 1);
  });

  it("reads LibreOffice's rich shared strings as before", () => {
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r>${lo}<t xml:space="preserve">党支部名称</t></r><r>${lo}<t>*</t></r></si></sst>`;
    const book = readXlsx(
      xlsxFixture(
        [{ name: "表1", xml: worksheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`) }],
        {
          sharedStrings: strings,
        }
      )
    );
    expect(book.sheets[0]?.rows).toEqual([[{ v: "党支部名称*" }]]);
  });
});

describe("the reader on text written as references", () => {
  const cell = (text: string): string =>
    `<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>`;
  const read = (xml: string, limits = {}) =>
    readXlsx(xlsxFixture([{ name: "&#25171;&#20998;&#34920;", xml: worksheet(xml) }]), { limits });
  const refs = (text: string): string => [...text].map((c) => `&#${c.codePointAt(0)};`).join("");

  it("reads the same cells and sheet names as from plain characters", () => {
    const text = "市直机关第一党支部（2019）😀";
    const book = read(cell(refs(text)));
    expect(book.sheets[0]?.name).toBe("打分表");
    expect(book.sheets[0]?.rows).toEqual([[{ v: text }]]);
  });

  it("still cuts decoded text at maxStringLength, never inside a surrogate pair", () => {
    expect(read(cell(refs("党支部标准化")), { maxStringLength: 3 }).sheets[0]?.rows).toEqual([
      [{ v: "党支部" }],
    ]);
    expect(read(cell(refs("党😀")), { maxStringLength: 2 }).sheets[0]?.rows).toEqual([
      [{ v: "党" }],
    ]);
  });

  it("still refuses a DOCTYPE, whatever references surround it", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "&#20998;&#20998;">]><worksheet><sheetData>${cell("&#20998;&a;")}</sheetData></worksheet>`;
    let error: unknown;
    try {
      readXlsx(xlsxFixture([{ name: "表1", xml }]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XlsxReadError);
    expect((error as XlsxReadError).code).toBe("dtd-forbidden");
  });
});
