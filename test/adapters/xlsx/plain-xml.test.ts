import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { isInputSheet } from "../../../src/core";
import { XmlFastPath } from "../../../src/adapters/xlsx/read/fast-path";
import {
  fromUtf8,
  localName,
  readPlainXml,
  RecordAttributes,
  type XmlAttributes,
} from "../../../src/adapters/xlsx/read/plain-xml";
import { readXlsx, XlsxReadError } from "../../../src/adapters/xlsx/read/reader";
import { nodeLatin1 } from "../../../src/adapters/xlsx/node-flate";
import * as H from "../../support/hostile-corpus";
import { itWithSoffice, recalcXlsx } from "../../support/libreoffice";
import { scoresheetBytes } from "../../support/submissions";

// Small parts that are plain XML are read without the XML parser (plain-xml.ts). Whatever the text,
// that reading must report exactly what the parser reports after the fast path's shortcuts, or give
// the part back to the parser; and whole files, as our writer, LibreOffice and openpyxl save them,
// and hostile ones, must read the same either way.

type Event = readonly unknown[];

/** The parser's events for a text, as the reader's parser sees it (past the fast path), or its refusal. */
function parsed(text: string): Event[] | "refused" {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({
    xmlns: false,
    position: false,
  });
  const events = recorder();
  let refused = false;
  parser.on("doctype", () => (refused = true));
  parser.on("error", () => (refused = true));
  parser.on("opentag", (tag) =>
    events.open(localName(tag.name), new RecordAttributes(tag.attributes))
  );
  parser.on("closetag", (tag) => events.close(localName(tag.name)));
  parser.on("text", (chunk) => events.text(chunk));
  parser.on("cdata", (chunk) => events.text(chunk));
  const fast = new XmlFastPath();
  try {
    parser.write(fast.push(text) + fast.end()).close();
  } catch {
    refused = true;
  }
  return refused ? "refused" : events.done();
}

/** Handlers that record what they are told, adjacent text as one. */
function recorder() {
  const events: Event[] = [];
  let text = "";
  const flush = (): void => {
    if (text !== "") events.push(["text", text]);
    text = "";
  };
  return {
    open(name: string, attributes: XmlAttributes) {
      flush();
      // Every name in order with its value, and a name it lacks asked for too.
      const names = attributes.names();
      const values = names.map((n) => [n, attributes.get(n)]);
      events.push(["open", name, values, attributes.get("absent")]);
    },
    close(name: string) {
      flush();
      events.push(["close", name]);
    },
    text(chunk: string) {
      text += chunk;
    },
    done(): Event[] {
      flush();
      return events;
    },
  };
}

const plainWord = fc.constantFrom("党支部", "8.5", " ", "\n", "&amp;", "&#20998;", "&lt;", ">");
const oddWord = fc.constantFrom(
  "\t",
  "\r\n",
  "&amp;",
  "&lt;",
  "&gt;",
  "&quot;",
  "&apos;",
  "&#20998;",
  "&#x5206;",
  "&#0;",
  "&#13;",
  "&#xD800;",
  "&#65534;",
  "&#1114111;",
  "&#1114112;",
  "&#00000020998;",
  "&#X5206;",
  "&nbsp;",
  "&constructor;",
  "&",
  "&#;",
  ">",
  "]]>",
  "]]",
  "\u0001",
  "\ud800",
  "\udc00x",
  "😀",
  "\ufffe",
  "'",
  '"'
);
const word = fc.oneof({ weight: 6, arbitrary: plainWord }, { weight: 1, arbitrary: oddWord });
const text = fc.array(word, { maxLength: 5 }).map((w) => w.join(""));
const name = fc.constantFrom(
  "c",
  "v",
  "t",
  "row",
  "x:si",
  "a-b.c",
  "_r",
  "rPr",
  "行",
  "1a",
  "__proto__",
  "constructor"
);
const space = fc.constantFrom(" ", "  ", "\n", "\t", "");
const attribute = fc
  .tuple(space, name, space, space, fc.constantFrom('"', "'"), text)
  .map(([s, n, a, b, q, v]) => `${s}${n}${a}=${b}${q}${v.replaceAll(q, "")}${q}`);
