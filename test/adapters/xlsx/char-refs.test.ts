import fc from "fast-check";
import { SaxesParser } from "saxes";
import { CharRefDecoder } from "../../../src/adapters/xlsx/read/char-refs";
import { readXlsx, XlsxReadError } from "../../../src/adapters/xlsx/read/reader";
import { worksheet, xlsxFixture } from "../../support/xlsx-fixture";

// The reader decodes numeric character references itself before the XML parser sees them (the
// parser's entity path is slow). Whatever the text and however it is cut into slices, the parser
// must then report exactly what it reports for the text as it was.

/** What the parser reports for a part fed in slices: its elements and text, or its first refusal. */
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
  parser.on("opentag", (tag) => (flush(), events.push(["open", tag.name, { ...tag.attributes }])));
  parser.on("closetag", (tag) => (flush(), events.push(["close", tag.name])));
  parser.on("text", (chunk) => (text += chunk));
  parser.on("cdata", (chunk) => (text += chunk));
  const refs = new CharRefDecoder();
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
const attribute = fc
  .tuple(name, fc.constantFrom('"', "'"), run)
  .map(([n, q, v]) => ` ${n}=${q}${v.replaceAll(q, "")}${q}`);
const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
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
      { numRuns: 3_000, seed: 20191 }
    );
  });

  it("decodes openpyxl's inline strings, even split inside a reference, to plain characters", () => {
    const xml = `<is><t>&#20826;&#25903;&#37096;&#x5F97;&#20998;</t></is>`;
    for (let i = 0; i <= xml.length; i++) {
      const refs = new CharRefDecoder();
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
      const refs = new CharRefDecoder();
      expect(refs.push(xml) + refs.end()).toBe(xml);
    }
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
