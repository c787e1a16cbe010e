import { SaxesParser } from "saxes";
import type {
  CellValue,
  SheetSnapshot,
  SnapshotCell,
  WorkbookSnapshot,
} from "../../../sheet/snapshot";
import { XmlFastPath } from "./fast-path";
import {
  localName,
  MAX_ATTRIBUTES,
  MAX_DEPTH,
  readPlainXml,
  RecordAttributes,
  type RememberedContent,
  type SkippableContent,
  type XmlAttributes,
  type XmlHandlers,
} from "./plain-xml";
import { ELEMENTS_WITHOUT_CELLS } from "./element-content";
import { refuse, XlsxReadError } from "./errors";
import { INLINE_STRING, itemText, STRING_ITEM, StringItem } from "./string-items";
import { openXlsx, type WholePartFlate, type XlsxParts } from "./zip";

export { XlsxReadError, type ReadErrorCode } from "./errors";
export type { WholePartFlate } from "./zip";

/** Bytes as text of one character per byte (readXlsx's latin1 option). */
export type Latin1 = (bytes: Uint8Array) => string;

/** How much of a submitted file the reader takes on before refusing it. */
export interface ReadLimits {
  maxDecompressedBytes: number;
  maxCells: number;
  maxSheets: number;
  maxStringLength: number;
}

/** Limits far above any real scoresheet (< 2,000 cells) and far below what would stall a task pane. */
export const DEFAULT_LIMITS: ReadLimits = Object.freeze({
  maxDecompressedBytes: 50 * 2 ** 20,
  maxCells: 100_000,
  maxSheets: 50,
  // Excel's own limit per cell, so truncation only ever touches text Excel could not have written.
  maxStringLength: 32_767,
});

// [Content_Types].xml is not read: parts are found through relationships, and nothing in it
// changes how a cell is read.
const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS = "xl/sharedStrings.xml";
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

type Row = Array<SnapshotCell | undefined>;

interface SheetEntry {
  readonly name: string;
  readonly hidden: boolean;
  readonly relId: string;
}

/** How readXlsx reads (see each). */
export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  sheets?: (name: string) => boolean;
  /**
   * Per sheet, the rows to take only the first cell of, told that cell's value: their other cells
   * are left out of the snapshot. They are still read and checked, so a file is refused exactly as
   * without it; only their text is not decoded where it need not be: a shared string no other cell
   * asks for, or (from bytes) an inline string in the forms string-items.ts knows.
   */
  keyOnlyRows?: (sheet: string) => ((key: CellValue) => boolean) | undefined;
  /** False: every part through the XML parser, the reading plain XML is checked against. */
  plainXml?: boolean;
  /** Inflates whole parts faster than fflate (Node's zlib); the same bounds and refusals either way. */
  flate?: WholePartFlate;
  /**
   * Bytes as text of one character each (Node's latin1): plain XML
   * parts are then read from their bytes, decoding only text and values (plain-xml.ts); what is
   * read is the same either way.
   */
  latin1?: Latin1;
}

/**
 * Reads .xlsx bytes into a WorkbookSnapshot; a hostile, oversized or damaged file ends in an
 * XlsxReadError. Sheets the `sheets` filter rejects are listed with `rows: []` and never inflated.
 */
export function readXlsx(bytes: Uint8Array, options: ReadOptions = {}): WorkbookSnapshot {
  const limits = withDefaults(options.limits);
  plainXml = options.plainXml ?? true;
  latin1 = options.latin1;
  const parts = openXlsx(bytes, limits.maxDecompressedBytes, options.flate);
  if (!parts.has(WORKBOOK)) refuse("notWorkbook");
  const sheets = readSheetList(parts, limits.maxSheets);
  const wanted = sheets.filter((sheet) => options.sheets?.(sheet.name) ?? true);
  const partOf = wanted.length > 0 ? readSheetParts(parts) : new Map<string, string>();
  const partNames = new Map(
    wanted.map((sheet) => [
      sheet,
      partOf.get(sheet.relId) ?? refuse("missingPart", `${WORKBOOK_RELS}#${sheet.relId}`),
    ])
  );
  // All wanted sheets are size-checked together, so a bomb in any of them is refused before any inflating.
  parts.reserve([...partNames.values()]);
  const cells = new WorkbookCells(parts, limits);
  return {
    sheets: sheets.map((sheet): SheetSnapshot => {
      const part = partNames.get(sheet);
      const rows =
        part === undefined ? [] : cells.readSheet(part, options.keyOnlyRows?.(sheet.name));
      return { name: sheet.name, hidden: sheet.hidden, rows };
    }),
  };
}