const runChild = fc.constantFrom(
  "<b/>",
  '<sz val="10"/>',
  '<rFont val="宋体"/>',
  "<v/>",
  "<c/>",
  "<b>",
  '<b val="1" val="2"/>',
  '<sz val="10" b="1"/>',
  '<sz val="\ufffe"/>',
  '<sz val="\u0001"/>',
  '<sz val="a&amp;b"/>',
  '<sz  val="1"/>'
);
const formattingRun = fc
  .array(runChild, { maxLength: 3 })
  .map((kids) => `<rPr>${kids.join("")}</rPr>`);
const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { weight: 3, arbitrary: text },
    formattingRun,
    fc
      .tuple(
        name,
        fc.array(attribute, { maxLength: 3 }),
        space,
        fc.array(tie("node"), { maxLength: 4 })
      )
      .map(([n, attrs, s, kids]) => `<${n}${attrs.join("")}${s}>${kids.join("")}</${n}${s}>`),
    fc
      .tuple(name, fc.array(attribute, { maxLength: 2 }), space)
      .map(([n, a, s]) => `<${n}${a.join("")}${s}/>`),
    fc.constantFrom("<", "</t>", "<t", "<!-- x -->", "<![CDATA[x]]>", "<?pi x?>", "</ t>", "< t/>")
  ),
})).node as fc.Arbitrary<string>;
const doc = fc
  .tuple(
    fc.constantFrom(
      "",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      "<?xml version='1.0'?>",
      '<?xml version="1.1"?>',
      " ",
      "<!DOCTYPE r>"
    ),
    fc.array(attribute, { maxLength: 2 }),
    fc.array(element, { maxLength: 6 }),
    fc.constantFrom("", "\n", " x", "<r/>")
  )
  .map(
    ([prolog, attrs, kids, after]) => `${prolog}<r${attrs.join("")}>${kids.join("")}</r>${after}`
  );

