import fc from "fast-check";
import { strToU8 } from "fflate";
import {
  DEFAULT_LIMITS,
  readXlsx,
  XlsxReadError,
  type ReadErrorCode,
  type ReadLimits,
} from "../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../src/adapters/xlsx/write/writer";
import { nodeFlate } from "../../src/adapters/xlsx/node-flate";
import {
  branchKey,
  buildReport,
  cellRef,
  COL,
  consolidate,
  DEFAULT_RUBRIC,
  HEADER_FIELDS,
  layoutTemplate,
  readReport,
  TIERS,
  type Consolidation,
  type ConsolidationInput,
  type WorkbookSnapshot,
} from "../../src/core";
import { jsonSummary } from "../../src/cli/consolidate-command";
import {
  cellXml,
  edited,
  excelText,
  withCells,
  XlsxEdit,
  type RawCell,
} from "../support/hostile-corpus";
import { scoresheetBytes, TODAY } from "../support/submissions";
import { sharedStrings, worksheet, xlsxFixture } from "../support/xlsx-fixture";

// Property-based tests over the reader and the consolidator. Fixed seeds, so a failure reproduces;
// the run counts are stated per property (RUNS) and reported in docs/hostile-inputs.md.

const SEED = 20190531;
const RUNS = {
  bytes: 1500,
  parts: 1000,
  text: 600,
  limits: 600,
  consolidate: 300,
  previous: 100,
} as const;
const rubric = DEFAULT_RUBRIC;
const CJK = /[\u4e00-\u9fff]/;

/** Reads bytes, refusing only with XlsxReadError; any other exception fails the property. */
function tryRead(
  bytes: Uint8Array,
  limits?: Partial<ReadLimits>,
  flate?: typeof nodeFlate
): WorkbookSnapshot | XlsxReadError {
  try {
    return readXlsx(bytes, { ...(limits && { limits }), ...(flate && { flate }) });
  } catch (error) {
    if (error instanceof XlsxReadError) {
      expect(error.message).toMatch(CJK);
      return error;
    }
    throw error;
  }
}

/** What a snapshot holds: never more than the limits let in, never more text than the file's bytes. */
function expectWithin(book: WorkbookSnapshot, limits: ReadLimits = DEFAULT_LIMITS): void {
  let cells = 0;
  let chars = 0;
  expect(book.sheets.length).toBeLessThanOrEqual(limits.maxSheets);
  for (const sheet of book.sheets) {
    expect(sheet.rows.length).toBeLessThanOrEqual(1_048_576);
    for (const row of sheet.rows) {
      if (!row) continue;
      expect(row.length).toBeLessThanOrEqual(16_384);
      for (const cell of row) {
        if (!cell) continue;
        cells++;
        const texts = [typeof cell.v === "string" ? cell.v : "", cell.f ?? ""];
        for (const t of texts) chars += t.length;
        if (typeof cell.v === "string")
          expect(cell.v.length).toBeLessThanOrEqual(limits.maxStringLength);
      }
    }
  }
  expect(cells).toBeLessThanOrEqual(limits.maxCells);
  expect(chars).toBeLessThanOrEqual(limits.maxDecompressedBytes);
}

/** A byte-level change: what a bad disk, a broken transfer or a careless tool does to a file. */
type Mutation =
  | { kind: "cut"; at: number }
  | { kind: "set"; changes: [number, number][] }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; length: number }
  | { kind: "repeat"; at: number; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("set" as const),
    changes: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 16,
    }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 512 }),
  }),
  fc.record({
    kind: fc.constant("repeat" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4096 }),
    times: fc.integer({ min: 1, max: 8 }),
  })
);

function mutate(base: Uint8Array, m: Mutation): Uint8Array {
  const at = (n: number): number => n % (base.length + 1);
  switch (m.kind) {
    case "cut":
      return base.slice(0, at(m.at));
    case "set": {
      const out = base.slice();
      for (const [offset, value] of m.changes) out[offset % out.length] = value;
      return out;
    }
    case "insert":
      return concat(base.subarray(0, at(m.at)), m.bytes, base.subarray(at(m.at)));
    case "delete":
      return concat(base.subarray(0, at(m.at)), base.subarray(at(m.at) + m.length));
    case "repeat": {
      const piece = base.subarray(at(m.at), at(m.at) + m.length);
      return concat(
        base.subarray(0, at(m.at)),
        ...Array<Uint8Array>(m.times + 1).fill(piece),
        base.subarray(at(m.at) + m.length)
      );
    }
  }
}