function withDefaults(limits: Partial<ReadLimits> = {}): ReadLimits {
  // Field by field, so a limit passed as undefined keeps its default instead of switching off.
  return {
    maxDecompressedBytes: limits.maxDecompressedBytes ?? DEFAULT_LIMITS.maxDecompressedBytes,
    maxCells: limits.maxCells ?? DEFAULT_LIMITS.maxCells,
    maxSheets: limits.maxSheets ?? DEFAULT_LIMITS.maxSheets,
    maxStringLength: limits.maxStringLength ?? DEFAULT_LIMITS.maxStringLength,
  };
}

function readSheetList(parts: XlsxParts, maxSheets: number): SheetEntry[] {
  const sheets: SheetEntry[] = [];
  parseXml(parts, WORKBOOK, () => {
    sheets.length = 0;
    return {
      open(name, attributes) {
        if (name !== "sheet") return;
        if (sheets.length >= maxSheets) refuse("tooManySheets", String(maxSheets));
        const state = attributes.get("state");
        sheets.push({
          name: attributes.get("name") ?? "",
          hidden: state === "hidden" || state === "veryHidden",
          relId: relationshipId(attributes),
        });
      },
    };
  });
  return sheets;
}

function relationshipId(attributes: XmlAttributes): string {
  // Usually "r:id", but the prefix is whatever the writer bound to the relationships namespace.
  const key = attributes.names().find((name) => name.endsWith(":id"));
  return (key !== undefined && attributes.get(key)) || "";
}

/** Relationship id → worksheet part name, from the workbook's relationships. */
function readSheetParts(parts: XlsxParts): Map<string, string> {
  const targets = new Map<string, string>();
  parseXml(parts, WORKBOOK_RELS, () => {
    targets.clear();
    return {
      open(name, attributes) {
        if (name !== "Relationship") return;
        const [id, target] = [attributes.get("Id"), attributes.get("Target")];
        if (id && target && attributes.get("TargetMode") !== "External")
          targets.set(id, resolvePart(target));
      },
    };
  });
  return targets;
}