describe("reading a part as plain XML", () => {
  it("reports what the parser reports, or leaves the part to it", () => {
    let plain = 0;
    let ascii = 0;
    fc.assert(
      fc.property(doc, (xml) => {
        const events = recorder();
        const read = readPlainXml(xml, events);
        // ASCII, as openpyxl writes it, is read from its bytes as the reader does: the same.
        if (![...xml].some((c) => c.charCodeAt(0) > 0x7f)) {
          const fromBytes = recorder();
          const codes = new TextEncoder().encode(xml);
          expect(readPlainXml(xml, fromBytes, "utf8", codes)).toBe(read);
          if (read) {
            ascii++;
            expect(fromBytes.done()).toEqual(events.done());
          }
        }
        if (!read) return;
        plain++;
        expect(events.done()).toEqual(parsed(xml));
      }),
      { numRuns: 3000 }
    );
    // The generator reaches both sides: most documents are left to the parser, enough are read.
    expect(plain).toBeGreaterThan(100);
    expect(ascii).toBeGreaterThan(20);
  });

  it("reads UTF-8 as the parser does without looking for half surrogate pairs: decoding never makes them", () => {
    const utf8 = new TextDecoder();
    // Bytes that are not UTF-8 (an encoded surrogate, a cut sequence, a stray continuation byte).
    const bytes = fc.constantFrom(
      [0xed, 0xa0, 0x80],
      [0xe4, 0xb8],
      [0x80],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xe5, 0x85, 0x9a]
    );
    let plain = 0;
    fc.assert(
      fc.property(doc, fc.array(bytes, { maxLength: 4 }), (xml, odd) => {
        const encoded = new TextEncoder().encode(xml);
        // As the root's last text: anywhere else nearly every document is left to the parser.
        const cut = new TextEncoder().encode(xml.slice(0, xml.lastIndexOf("</r>"))).length;
        const text = utf8.decode(
          new Uint8Array([...encoded.subarray(0, cut), ...odd.flat(), ...encoded.subarray(cut)])
        );
        const events = recorder();
        const read = readPlainXml(text, events, "utf8");
        expect(read).toBe(readPlainXml(text, recorder()));
        if (!read) return;
        plain++;
        expect(events.done()).toEqual(parsed(text));
      }),
      { numRuns: 2000 }
    );
    expect(plain).toBeGreaterThan(50);
  });

  it("reads UTF-8 bytes undecoded (one character a byte) as the parser reads their decoding, or leaves them to it", () => {
    const utf8 = new TextDecoder();
    // Bytes that are not UTF-8, or are characters XML forbids (U+FFFE), beside ones that are.
    const bytes = fc.constantFrom(
      [0xed, 0xa0, 0x80],
      [0xe4, 0xb8],
      [0x80],
      [0xc0, 0xaf],
      [0xef, 0xbf, 0xbe],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xe5, 0x85, 0x9a],
      [0xc3, 0xa9]
    );
    let plain = 0;
    fc.assert(
      fc.property(doc, fc.array(bytes, { maxLength: 4 }), (xml, odd) => {
        const encoded = new TextEncoder().encode(xml);
        const cut = new TextEncoder().encode(xml.slice(0, xml.lastIndexOf("</r>"))).length;
        const whole = Buffer.from([
          ...encoded.subarray(0, cut),
          ...odd.flat(),
          ...encoded.subarray(cut),
        ]);
        const events = recorder();
        // Read from the bytes themselves as the reader does, and from the latin1 text alone.
        const read = readPlainXml(whole.toString("latin1"), events, "bytes", new Uint8Array(whole));
        expect(readPlainXml(whole.toString("latin1"), recorder(), "bytes")).toBe(read);
        if (!read) return;
        plain++;
        expect(events.done()).toEqual(parsed(utf8.decode(whole)));
      }),
      { numRuns: 2000 }
    );
    expect(plain).toBeGreaterThan(20);
  });

  it("decodes long texts of references, entities and plain runs as the parser does, in every mode", () => {
    // Past the decoding buffer's 4,096-unit pieces, with plain runs either side of 16 characters.
    const pieces = ["&#20998;", "&#x5206;", "&#128512;", "&amp;", "&lt;", "党", "x", "&#65279;"];
    for (const seed of [1, 2, 3]) {
      const made = (length: number): string => {
        let text = "";
        for (let i = 0; text.length < length; i++) {
          text += pieces[(i * seed * 7 + i) % pieces.length];
          if (i % 97 === 0) text += "a".repeat((i * seed) % 41);
        }
        return text;
      };
      // And a short plain run (or a pair of surrogates) just as a piece fills up.
      const edges = [4080, 4094, 4095].map(
        (k) => `${"&#20998;".repeat(k - seed)}${"x".repeat(15)}&#128512;${"党".repeat(20)}&amp;`
      );
      const xml = `<r><t>&#65279;${made(60_000)}</t><t>&#xFEFF;x</t><t>&#65279;${"党".repeat(80)}&amp;</t><c v="${made(9_000)}"/><t>${edges.join("")}</t></r>`;
      const expected = parsed(xml);
      const bytes = Buffer.from(xml);
      for (const [source, input, codes] of [
        ["text", xml, undefined],
        ["utf8", xml, undefined],
        ["bytes", bytes.toString("latin1"), undefined],
        ["bytes", bytes.toString("latin1"), new Uint8Array(bytes)],
      ] as const) {
        const events = recorder();
        expect([source, readPlainXml(input, events, source, codes)]).toEqual([source, true]);
        expect(events.done()).toEqual(expected);
      }
    }
  });

  it("leaves every control character but tab and line feed to the parser, wherever it stands", () => {
    const places = [
      (c: string) => `<r><t>a${c}b</t></r>`,
      (c: string) => `<r><t>党${c}</t></r>`,
      (c: string) => `<r><t>&amp;${c}党</t></r>`,
      (c: string) => `<r><c v="1${c}"/></r>`,
      (c: string) => `<r><c v="党${c}"/></r>`,
      (c: string) => `<r><si><r><rPr><sz val="1${c}"/></rPr><t>x</t></r></si></r>`,
      (c: string) => `<r><si><r><rPr><rFont val="宋体${c}"/></rPr><t>x</t></r></si></r>`,
      (c: string) => `<r/>${c}`,
    ];
    const controls = [...Array(32).keys()].filter((c) => c !== 9 && c !== 10);
    for (const place of places)
      for (const code of controls) {
        const xml = place(String.fromCharCode(code));
        const bytes = Buffer.from(xml).toString("latin1");
        expect([xml, readPlainXml(xml, recorder(), "text")]).toEqual([xml, false]);
        expect([xml, readPlainXml(xml, recorder(), "utf8")]).toEqual([xml, false]);
        expect([xml, readPlainXml(bytes, recorder(), "bytes")]).toEqual([xml, false]);
        const codes = new Uint8Array(Buffer.from(xml));
        expect([xml, readPlainXml(bytes, recorder(), "bytes", codes)]).toEqual([xml, false]);
      }
    // Tab and line feed are read where the parser keeps them.
    expect(
      readPlainXml(Buffer.from("<r><t>党\t\n</t></r>").toString("latin1"), recorder(), "bytes")
    ).toBe(true);
  });

  it("decodes UTF-8 exactly as TextDecoder does, and gives up on what is not UTF-8 or not an XML character", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    // Characters of every length as UTF-8, beside sequences each a different way of not being UTF-8.
    const character = fc
      .oneof(
        fc.integer({ min: 0x20, max: 0x7f }),
        fc.integer({ min: 0, max: 0x1f }),
        fc.integer({ min: 0x80, max: 0x7ff }),
        fc.integer({ min: 0x800, max: 0xffff }),
        fc.integer({ min: 0x10000, max: 0x10ffff })
      )
      // Not "&": the decoding replaces entities, which other tests look at.
      .filter((c) => (c < 0xd800 || c > 0xdfff) && c !== 0x26)
      .map((c) => [...Buffer.from(String.fromCodePoint(c))]);
    const broken = fc.constantFrom(
      [0xed, 0xa0, 0x80], // a surrogate
      [0xc0, 0xaf], // overlong
      [0xe0, 0x80, 0xaf], // overlong
      [0xf0, 0x80, 0x80, 0xaf], // overlong
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xf5, 0x80, 0x80, 0x80],
      [0xe4, 0xb8], // cut short
      [0x80], // a stray continuation
      [0xff],
      [0xef, 0xbf, 0xbe], // U+FFFE
      [0xef, 0xbf, 0xbf] // U+FFFF
    );
    const list = fc
      .array(fc.oneof({ weight: 8, arbitrary: character }, { weight: 1, arbitrary: broken }), {
        maxLength: 8,
      })
      .map((atoms) => atoms.flat());
    fc.assert(
      fc.property(list, (atoms) => {
        const bytes = Buffer.from(atoms);
        let expected: string | null;
        try {
          expected = strict.decode(bytes);
        } catch {
          expected = null;
        }
        // Nor what XML forbids, or the carriage return the parser turns into a line feed.
        // eslint-disable-next-line no-control-regex -- control characters are what it is about
        if (expected !== null && /[\ufffe\uffff\x00-\x08\x0b-\x1f]/.test(expected)) expected = null;
        // Inside a longer text too: only [from, to) is decoded.
        const padded = `ab${bytes.toString("latin1")}cd`;
        expect(fromUtf8(padded, 2, padded.length - 2)).toBe(expected);
      }),
      { numRuns: 5000 }
    );
  });

  it("reads the parts our writer, Excel, LibreOffice and openpyxl write, without the parser", () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst count="2"><si><t xml:space="preserve">党支部 &amp; 党员</t></si>' +
      '<si><r><rPr><sz val="10"/><rFont val="宋体"/></rPr><t>A</t></r><r><t>&#20998;</t></r></si></sst>';
    const events = recorder();
    expect(readPlainXml(xml, events)).toBe(true);
    expect(events.done()).toEqual(parsed(xml));
  });

  it.each([
    ["a DOCTYPE", '<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'],
    ["an undefined entity", "<r>&nbsp;</r>"],
    ["a mismatched tag", "<r><a></b></r>"],
    ["a duplicate attribute", '<r a="1" a="2"/>'],
    ["nesting past the limit", `${"<a>".repeat(65)}${"</a>".repeat(65)}`],
    ["too many attributes", `<r${Array.from({ length: 257 }, (_, i) => ` a${i}=""`).join("")}/>`],
    ["a carriage return", "<r>a\r\nb</r>"],
    ["a tab in an attribute", '<r a="x\ty"/>'],
    ["a second root", "<r/><r/>"],
    ["no root", "  "],
  ])("leaves %s to the parser", (_, xml) => {
    expect(readPlainXml(xml, recorder())).toBe(false);
  });
});