function concat(...pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ── Values a person (or an attacker) types into a cell ──────────────────────────────────────────

const HOSTILE_TEXT = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://example.com","点我")',
  "+1",
  "-1",
  "-2",
  "@SUM(A1:A9)",
  "=1+1",
  "8分",
  "８",
  " 8.5 ",
  "不适用",
  "是",
  "否",
  "较好",
  "TRUE",
  "1e309",
  "NaN",
  "-0",
  "0x10",
  "",
  " ",
  "\u0000\u0001\u001f",
  "\r\n",
  "\ud800",
  "\udfff\ud800",
  "\ufffe\uffff",
  "_x0000_",
  "_x005F_x0041_",
  "<script>alert(1)</script>",
  "&amp;&lt;",
  "]]><!--",
  "\u202etxt.exe",
  "第一党支部",
  "市财政局机关党委",
];

/** Any UTF-16 code unit, unpaired surrogates included (fast-check's own units never make those). */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  {
    weight: 3,
    arbitrary: fc.string({
      unit: fc.oneof(anyCodeUnit, fc.constantFrom("_x", "000", "D_", "&", "<", "分", "=", "+")),
      maxLength: 40,
    }),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("评", "a", "=", "\u0001"), fc.integer({ min: 1_000, max: 60_000 }))
      .map(([c, n]) => c.repeat(n)),
  }
);

const rawCell: fc.Arbitrary<RawCell> = fc.oneof(
  { weight: 6, arbitrary: anyText },
  {
    weight: 3,
    arbitrary: fc.oneof(
      fc.integer({ min: -5, max: 120 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0.5, 2.5, 43266, 1e308, 5e-324, -0)
    ),
  },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constantFrom("#DIV/0!", "#N/A", "#REF!"), anyText)
      .map((error) => ({ error })),
  },
  {
    weight: 1,
    arbitrary: fc.array(anyText, { minLength: 1, maxLength: 3 }).map((runs) => ({ runs })),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        "<v>abc</v>",
        "<v>1e400</v>",
        "<v></v>",
        "<f>SUM(A1:A2)</f>",
        "<is><t>x</t></is><v>1</v>"
      )
      .map((xml) => ({ xml })),
  }
);

const layout = layoutTemplate(rubric);
/** Every cell of the 打分表 a branch types into (header values, entries, explanations, review columns, vetoes). */
const INPUT_REFS = [
  ...HEADER_FIELDS.map((f) => cellRef(layout.header[f.key].row, layout.header[f.key].valueCol)),
  ...[...layout.slotRow.values()].map((row) => cellRef(row, COL.entry)),
  ...[...layout.itemRow.values()].flatMap((row) =>
    [COL.note, COL.review, COL.sample].map((col) => cellRef(row, col))
  ),
  ...layout.vetoRows.map(({ row }) => cellRef(row, COL.entry)),
];
const NAME_REF = cellRef(layout.header.name.row, layout.header.name.valueCol);
const COMMITTEE_REF = cellRef(layout.header.committee.row, layout.header.committee.valueCol);
/** Cells the branch cannot type into but a tamperer can: 分值, formulas, totals, the tier. */
const OTHER_REFS = [...layout.itemRow.values()]
  .flatMap((row) => [COL.max, COL.self, COL.final].map((col) => cellRef(row, col)))
  .concat(cellRef(layout.totalRow, COL.self), cellRef(layout.result.finalTier, COL.standard));

const typedCells: fc.Arbitrary<Record<string, RawCell>> = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...INPUT_REFS) },
        { weight: 1, arbitrary: fc.constantFrom(...OTHER_REFS) }
      ),
      rawCell
    ),
    { maxLength: 12 }
  )
  .map((pairs) => Object.fromEntries(pairs));

// ── Bases: real files, made once ─────────────────────────────────────────────────────────────────

interface Bases {
  scoresheets: Uint8Array[];
  stored: Uint8Array;
  report: Uint8Array;
  storedReport: Uint8Array;
  reportBook: WorkbookSnapshot;
}