function resolvePart(target: string): string {
  // Relative targets start from the workbook's folder; "/xl/…" is from the package root.
  const segments = target.startsWith("/") ? [] : ["xl"];
  for (const segment of target.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

/** Workbook-wide cell reading: the shared strings (loaded on first use) and the cell count. */
class WorkbookCells {
  private count = 0;
  private strings: Array<string | StringItem> | undefined;

  constructor(
    private readonly parts: XlsxParts,
    private readonly limits: ReadLimits
  ) {}

  readSheet(part: string, keyOnly?: (key: CellValue) => boolean): Row[] {
    const counted = this.count;
    let sheet = new WorksheetRows(this, part, keyOnly);
    parseXml(this.parts, part, () => {
      // Read again from the start by the parser: the cells counted so far are counted again.
      this.count = counted;
      return (sheet = new WorksheetRows(this, part, keyOnly));
    });
    return sheet.rows;
  }

  /** Counts while parsing, so an oversized sheet is refused long before it is all in memory. */
  countCell(): void {
    if (++this.count > this.limits.maxCells) refuse("tooManyCells", String(this.limits.maxCells));
  }

  /** A cell's value; with `unwanted`, only checked (a shared string is then not decoded) and null. */
  value(type: string, raw: string, part: string, unwanted = false): CellValue {
    switch (type) {
      case "s":
        return this.sharedString(raw, part, unwanted);
      case "str":
      case "inlineStr":
      case "d": // an ISO date; Excel never writes these, and converting needs a time zone we lack
        return xstring(raw, this.limits.maxStringLength);
      case "b":
        if (raw === "1" || raw === "true") return true;
        return raw === "0" || raw === "false" ? false : refuse("badXml", part);
      case "e":
        return { error: raw };
      default: {
        if (raw.trim() === "") return null;
        const n = Number(raw);
        return Number.isFinite(n) ? n : refuse("badXml", part);
      }
    }
  }

  private sharedString(raw: string, part: string, unwanted: boolean): string | null {
    const strings = (this.strings ??= readSharedStrings(this.parts, this.limits));
    const index = raw.trim() === "" ? -1 : Number(raw);
    const item = strings[index] ?? refuse("badXml", part);
    if (unwanted) return null;
    if (typeof item === "string") return item;
    // Decoded once, when a cell first asks: a string no cell read wants costs only its checking.
    return (strings[index] = xstring(item.read(), this.limits.maxStringLength));
  }
}

/** The shared strings, each as its text or, taken unread (string-items.ts), as its item. */
function readSharedStrings(parts: XlsxParts, limits: ReadLimits): Array<string | StringItem> {
  if (!parts.has(SHARED_STRINGS)) refuse("missingPart", SHARED_STRINGS);
  const strings: Array<string | StringItem> = [];
  let text = "";
  let inText = false;
  let phonetic = 0;
  let unread: StringItem | undefined;
  parseXml(parts, SHARED_STRINGS, () => {
    strings.length = 0;
    [text, inText, phonetic, unread] = ["", false, 0, undefined];
    return {
      // Phonetic runs (<rPh>, furigana) are reading aids, not part of the cell's text.
      open(name) {
        if (name === "si") {
          text = "";
          return STRING_ITEM;
        }
        if (name === "rPh") phonetic++;
        else if (name === "t") inText = phonetic === 0;
      },
      close(name) {
        if (name === "t") inText = false;
        else if (name === "rPh") phonetic--;
        else if (name === "si") {
          // Each unique string needs a cell, so a longer table than the cell limit is not a scoresheet.
          if (strings.length >= limits.maxCells) refuse("tooManyCells", String(limits.maxCells));
          strings.push(unread ?? xstring(text, limits.maxStringLength));
          unread = undefined;
        }
      },
      text(chunk) {
        if (inText) text += chunk;
      },
      skipped(part, codes, from, to, known) {
        unread = new StringItem(part, codes, from, to, known);
      },
    };
  });
  return strings;
}

/**
 * The cells of one worksheet part as sparse rows. A cell or row without `r` follows the previous
 * one. A shared-formula child (`<f t="shared" si="0"/>`) gets f: "": it has a formula, but its
 * text is the master's shifted to this cell, which we do not reconstruct.
 */
class WorksheetRows implements XmlHandlers {
  readonly rows: Row[] = [];
  private row = -1;
  private col = -1;
  private inCell = false;
  private type = "n";
  private raw = "";
  private hasValue = false;
  private formula: string | undefined;
  private capture: "" | "v" | "f" = "";
  private phonetic = 0;
  /** Whether the cell being read is one keyOnly leaves out. */
  private unwanted = false;

  constructor(
    private readonly cells: WorkbookCells,
    private readonly part: string,
    /** Rows to take only the first cell of (readXlsx's keyOnlyRows), told that cell's value. */
    private readonly keyOnly?: (key: CellValue) => boolean
  ) {}

  open(name: string, attributes: XmlAttributes): SkippableContent | void {
    if (name === "c") return this.startCell(attributes);
    if (name === "row") this.startRow(attributes.get("r"));
    else if (this.inCell) this.openInCell(name);
    // What a sheet holds besides cells (merged ranges, formats, validations, page setup) is only checked.
    else if (name !== "sheetData" && name !== "worksheet") return ELEMENTS_WITHOUT_CELLS;
  }

  /**
   * Content taken unread: a cell's inline string (its value; an unwanted cell's is left out), or
   * elements outside any cell.
   */
  skipped(
    text: string,
    codes: Uint8Array,
    from: number,
    to: number,
    known?: RememberedContent
  ): void {
    if (!this.inCell) return;
    this.hasValue = true;
    if (!this.unwanted) this.raw = itemText(text, codes, from, to, known);
  }

  close(name: string): void {
    if (name === "c") this.endCell();
    else if (name === "rPh") this.phonetic--;
    else if (name === "v" || name === "t" || name === "f") this.capture = "";
  }

  text(chunk: string): void {
    if (this.capture === "v") this.raw += chunk;
    else if (this.capture === "f") this.formula += chunk;
  }

  private openInCell(name: string): void {
    // Inline strings keep their text in <is><t> or rich runs <is><r><t>; it is the cell's value.
    if (name === "v" || (name === "t" && this.phonetic === 0)) {
      this.capture = "v";
      this.hasValue = true;
    } else if (name === "f") {
      this.capture = "f";
      this.formula = "";
    } else if (name === "rPh") this.phonetic++;
  }

  private startRow(ref: string | undefined): void {
    this.row = ref === undefined ? this.row + 1 : Number(ref) - 1;
    this.col = -1;
  }

  private startCell(attributes: XmlAttributes): SkippableContent | undefined {
    const ref = attributes.get("r");
    if (ref === undefined) [this.row, this.col] = [Math.max(this.row, 0), this.col + 1];
    else [this.row, this.col] = parseCellRef(ref) ?? refuse("badXml", this.part);
    this.type = attributes.get("t") ?? "n";
    this.inCell = true;
    this.raw = "";
    this.hasValue = false;
    this.formula = undefined;
    this.phonetic = 0;
    const { keyOnly } = this;
    this.unwanted =
      this.col > 0 && keyOnly !== undefined && keyOnly(this.rows[this.row]?.[0]?.v ?? null);
    return this.type === "inlineStr" ? INLINE_STRING : undefined;
  }

  private endCell(): void {
    this.inCell = false;
    this.capture = "";
    // A styled but empty cell holds nothing; skipping it keeps formatted blank areas free.
    if (!this.hasValue && this.formula === undefined) return;
    const { row, col } = this;
    if (!(Number.isInteger(row) && row >= 0 && row < MAX_ROWS && col < MAX_COLUMNS))
      refuse("badXml", this.part);
    this.cells.countCell();
    const { unwanted } = this;
    const v = this.hasValue ? this.cells.value(this.type, this.raw, this.part, unwanted) : null;
    if (unwanted) return;
    (this.rows[row] ??= [])[col] = this.formula === undefined ? { v } : { v, f: this.formula };
  }
}

/** 0-based [row, col] of an A1 reference, by a plain loop: this runs once per cell. */
function parseCellRef(ref: string): [number, number] | undefined {
  let i = 0;
  let col = 0;
  for (let c = ref.charCodeAt(0); c >= 65 && c <= 90; c = ref.charCodeAt(++i))
    col = col * 26 + c - 64;
  if (i === 0 || i === ref.length || col > MAX_COLUMNS) return undefined;
  let row = 0;
  for (; i < ref.length; i++) {
    const digit = ref.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    row = row * 10 + digit;
  }
  return row >= 1 && row <= MAX_ROWS ? [row - 1, col - 1] : undefined;
}

/** Code units that are not Unicode text: unpaired surrogates and the noncharacters U+FFFE, U+FFFF. */
const NOT_TEXT =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;

/** Text as Excel meant it: `_xHHHH_` escapes decoded (`_x005F_` is a literal "_"), cut at the limit. */
function xstring(raw: string, maxLength: number): string {
  let text = raw;
  let at = raw.indexOf("_x");
  if (at >= 0) {
    text = "";
    let from = 0;
    for (; at >= 0; at = raw.indexOf("_x", at + 1)) {
      if (raw.charCodeAt(at + 6) !== 95 || !/^[0-9A-Fa-f]{4}$/.test(raw.slice(at + 2, at + 6)))
        continue;
      text += raw.slice(from, at) + String.fromCharCode(parseInt(raw.slice(at + 2, at + 6), 16));
      from = at + 7;
      at = from - 1;
    }
    // An escape is the only way text gets a character no XML can hold (U+FFFE, U+FFFF, half a
    // surrogate pair); written into a report, one such character makes the whole report unreadable.
    text = (text + raw.slice(from)).replace(NOT_TEXT, "\ufffd");
  }
  if (text.length <= maxLength) return detach(text);
  // Never cut between the halves of a surrogate pair (an emoji, a rare CJK character).
  const high = text.charCodeAt(maxLength - 1);
  return detach(text.slice(0, high >= 0xd800 && high <= 0xdbff ? maxLength - 1 : maxLength));
}

/**
 * A copy of a string that no longer points into the XML it was cut from. Engines keep substrings as
 * views of their parent: one kept cell text would keep a whole decoded sharedStrings.xml alive, which
 * for 1,000 files held ~45 KB each (measured with a heap snapshot).
 */
function detach(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

/** Whether the read under way tries small parts as plain XML (readXlsx's plainXml option); reads are synchronous. */
let plainXml = true;
/** The read under way's latin1 option. */
let latin1: Latin1 | undefined;

/** Parts at most this large (bytes) are gathered whole and tried as plain XML first (plain-xml.ts). */
const PLAIN_MAX_BYTES = 4 * 2 ** 20;

/**
 * Parses one part of the workbook, calling the handlers `fresh` makes for its elements and text. A
 * part of at most PLAIN_MAX_BYTES is gathered as it inflates and, when it is plain XML, read without
 * the parser; otherwise the parser reads it (with fresh handlers, from its start) slice by slice as
 * it inflated, so it reports and refuses exactly what it would have as the part streamed in. A larger
 * part streams through the parser and is never held whole.
 */
function parseXml(parts: XlsxParts, part: string, fresh: () => XmlHandlers): void {
  const size = parts.size(part);
  if (size === 0 || size > PLAIN_MAX_BYTES || !plainXml) {
    const parser = new PartParser(part, fresh());
    parts.read(part, (slice) => parser.write(slice));
    return parser.end();
  }
  const whole = new Uint8Array(size);
  /** Where each slice ended, as the part inflated. */
  const cuts: number[] = [];
  let parsing = false;
  try {
    parts.read(part, (slice) => {
      whole.set(slice, cuts.at(-1) ?? 0);
      cuts.push((cuts.at(-1) ?? 0) + slice.length);
      if (cuts.at(-1) !== size) return;
      parsing = true;
      const decoder = decoderFor(whole);
      if (decoder.encoding === "utf-8" && readPlain(whole, decoder, fresh())) return;
      replay(new PartParser(part, fresh()), whole, cuts).end();
    });
  } catch (error) {
    // The part ended in damage before it was all in: what the parser would have refused in the
    // slices before the damage comes first, as when it streams.
    if (!parsing && error instanceof XlsxReadError)
      replay(new PartParser(part, fresh()), whole, cuts);
    throw error;
  }
}

/** Reads a whole UTF-8 part as plain XML: from its bytes where latin1 is given, else decoded. */
function readPlain(whole: Uint8Array, decoder: TextDecoder, handlers: XmlHandlers): boolean {
  if (!latin1) return readPlainXml(decoder.decode(whole), handlers, "utf8");
  // TextDecoder drops a UTF-8 byte-order mark; so is it dropped here.
  const bom = whole[0] === 0xef && whole[1] === 0xbb && whole[2] === 0xbf;
  const bytes = bom ? whole.subarray(3) : whole;
  // Read as bytes even when all are ASCII (as openpyxl writes): control characters are then looked
  // for only in texts and values, not by a pass over the whole part.
  return readPlainXml(latin1(bytes), handlers, "bytes", bytes);
}

/** Feeds the parser the gathered part slice by slice, as it inflated. */
function replay(parser: PartParser, whole: Uint8Array, cuts: readonly number[]): PartParser {
  cuts.forEach((cut, i) => parser.write(whole.subarray(cuts[i - 1] ?? 0, cut)));
  return parser;
}

/**
 * The XML parser over one part's bytes as they inflate: decoded and parsed a slice at a time, past
 * the fast path's shortcuts, so a hostile part is refused at its first bad slice.
 */
class PartParser {
  private readonly parser: Parser;
  private decoder: TextDecoder | undefined;
  private readonly fast = new XmlFastPath();

  constructor(part: string, handlers: XmlHandlers) {
    this.parser = saxes(part, handlers);
  }

  write(slice: Uint8Array): void {
    const decoder = (this.decoder ??= decoderFor(slice));
    for (let at = 0; at < slice.length; at += PARSE_SLICE)
      this.parser.write(
        this.fast.push(decoder.decode(slice.subarray(at, at + PARSE_SLICE), { stream: true }))
      );
  }

  end(): void {
    this.parser.write(this.fast.push(this.decoder?.decode() ?? "") + this.fast.end()).close();
  }
}

type Parser = SaxesParser<{ xmlns: false; position: false }>;

/**
 * The XML parser for one part, to be fed its text a slice at a time: a large part is never held
 * whole, as bytes or as text, and a hostile one is refused at its first bad slice.
 */
function saxes(part: string, handlers: XmlHandlers): Parser {
  const parser: Parser = new SaxesParser<{ xmlns: false; position: false }>({
    xmlns: false,
    position: false,
  });
  // Refusing every DOCTYPE shuts out entity expansion ("billion laughs") and external entities
  // alike; entities it would have declared then fail as undefined, which saxes reports as errors.
  parser.on("doctype", () => refuse("dtd"));
  parser.on("error", () => refuse("badXml", part));
  let depth = 0;
  let attributes = 0;
  // Counted as they are parsed, so a tag with a million attributes stops at the limit. The count
  // restarts at each opentag (emitted once a tag's attributes are all in) rather than in an
  // "opentagstart" handler: with that one handler more, reading a scoresheet took 3× as long.
  parser.on("attribute", () => {
    if (++attributes > MAX_ATTRIBUTES) refuse("tooComplex", part);
  });
  parser.on("opentag", (tag) => {
    attributes = 0;
    if (++depth > MAX_DEPTH) refuse("tooComplex", part);
    handlers.open(localName(tag.name), new RecordAttributes(tag.attributes));
  });
  const { close, text } = handlers;
  parser.on("closetag", (tag) => {
    depth--;
    close?.call(handlers, localName(tag.name));
  });
  if (text) {
    parser.on("text", (chunk) => text.call(handlers, chunk));
    parser.on("cdata", (chunk) => text.call(handlers, chunk));
  }
  return parser;
}

const PARSE_SLICE = 2 ** 20;

function decoderFor(bytes: Uint8Array): TextDecoder {
  // XML may legally be UTF-16; its byte-order mark says so. TextDecoder drops either BOM.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be");
  return new TextDecoder();
}