/** What reading a file ends in: its snapshot, or the code of its refusal. */
function outcome(
  bytes: Uint8Array,
  how: "parser" | "plain" | "bytes",
  sheets?: (name: string) => boolean
): unknown {
  try {
    return readXlsx(bytes, {
      plainXml: how !== "parser",
      ...(how === "bytes" && { latin1: nodeLatin1 }),
      ...(sheets && { sheets }),
    });
  } catch (e) {
    if (e instanceof XlsxReadError) return { refused: e.code };
    throw e;
  }
}

/** Plain XML, decoded or read from its bytes as the CLI does, reads as the parser does. */
function sameEitherWay(bytes: Uint8Array): void {
  for (const sheets of [undefined, isInputSheet]) {
    const parser = outcome(bytes, "parser", sheets);
    expect(outcome(bytes, "plain", sheets)).toEqual(parser);
    expect(outcome(bytes, "bytes", sheets)).toEqual(parser);
  }
}

/** A few submissions of our writer's: plain entries, messy ones, a veto, and names with markup characters. */
async function ours(): Promise<Uint8Array[]> {
  return Promise.all([
    scoresheetBytes({ name: "第1党支部", lose: 3.5 }),
    scoresheetBytes({ name: "第2党支部<&>", entries: { B2: "八分", A1: "８" } }),
    scoresheetBytes({ committee: "市教育局机关党委", name: "第3党支部", lose: 30 }),
  ]);
}