let bases: Bases;
beforeAll(async () => {
  const scoresheets = [
    await scoresheetBytes({ name: "第一党支部" }),
    await scoresheetBytes({ name: "第二党支部", lose: 12 }),
    await scoresheetBytes({ name: "第三党支部", lose: 25, reviews: { D5: 3 } }),
    await scoresheetBytes({ name: "第一党支部", committee: "市教育局机关党委", lose: 31.5 }),
  ];
  const c = consolidate(
    scoresheets.map((bytes, i) => ({ file: `${i}.xlsx`, modified: null, book: readXlsx(bytes) })),
    { rubric, today: TODAY }
  );
  const report = await writeXlsx(
    buildReport(c, {
      generatedAt: "2019-05-20T09:00:00.000Z",
      rubric,
      sample: { ratio: 0.3, seed: 2019 },
    })
  );
  bases = {
    scoresheets,
    // Stored (not deflated) parts: byte changes land in the XML instead of breaking the deflate stream.
    stored: edited(scoresheets[1] ?? new Uint8Array(), () => undefined, 0),
    report,
    storedReport: edited(report, () => undefined, 0),
    reportBook: readXlsx(report),
  };
}, 60_000);

describe("the reader on mutated and random input", () => {
  it(`either reads within the limits or refuses with XlsxReadError, after byte changes of a scoresheet or a report (${RUNS.bytes} runs)`, () => {
    const which = fc.constantFrom("scoresheet", "stored", "report", "storedReport");
    fc.assert(
      fc.property(which, mutation, (base, m) => {
        const bytes = base === "scoresheet" ? bases.scoresheets[0] : bases[base];
        const mutated = mutate(bytes ?? new Uint8Array(), m);
        const book = tryRead(mutated);
        if (!(book instanceof XlsxReadError)) expectWithin(book);
        // The CLI inflates with Node's zlib: it reads and refuses the same files as fflate. Which
        // refusal comes first may differ: zlib gives a part whole, so a part that inflates past its
        // size is caught as that before its XML is parsed; fflate parses the declared bytes first.
        const native = tryRead(mutated, undefined, nodeFlate);
        if (book instanceof XlsxReadError) expect(native).toBeInstanceOf(XlsxReadError);
        else expect(native).toEqual(book);
      }),
      { seed: SEED, numRuns: RUNS.bytes }
    );
  });

  it(`either reads within the limits or refuses with XlsxReadError, when a part of a valid zip is replaced (${RUNS.parts} runs)`, () => {
    const edit = new XlsxEdit(bases.stored);
    const names = edit.names();
    const partText = (name: string): string => (/\.(xml|rels)$/.test(name) ? edit.text(name) : "");
    const replacement = fc.oneof(
      { weight: 3, arbitrary: xmlArbitrary },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.nat(), fc.nat({ max: 2000 }), xmlArbitrary)
          .map(([at, cut, inserted]) => ({ splice: { at, cut, inserted } })),
      },
      { weight: 1, arbitrary: anyText },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) }
    );
    fc.assert(
      fc.property(fc.constantFrom(...names), replacement, fc.boolean(), (name, r, deflate) => {
        let content: string | Uint8Array;
        if (typeof r === "string" || r instanceof Uint8Array) content = r;
        else {
          const xml = partText(name);
          const at = r.splice.at % (xml.length + 1);
          content = xml.slice(0, at) + r.splice.inserted + xml.slice(at + r.splice.cut);
        }
        const bytes = edited(bases.stored, (x) => x.set(name, content), deflate ? 1 : 0);
        const book = tryRead(bytes);
        if (!(book instanceof XlsxReadError)) expectWithin(book);
      }),
      { seed: SEED, numRuns: RUNS.parts }
    );
  });

  it(`reads back any text as Excel wrote it, as well-formed Unicode cut at 32,767 characters (${RUNS.text} runs)`, () => {
    fc.assert(
      fc.property(anyText, anyText, (inline, shared) => {
        const bytes = xlsxFixture(
          [
            {
              name: "表1",
              xml: worksheet(
                `<row r="1">${cellXml("A1", inline)}<c r="B1" t="s"><v>0</v></c></row>`
              ),
            },
          ],
          { sharedStrings: sharedStrings(`<t xml:space="preserve">${excelText(shared)}</t>`) }
        );
        const row = readXlsx(bytes).sheets[0]?.rows[0];
        expect(row?.[0]?.v ?? "").toBe(asRead(inline));
        expect(row?.[1]?.v).toBe(asRead(shared));
      }),
      { seed: SEED, numRuns: RUNS.text }
    );
  });

  it(`refuses exactly the workbooks past a limit, with that limit's code, and reads all others (${RUNS.limits} runs)`, () => {
    const sheetArb = fc.array(
      fc.array(
        fc.oneof(
          fc.integer(),
          fc.string({ maxLength: 30 }),
          fc.nat({ max: 5 }).map((i) => ({ shared: i }))
        ),
        { maxLength: 8 }
      ),
      { maxLength: 8 }
    );
    const limitsArb = fc.record({
      maxCells: fc.integer({ min: 1, max: 80 }),
      maxSheets: fc.integer({ min: 1, max: 5 }),
      maxStringLength: fc.integer({ min: 1, max: 40 }),
      maxDecompressedBytes: fc.integer({ min: 300, max: 20_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(sheetArb, { minLength: 1, maxLength: 5 }),
        limitsArb,
        (sheets, limits) => {
          const strings = Array.from({ length: 6 }, (_, i) => `<t>共享${i}</t>`);
          const parts = sheets.map((rows, s) => ({
            name: `表${s}`,
            xml: worksheet(
              rows
                .map(
                  (cells) =>
                    `<row>${cells.map((v) => (typeof v === "object" ? `<c t="s"><v>${v.shared}</v></c>` : cellXml("A1", v).replace(' r="A1"', ""))).join("")}</row>`
                )
                .join("")
            ),
          }));
          const usesShared = sheets.some((rows) =>
            rows.some((cells) => cells.some((v) => typeof v === "object"))
          );
          const bytes = xlsxFixture(
            parts,
            usesShared ? { sharedStrings: sharedStrings(...strings) } : {}
          );
          const cellCount = sheets.flat(2).length;
          const sizes = readSizes(bytes, usesShared);
          const broken: ReadErrorCode[] = [];
          if (sheets.length > limits.maxSheets) broken.push("too-large");
          if (sizes > limits.maxDecompressedBytes) broken.push("too-large");
          if (cellCount > limits.maxCells || (usesShared && strings.length > limits.maxCells))
            broken.push("too-many-cells");
          const book = tryRead(bytes, limits);
          if (book instanceof XlsxReadError) expect(broken).toContain(book.code);
          else {
            expect(broken).toEqual([]);
            expectWithin(book, limits);
            expect(
              book.sheets.flatMap((s) => s.rows.flat().filter((c) => c !== undefined))
            ).toHaveLength(cellCount);
          }
        }
      ),
      { seed: SEED, numRuns: RUNS.limits }
    );
  });
});

/**
 * What the reader gives back for a text Excel wrote: the same text, except that what is not Unicode
 * text (half a surrogate pair, U+FFFE, U+FFFF) reads as U+FFFD, and cut at 32,767 code units, never
 * between the halves of a pair.
 */
function asRead(text: string): string {
  const wellFormed = text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g,
    "\ufffd"
  );
  const max = DEFAULT_LIMITS.maxStringLength;
  if (wellFormed.length <= max) return wellFormed;
  return wellFormed.slice(0, /[\ud800-\udbff]/.test(wellFormed[max - 1] ?? "") ? max - 1 : max);
}

/** The bytes the reader inflates for a whole read: workbook, relationships, every sheet and the shared strings. */
function readSizes(bytes: Uint8Array, shared: boolean): number {
  const x = new XlsxEdit(bytes);
  const taken = x
    .names()
    .filter(
      (n) =>
        n === "xl/workbook.xml" ||
        n === "xl/_rels/workbook.xml.rels" ||
        n.startsWith("xl/worksheets/") ||
        (shared && n === "xl/sharedStrings.xml")
    );
  return taken.reduce((sum, n) => sum + strToU8(x.text(n)).length, 0);
}

/** Random XML built from the vocabulary of workbook parts: the shapes a parser meets, right and wrong. */
const xmlArbitrary: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(
      "&amp;",
      "&#0;",
      "&#x1F600;",
      "&lol;",
      "_x0000_",
      "<![CDATA[8]]>",
      "<!-- x -->",
      "<?pi x?>",
      "<!DOCTYPE x>",
      "<!ENTITY a 'b'>",
      "]]>",
      "<",
      "&",
      "12",
      "-1e309"
    ),
    anyText.map((t) => t.replace(/[<&]/g, "")),
    fc
      .tuple(
        fc.constantFrom(
          "worksheet",
          "sheetData",
          "row",
          "c",
          "v",
          "f",
          "is",
          "t",
          "r",
          "rPh",
          "si",
          "sst",
          "workbook",
          "sheets",
          "sheet",
          "Relationships",
          "Relationship",
          "x:c",
          "x:row"
        ),
        fc.array(
          fc.tuple(
            fc.constantFrom(
              "r",
              "t",
              "s",
              "name",
              "r:id",
              "Id",
              "Target",
              "TargetMode",
              "state",
              "ref",
              "si"
            ),
            fc.constantFrom(
              "A1",
              "XFD1048576",
              "XFE1",
              "A0",
              "A1048577",
              "ZZZZ99999999",
              "0",
              "-1",
              "1e9",
              "s",
              "inlineStr",
              "b",
              "e",
              "str",
              "d",
              "n",
              "rId4",
              "rId5",
              "../../x",
              "/xl/worksheets/sheet1.xml",
              "worksheets/sheet1.xml",
              "External",
              "hidden",
              "",
              "打分表"
            )
          ),
          { maxLength: 3 }
        ),
        tie("nodes")
      )
      .map(
        ([name, attrs, inner]) =>
          `<${name}${attrs.map(([k, v]) => ` ${k}="${v}"`).join("")}>${inner}</${name}>`
      )
  ),
  nodes: fc.array(tie("node"), { maxLength: 4 }).map((n) => n.join("")),
})).node;