/** The first Python here that can import openpyxl, or undefined. */
function openpyxlPython(): string | undefined {
  for (const python of ["python3", "/usr/bin/python3"])
    if (spawnSync(python, ["-c", "import openpyxl"]).status === 0) return python;
  if (process.env["CI"] === "true")
    throw new Error("openpyxl is missing: apt-get install python3-openpyxl");
  return undefined;
}

describe("whole files, read with plain XML (decoded, and from its bytes) and with the parser only", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dabiao-plain-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const save = async (): Promise<string[]> => {
    const src = join(dir, "ours");
    rmSync(src, { recursive: true, force: true });
    mkdirSync(src, { recursive: true });
    return (await ours()).map((bytes, i) => {
      const path = join(src, `${i + 1}.xlsx`);
      writeFileSync(path, bytes);
      return path;
    });
  };

  it("reads our writer's files the same", async () => {
    for (const bytes of await ours()) sameEitherWay(bytes);
  });

  itWithSoffice(
    "reads LibreOffice's re-saves the same",
    async () => {
      const out = join(dir, "libreoffice");
      mkdirSync(out, { recursive: true });
      const saved = await recalcXlsx(await save(), out);
      expect(saved).toHaveLength(3);
      for (const path of saved) sameEitherWay(readFileSync(path));
    },
    180_000
  );

  const python = openpyxlPython();
  (python ? it : it.skip)("reads openpyxl's saves the same", async () => {
    const paths = await save();
    const out = join(dir, "openpyxl");
    mkdirSync(out, { recursive: true });
    const script = join(__dirname, "..", "..", "..", "scripts", "bench-openpyxl-save.py");
    const r = spawnSync(python ?? "", [script, join(dir, "ours"), out, String(paths.length)]);
    expect(r.status).toBe(0);
    const saved = readdirSync(out).map((n) => readFileSync(join(out, n)));
    expect(saved).toHaveLength(3);
    // openpyxl writes every Chinese character as a reference: the plain reading decodes them.
    for (const bytes of saved) sameEitherWay(bytes);
  });

  it("reads hostile files the same: the same snapshot or the same refusal", async () => {
    const [sheet] = await ours();
    if (!sheet) throw new Error("no scoresheet");
    const cases = [
      H.withDoctype(sheet),
      H.billionLaughs(sheet),
      H.externalEntity(sheet),
      H.deepNesting(sheet, 0.01),
      H.manyAttributes(sheet, 300),
      H.manyCells(sheet, 120_000),
      H.inlineStrings(sheet),
      H.prefixedElements(sheet),
      H.withoutSharedStrings(sheet),
      H.changedByte(sheet),
      H.truncated(sheet),
    ];
    for (const bytes of cases) sameEitherWay(bytes);
  });
});