// ── The consolidator on random batches ──────────────────────────────────────────────────────────

/** One input of a random batch. */
type InputKind =
  | { kind: "scoresheet"; base: number }
  | { kind: "typed"; base: number; cells: Record<string, RawCell>; name: number }
  | { kind: "mutated"; base: number; m: Mutation }
  | { kind: "report"; cells: Record<string, RawCell>; m: Mutation | null }
  | { kind: "junk"; bytes: Uint8Array }
  | { kind: "unreadable" };

const NAMES = [
  "第一党支部",
  "第二党支部",
  "第 一 党支部",
  "第一党支部（机关）",
  "=第一党支部",
  "",
  "\u200b",
];
const inputKind: fc.Arbitrary<InputKind> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("scoresheet" as const), base: fc.nat({ max: 3 }) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("typed" as const),
      base: fc.nat({ max: 3 }),
      cells: typedCells,
      name: fc.nat({ max: NAMES.length }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("mutated" as const),
      base: fc.nat({ max: 3 }),
      m: mutation,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("report" as const),
      cells: fc.dictionary(
        fc.constantFrom("C2", "D2", "E3", "F4", "G5", "H6", "I7", "B8", "C30"),
        rawCell,
        { maxKeys: 4 }
      ),
      m: fc.option(mutation),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("junk" as const),
      bytes: fc.uint8Array({ maxLength: 200 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "unreadable" as const }) }
);

function bytesOf(k: Exclude<InputKind, { kind: "unreadable" }>): Uint8Array {
  const base = (i: number): Uint8Array =>
    bases.scoresheets[i % bases.scoresheets.length] ?? new Uint8Array();
  switch (k.kind) {
    case "scoresheet":
      return base(k.base);
    case "typed": {
      const name = NAMES[k.name];
      const cells =
        name === undefined
          ? k.cells
          : {
              ...k.cells,
              [NAME_REF]: name,
              ...(k.name % 2 ? { [COMMITTEE_REF]: "市财政局 机关党委" } : {}),
            };
      return edited(
        base(k.base),
        (x) => x.edit(x.sheetPart("打分表"), (xml) => withCells(xml, cells)),
        0
      );
    }
    case "mutated":
      return mutate(base(k.base), k.m);
    case "report": {
      const typed = edited(
        bases.storedReport,
        (x) => x.edit(x.sheetPart("明细"), (xml) => withCells(xml, k.cells)),
        0
      );
      return k.m ? mutate(typed, k.m) : typed;
    }
    case "junk":
      return k.bytes;
  }
}

/** Reads a generated input as readInput reads a file; only XlsxReadError may end a read. */
const INBOX = "报送/";

function inputFor(k: InputKind, i: number, modified: number | null): ConsolidationInput {
  const file = `${INBOX}${i}.xlsx`;
  if (k.kind === "unreadable")
    return {
      file,
      modified,
      book: null,
      readError: "无法读取文件（EACCES），请检查文件是否存在、能否打开。",
    };
  const read = tryRead(bytesOf(k));
  return read instanceof XlsxReadError
    ? { file, modified, book: null, readError: read.message }
    : { file, modified, book: read };
}

/** Every input accounted for exactly once, and the result consistent with itself. */
function expectAccounted(
  c: Consolidation,
  inputs: readonly ConsolidationInput[],
  previous?: WorkbookSnapshot
): void {
  expect(c.inputs.map((i) => i.file)).toEqual(inputs.map((i) => i.file));
  const by = (s: string): number => c.inputs.filter((i) => i.status === s).length;
  expect(by("accepted") + by("rejected") + by("superseded")).toBe(inputs.length);
  for (const o of c.inputs) {
    expect(["accepted", "rejected", "superseded"]).toContain(o.status);
    if (o.status !== "accepted") {
      expect(o.reasons.join("")).toMatch(CJK);
      expect(o.branches).toBe(0);
    }
    if (o.status === "rejected") expect(o.branch).toBeNull();
    if (o.status === "accepted" && o.kind === "scoresheet")
      expect([o.branch !== null, o.branches]).toEqual([true, 1]);
  }
  // Every branch is one row, also with a previous report whose names were scrambled.
  const keys = c.branches.map((b) => b.key);
  expect(new Set(keys).size).toBe(keys.length);
  // Each accepted input's branches are rows; a previous report adds one row for each branch no input has.
  const fromInputs = c.branches.filter((b) => b.file.startsWith(INBOX));
  expect(fromInputs.length).toBe(c.inputs.reduce((n, o) => n + o.branches, 0));
  const inputKeys = new Set(fromInputs.map((b) => b.key));
  const remembered = previous ? readReport(previous, rubric).branches.map((p) => p.key) : [];
  expect(c.branches.length - fromInputs.length).toBe(
    remembered.filter((k) => !inputKeys.has(k)).length
  );
  const current = c.branches.filter((b) => !b.vanished);
  expect(TIERS.reduce((n, t) => n + c.counts[t], 0)).toBe(current.length);
  expect(c.passRate).toBeGreaterThanOrEqual(0);
  expect(c.passRate).toBeLessThanOrEqual(1);
  for (const b of c.branches) {
    for (const total of [b.totals.self, b.totals.final]) {
      expect(Number.isFinite(total)).toBe(true);
      expect(total).toBeGreaterThanOrEqual(0);
      expect(total).toBeLessThanOrEqual(100);
    }
    expect(b.key).toBe(branchKey(b.header.committee ?? "", b.header.name ?? ""));
  }
  for (const chosen of c.recommendation.chosen) expect(current).toContain(chosen);
  // The summary and every report sheet can be built from whatever came in.
  expect(() => JSON.stringify(jsonSummary(c))).not.toThrow();
  expect(
    buildReport(c, {
      generatedAt: "2019-05-20T09:00:00.000Z",
      rubric,
      sample: { ratio: 0.3, seed: 2019 },
    }).sheets.length
  ).toBeGreaterThan(0);
}

describe("the consolidator on random batches", () => {
  it(`accounts for every input exactly once, whatever the files hold (${RUNS.consolidate} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(inputKind, fc.constantFrom(null, 1_000, 2_000)), {
          minLength: 1,
          maxLength: 6,
        }),
        (batch) => {
          const inputs = batch.map(([k, modified], i) => inputFor(k, i, modified));
          const c = consolidate(inputs, {
            rubric,
            today: TODAY,
            acceptOtherRubric: batch.length % 2 === 0,
          });
          expectAccounted(c, inputs);
        }
      ),
      { seed: SEED, numRuns: RUNS.consolidate }
    );
  });

  it(`carries over and keeps every branch of a (possibly hostile) previous report (${RUNS.previous} runs)`, () => {
    const previousArb = fc.oneof(
      fc.constant(null),
      fc.dictionary(fc.constantFrom("C2", "D2", "E3", "H6", "I7", "B8", "C30"), rawCell, {
        maxKeys: 4,
      })
    );
    fc.assert(
      fc.property(
        fc.array(inputKind, { minLength: 1, maxLength: 4 }),
        previousArb,
        (batch, prevCells) => {
          const prevBytes = prevCells
            ? edited(
                bases.storedReport,
                (x) => x.edit(x.sheetPart("明细"), (xml) => withCells(xml, prevCells)),
                0
              )
            : bases.report;
          const previous = tryRead(prevBytes);
          if (previous instanceof XlsxReadError) return;
          const inputs = batch.map((k, i) => inputFor(k, i, null));
          const c = consolidate(inputs, { rubric, today: TODAY, previous });
          expectAccounted(c, inputs, previous);
        }
      ),
      { seed: SEED, numRuns: RUNS.previous }
    );
  });
});
