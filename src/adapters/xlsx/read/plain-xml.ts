import { PlainRuns, sameText } from "./fast-path";

/** What a part's reader is told: each element as it opens (local name, attributes), closes, and its text. */
export interface XmlHandlers {
  /**
   * An element opens. It may return content it would take unread (see SkippableContent): when the
   * plain reading (from bytes) finds the element's content all of that form, it tells skipped()
   * instead of the content's elements and text. The parser, and the plain reading otherwise, ignore it.
   */
  open(name: string, attributes: XmlAttributes): SkippableContent | void;
  close?(name: string): void;
  text?(chunk: string): void;
  /**
   * The content of the element just opened, taken unread: `text` (one character per byte of UTF-8,
   * `codes` its bytes) from `from` to `to`, where its end tag starts. Only content its pattern matched.
   * `known`: the content as its memory holds it, where the reader may keep what it made of it.
   */
  skipped?(
    text: string,
    codes: Uint8Array,
    from: number,
    to: number,
    known?: RememberedContent
  ): void;
}

/**
 * A form of element content a reader may take unread. `pattern` is sticky and matches text of one
 * character per byte of UTF-8 from just past the start tag; it must match (and `accepts`, when given,
 * let through) only what the plain reading would read without giving up or refusing (so a part reads
 * and refuses the same whether or not the content is skipped), and only up to the element's end tag.
 * `depth` is how deep it nests elements.
 */
export interface SkippableContent {
  readonly pattern: RegExp;
  readonly depth: number;
  /** A further check of what the pattern matched, text[from, to), for what a pattern cannot say cheaply. */
  readonly accepts?: (text: string, from: number, to: number) => boolean;
  /** Where contents it vouched for are remembered, so that the same content met again is not checked again. */
  readonly memory?: ContentMemory;
}

/**
 * Contents a SkippableContent vouched for, remembered across parts: a batch's files carry the same
 * template, and so the same validations, formats, merged ranges and shared strings byte for byte.
 * One met again is recognised by comparing it whole (`===` on a slice, which is native) with those
 * of its length. Bounded: once full, nothing more is remembered. Contents are context-free: whether
 * the pattern (and accepts) takes a content followed by its end tag depends on nothing else, so one
 * that was taken once is taken again.
 */
export class ContentMemory {
  /** By length, the contents of that length. */
  private readonly known = new Map<number, RememberedContent[]>();
  private contents = 0;
  private chars = 0;

  constructor(
    private readonly maxContents: number,
    private readonly maxChars: number
  ) {}

  /** The remembered content starting at `from` and ending at the first end tag of `name` after it. */
  find(text: string, from: number, name: string): RememberedContent | undefined {
    if (this.contents === 0) return undefined;
    const end = text.indexOf(`</${name}`, from);
    const same = end < 0 ? undefined : this.known.get(end - from);
    if (same === undefined) return undefined;
    const content = text.slice(from, end);
    return same.find((known) => known.content === content);
  }

  /** Remembers text[from, to), a content vouched for, while there is room. */
  add(text: string, from: number, to: number): RememberedContent | undefined {
    const length = to - from;
    if (this.contents >= this.maxContents || this.chars + length > this.maxChars) return undefined;
    this.contents++;
    this.chars += length;
    // A copy: a slice would keep the whole part's text alive.
    const known: RememberedContent = { content: (" " + text.slice(from, to)).slice(1) };
    const same = this.known.get(length);
    if (same) same.push(known);
    else this.known.set(length, [known]);
    return known;
  }
}

/** A content a ContentMemory holds, and the text a reader decoded from it (once, when first asked). */
export interface RememberedContent {
  readonly content: string;
  text?: string;
}

/**
 * The attributes of the element being opened, entities replaced; good only during the open() call.
 * Asked for by name: a scoresheet has thousands of elements whose attributes no reader wants, and
 * making every name and value a string (and an object of them) was a third of reading a sheet.
 */
export interface XmlAttributes {
  get(name: string): string | undefined;
  /** Their names, in the order they were written. */
  names(): string[];
}

/** The parser's attributes object as XmlAttributes. */
export class RecordAttributes implements XmlAttributes {
  constructor(private readonly record: Readonly<Record<string, string>>) {}
  get(name: string): string | undefined {
    return Object.hasOwn(this.record, name) ? this.record[name] : undefined;
  }
  names(): string[] {
    return Object.keys(this.record);
  }
}

/** The attributes of the element just read, as spans of the text: a string is made only when asked. */
class SpanAttributes implements XmlAttributes {
  /** How many the element being read has. */
  count = 0;
  /** Per attribute: where its name starts and ends, where its value starts and ends. */
  private readonly spans: number[] = [];
  /** Per attribute: its value with its entities replaced, or undefined when it had none. */
  private readonly decoded: (string | undefined)[] = [];

  constructor(private readonly text: string) {}

  /** Forgets the last element's attributes, for the next element. */
  clear(): void {
    this.count = 0;
  }

  /** Adds an attribute; false when the element already has one of this name. */
  add(name: number, nameEnd: number, value: number, valueEnd: number, decoded?: string): boolean {
    const { text, spans } = this;
    const length = nameEnd - name;
    for (let i = 0; i < this.count; i++) {
      const at = spans[4 * i] as number;
      if ((spans[4 * i + 1] as number) - at === length && sameText(text, at, name, length))
        return false;
    }
    const k = 4 * this.count;
    spans[k] = name;
    spans[k + 1] = nameEnd;
    spans[k + 2] = value;
    spans[k + 3] = valueEnd;
    this.decoded[this.count++] = decoded;
    return true;
  }

  get(name: string): string | undefined {
    const { text, spans } = this;
    for (let i = 0; i < this.count; i++) {
      const at = spans[4 * i] as number;
      if ((spans[4 * i + 1] as number) - at === name.length && text.startsWith(name, at))
        return this.decoded[i] ?? text.slice(spans[4 * i + 2], spans[4 * i + 3]);
    }
    return undefined;
  }

  names(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++)
      out.push(this.text.slice(this.spans[4 * i], this.spans[4 * i + 1]));
    return out;
  }
}

// Far beyond any part Excel, WPS or LibreOffice write (nesting about 10 deep, at most a few dozen
// attributes to an element), and far below what costs memory: the parser keeps every open element
// and every attribute of the element being read, so 45 MB of "<a>" held 4 GB.
export const MAX_DEPTH = 64;
export const MAX_ATTRIBUTES = 256;

/**
 * Reads a whole part's text when it is plain XML, calling the handlers exactly as the XML parser
 * (saxes, with the fast path's shortcuts) would, and returns true; returns false as soon as it meets
 * anything else, and the part then goes to the parser with fresh handlers. Plain is: an optional
 * `<?xml version="1.0" …?>` declaration, then one element of ASCII-named elements and attributes,
 * text and the five predefined entities and character references; no DOCTYPE, comment, CDATA,
 * instruction, carriage return, character XML forbids, tab or line feed in an attribute value,
 * duplicate attribute, mismatched tag, or nesting and attributes past the parser's limits. The
 * parser reads every such text the same way and refuses none of it, so only its speed differs:
 * one regular expression per tag and attribute instead of a state machine per character. A handler's
 * refusal passes through as it would from the parser (it is called in the same order).
 * `source` says what `text` is:
 * - "text": any string;
 * - "utf8": decoded from UTF-8, which never gives half a surrogate pair (TextDecoder makes U+FFFD of
 *   what is not UTF-8), so it is not looked for;
 * - "bytes": UTF-8 bytes not yet decoded, one character per byte (Node's latin1). Markup is ASCII, so
 *   it is read as it stands; only text and attribute values are decoded, and bytes that are not UTF-8
 *   leave the part to the parser. Decoding a whole part took longer than reading it when it is not
 *   mostly ASCII (LibreOffice's shared strings: 380 µs against 110 µs for latin1).
 * `codes`, when given, holds text's code units one per element (its bytes, for latin1 text): the
 * reading looks at them there, where a typed array's element costs half what charCodeAt does.
 */
export function readPlainXml(
  text: string,
  handlers: XmlHandlers,
  source: "text" | "utf8" | "bytes" = "text",
  codes?: Uint8Array
): boolean {
  const bytes = source === "bytes";
  // From bytes, what is not markup is looked at character by character anyway, and control
  // characters are looked for there (attributeValue, decoded, PlainRuns): a pass over the
  // whole part for them cost twice what finding its tags did.
  if (!bytes && FORBIDDEN.test(text)) return false;
  if (source === "text" && SURROGATE.test(text) && LONE_SURROGATE.test(text)) return false;
  if (text.includes("]]>")) return false;
  if (codes !== undefined && codes.length !== text.length) throw new Error("codes are not text's");
  const chars: Chars = codes ?? unitsOf(text);
  const declaration = DECLARATION.exec(text);
  let i = declaration ? declaration[0].length : 0;
  const open: string[] = [];
  // One per reading: a handler may read another part (the shared strings) while it is told of an element.
  const attributes = new SpanAttributes(text);
  const runs = new PlainRuns(bytes);
  let rooted = false;
  /** Decoded text (not bytes): the next "&" from i on (text.length when none), found once, not once per text. */
  let amp = -1;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const end = lt < 0 ? text.length : lt;
    if (end > i) {
      if (!bytes && amp < i) {
        const next = text.indexOf("&", i);
        amp = next < 0 ? text.length : next;
      }
      // Bytes are looked at one by one anyway, for what is not ASCII and for control characters.
      const chunk = bytes
        ? decoded(text, chars, i, end, true)
        : amp < end
          ? decoded(text, chars, i, end, false)
          : text.slice(i, end);
      if (chunk === null) return false;
      // Outside the root only white space may stand; the parser passes it on, except at the very start.
      if (open.length === 0 && !BLANK.test(chunk)) return false;
      if (i > 0) handlers.text?.(chunk);
    }
    if (lt < 0) break;
    const next = chars[lt + 1];
    // A comment, CDATA section, DOCTYPE or instruction: the parser's.
    if (next === BANG || next === QUESTION) return false;
    // Tags are read by hand: a regular expression per tag and attribute cost as much as the parser.
    if (next === SLASH) {
      const name = open.pop();
      if (name === undefined || !text.startsWith(name, lt + 2)) return false;
      const after = skipBlank(chars, lt + 2 + name.length);
      if (nameEnd(chars, lt + 2) !== lt + 2 + name.length || chars[after] !== GT) return false;
      // Taken before the handler runs: it may read another part (the shared strings) meanwhile.
      i = after + 1;
      handlers.close?.(localName(name));
      continue;
    }
    if (rooted && open.length === 0) return false;
    // A formatting run the fast path leaves out is left out here too (see fast-path.ts). "P" first:
    // it tells "<rPr>" from "<r>" and "<row>" without a call.
    if (next === LOWER_R && chars[lt + 2] === UPPER_P) {
      const after = runs.end(text, lt);
      if (after >= 0) {
        i = after;
        continue;
      }
    }
    let at = nameEnd(chars, lt + 1);
    if (at === lt + 1 || open.length >= MAX_DEPTH) return false;
    const name = text.slice(lt + 1, at);
    attributes.clear();
    let selfClosing = false;
    for (;;) {
      const blank = at;
      at = skipBlank(chars, at);
      const c = chars[at];
      if (c === GT || (c === SLASH && chars[at + 1] === GT)) {
        selfClosing = c === SLASH;
        at += selfClosing ? 2 : 1;
        break;
      }
      // An attribute, after white space: its name, "=", and a quoted value.
      const keyEnd = nameEnd(chars, at);
      if (at === blank || keyEnd === at) return false;
      const key = at;
      at = skipBlank(chars, keyEnd);
      if (chars[at] !== EQUALS) return false;
      at = skipBlank(chars, at + 1);
      const quote = chars[at];
      if (quote !== QUOTE && quote !== APOSTROPHE) return false;
      const value = attributeValue(text, chars, at + 1, quote, bytes);
      if (value === null || attributes.count >= MAX_ATTRIBUTES) return false;
      const close = valueEnd;
      // The parser's attributes are an object's properties: "__proto__" would not be one.
      if (keyEnd - key === 9 && text.startsWith("__proto__", key)) return false;
      if (!attributes.add(key, keyEnd, at + 1, close, value === PLAIN ? undefined : value))
        return false;
      at = close + 1;
    }
    rooted = true;
    i = at;
    const local = localName(name);
    const skip = handlers.open(local, attributes);
    if (selfClosing) handlers.close?.(local);
    else {
      open.push(name);
      if (skip && bytes && codes !== undefined && open.length + skip.depth <= MAX_DEPTH) {
        const end = skippedTo(text, i, skip, name);
        if (end >= 0) {
          handlers.skipped?.(text, codes, i, end, remembered);
          i = end;
        }
      }
    }
  }
  return rooted && open.length === 0;
}

/** Where content of the form `skip` from `from` ends at the end tag of `name`, or -1. */
function skippedTo(text: string, from: number, skip: SkippableContent, name: string): number {
  const { pattern, memory } = skip;
  remembered = memory?.find(text, from, name);
  if (remembered !== undefined) return from + remembered.content.length;
  pattern.lastIndex = from;
  if (!pattern.test(text)) return -1;
  const end = pattern.lastIndex;
  const closes = text.charCodeAt(end) === LT && text.charCodeAt(end + 1) === SLASH;
  if (!closes || !text.startsWith(name, end + 2)) return -1;
  if (skip.accepts !== undefined && !skip.accepts(text, from, end)) return -1;
  remembered = memory?.add(text, from, end);
  return end;
}

/** The content skippedTo last took, as its memory holds it (undefined when none does). */
let remembered: RememberedContent | undefined;

/** A text's code units, one per element: its bytes for latin1 text, else copied from the string. */
type Chars = Uint8Array | Uint16Array;

function unitsOf(text: string): Uint16Array {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** The local name of an element: some writers prefix every element ("x:c"). */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const GT = 62;
const LT = 60;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;
const TAB = 9;
const LINE_FEED = 10;
const SPACE = 32;
const LOWER_R = 114;
const UPPER_P = 80;
const BLANK = /^[ \t\n]*$/;
const DECLARATION =
  /^<\?xml version=(["'])1\.0\1(?: encoding=(["'])(?:UTF-8|utf-8)\2)?(?: standalone=(["'])(?:yes|no)\3)?[ \t\n]*\?>/;

/** Where the ASCII name starting at `from` ends (`from` itself when there is none). */
function nameEnd(chars: Chars, from: number): number {
  const first = chars[from] as number;
  if (!((first | 32) >= 97 && (first | 32) <= 122) && first !== 95) return from;
  let i = from + 1;
  for (; ; i++) {
    const c = chars[i] as number;
    // Letters, digits, "_", ".", ":", "-".
    if (!(((c | 32) >= 97 && (c | 32) <= 122) || (c >= 45 && c <= 58 && c !== 47) || c === 95))
      return i;
  }
}

/** Past any spaces, tabs and line feeds from `from`. */
function skipBlank(chars: Chars, from: number): number {
  let i = from;
  for (let c = chars[i]; c === SPACE || c === TAB || c === LINE_FEED;) c = chars[++i];
  return i;
}

/** What attributeValue says of a value without entities: it is text[from, to) as it stands. */
const PLAIN = "";

/**
 * An attribute's value from `from` to its closing `quote` (then at valueEnd), with its entities
 * replaced (and, for `utf8` bytes, decoded), or PLAIN when it has none; null when it is not closed,
 * or holds a "<" (an error), a tab or line feed (the parser turns them into spaces), an entity that
 * is not plain, or bytes that are not UTF-8. Found and looked at in one pass: values are short, and
 * searching for the quote first cost as much again.
 */
function attributeValue(
  text: string,
  chars: Chars,
  from: number,
  quote: number,
  utf8: boolean
): string | null {
  let amp = false;
  let high = false;
  const length = chars.length;
  let to = from;
  for (; to < length; to++) {
    const c = chars[to] as number;
    if (c === quote) break;
    if (c < 0x20 || c === LT) return null;
    if (c === AMPERSAND) amp = true;
    else if (c >= 0x80) high = true;
  }
  if (to === length) return null;
  valueEnd = to;
  if (utf8 && high) return decoded(text, chars, from, to, true);
  return amp ? decoded(text, chars, from, to, false) : PLAIN;
}

/** Where the last value attributeValue() read ended: its closing quote. */
let valueEnd = 0;

/** A carriage return (the parser turns line ends into "\n") or a character XML 1.0 forbids: left to the parser. */
// eslint-disable-next-line no-control-regex -- the characters XML forbids are control characters
const FORBIDDEN = /[\x00-\x08\x0b-\x1f\ufffe\uffff]/;

const SURROGATE = /[\ud800-\udfff]/;
/** Half a surrogate pair (looked for only when there is a surrogate at all: the look-arounds are slow). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const AMPERSAND = 38;
const HASH = 35;
const SEMICOLON = 59;
const LOWER_X = 120;
/** Far more digits than any character needs ("&#x10FFFF;", "&#1114111;"); a longer reference is left to the parser. */
const MAX_DIGITS = 7;
/** Plain text between references at least this long is sliced, not copied a code unit at a time. */
const PLAIN_RUN = 16;

/**
 * text[from, to) with its entities and references replaced, and with `utf8`, its bytes past ASCII
 * decoded from UTF-8 (see fromUtf8), in one pass; null when an entity is not plain, or, with
 * `utf8`, the bytes are not UTF-8 or hold a character XML forbids. Gathered as code units in one
 * reused buffer: openpyxl writes every Chinese character as a reference, about 6,800 to a
 * scoresheet, and a string (or an array push) per reference cost five times the decoding.
 */
function decoded(
  text: string,
  chars: Chars,
  from: number,
  to: number,
  utf8: boolean
): string | null {
  // The plain start as it stands: ASCII as it mostly is (every value, and all of what openpyxl
  // writes) needs no copy to decode.
  let i = plainEnd(chars, from, to, utf8);
  if (i === to) return text.slice(from, to);
  let out = text.slice(from, i);
  let n = 0;
  while (i < to) {
    const c = chars[i] as number;
    if (c === AMPERSAND) {
      if (chars[i + 1] === HASH) {
        const code = reference(chars, i + 2);
        if (code < 0) return null;
        // As UTF-16 code units: String.fromCharCode is three times as fast as fromCodePoint.
        if (code < 0x10000) units[n++] = code;
        else {
          units[n++] = 0xd800 + ((code - 0x10000) >> 10);
          units[n++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
        }
        i = referenceEnd + 1;
      } else {
        const entity = predefined(text, i + 1, to);
        if (entity < 0) return null;
        units[n++] = entity;
        i = text.indexOf(";", i) + 1;
      }
    } else if (!utf8) {
      const next = text.indexOf("&", i);
      const end = next < 0 || next > to ? to : next;
      if (end - i >= PLAIN_RUN) {
        out += fromUnits(n) + text.slice(i, end);
        n = 0;
        i = end;
      } else for (; i < end; i++) units[n++] = chars[i] as number;
    } else if (c < 0x80) {
      if (c < 0x20 && c !== TAB && c !== LINE_FEED) return null;
      units[n++] = c;
      i++;
    } else {
      const step = utf8Sequence(chars, i, to, n);
      if (step < 0) return null;
      n += step >> 3;
      i += step & 7;
    }
    if (n >= RUN) {
      out += fromUnits(n);
      n = 0;
    }
  }
  return out + fromUnits(n);
}

/** Where the last reference() read its ";". */
let referenceEnd = 0;

/**
 * The character of the numeric reference whose digits (or "x" and hex digits) start at `at`, its
 * ";" then at referenceEnd; -1 when it is not one, or names a character XML does not allow.
 */
function reference(chars: Chars, at: number): number {
  const hex = chars[at] === LOWER_X;
  const start = hex ? at + 1 : at;
  let i = start;
  let code = 0;
  for (; i - start <= MAX_DIGITS; i++) {
    const c = chars[i] as number;
    const digit = c >= 48 && c <= 57 ? c - 48 : hex ? hexDigit(c) : -1;
    if (digit < 0) break;
    code = code * (hex ? 16 : 10) + digit;
  }
  if (i === start || i - start > MAX_DIGITS || chars[i] !== SEMICOLON) return -1;
  referenceEnd = i;
  return xmlCharacter(code) ? code : -1;
}

/** The character of the predefined entity named from `at` to the first ";" before `to`, or -1. */
function predefined(text: string, at: number, to: number): number {
  const semicolon = text.indexOf(";", at);
  if (semicolon < 0 || semicolon >= to) return -1;
  switch (semicolon - at) {
    case 2:
      if (text.startsWith("lt", at)) return LT;
      return text.startsWith("gt", at) ? GT : -1;
    case 3:
      return text.startsWith("amp", at) ? AMPERSAND : -1;
    case 4:
      if (text.startsWith("quot", at)) return QUOTE;
      return text.startsWith("apos", at) ? APOSTROPHE : -1;
    default:
      return -1;
  }
}

/** Decodings are gathered in pieces of this many code units, well below any limit on a call's arguments. */
const RUN = 4096;

/**
 * The first n code units gathered in `units` as a string. Most texts are short (a cell's words): for
 * them a reused plain array of exactly n is given to fromCharCode, a third the cost of a typed array
 * view; longer ones are decoded as UTF-16 (the units' bytes, little-endian as every host Office runs
 * on), at half the cost. The units never hold half a surrogate pair (references and UTF-8 give whole
 * pairs, and text with one is left to the parser) and a BOM among them is kept, so either way gives
 * exactly the units.
 */
function fromUnits(n: number): string {
  if (n > SHORT) return utf16.decode(units.subarray(0, n));
  const array = (shortArrays[n] ??= new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) array[i] = units[i] as number;
  return String.fromCharCode.apply(null, array);
}

const SHORT = 64;
const shortArrays: number[][] = [];
const utf16 = new TextDecoder("utf-16le", { ignoreBOM: true });

function hexDigit(c: number): number {
  if (c >= 97 && c <= 102) return c - 87;
  return c >= 65 && c <= 70 ? c - 55 : -1;
}

/** A character XML 1.0 allows (its Char production). */
function xmlCharacter(code: number): boolean {
  if (code < 0x20) return code === 0x9 || code === 0xa || code === 0xd;
  return (
    code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * The code units a decoding is gathered in, reused: decoding runs once per text, thousands of times
 * a part. A step adds at most PLAIN_RUN - 1 units to fewer than RUN.
 */
const units = new Uint16Array(RUN + PLAIN_RUN);

/**
 * UTF-8 bytes text[from, to) (one character per byte) decoded, exactly as TextDecoder decodes valid
 * UTF-8; null for anything else (an overlong form, an encoded surrogate, past U+10FFFF, a sequence
 * cut short or a stray byte), which TextDecoder would replace and the parser is left to read; null
 * too for U+FFFE, U+FFFF and the control characters but tab and line feed, which XML forbids (or,
 * carriage return, which the parser turns into a line feed). An "&" starts an entity, as in any text.
 * `codes`, when given, are text's bytes (as readPlainXml's).
 */
export function fromUtf8(
  text: string,
  from: number,
  to: number,
  codes: Chars = unitsOf(text)
): string | null {
  return decoded(text, codes, from, to, true);
}

/**
 * Where the text from `from` stops being plain (`to` when it never does): at its first "&", and with
 * `utf8` at its first byte past ASCII or control character but tab and line feed.
 */
function plainEnd(chars: Chars, from: number, to: number, utf8: boolean): number {
  let i = from;
  for (; i < to; i++) {
    const c = chars[i] as number;
    if (c === AMPERSAND) break;
    // One comparison for the usual " " to DEL: below it is negative, so huge as unsigned.
    if (utf8 && (c - 0x20) >>> 0 >= 0x60 && c !== TAB && c !== LINE_FEED) break;
  }
  return i;
}

/**
 * Decodes the UTF-8 sequence of bytes starting at i (its lead byte, past ASCII) into units[n…], and
 * returns (units written << 3) | bytes read; -1 when it is not valid UTF-8 or is U+FFFE or U+FFFF.
 */
function utf8Sequence(chars: Chars, i: number, to: number, n: number): number {
  const b = chars[i] as number;
  if (b >= 0xe0 && b <= 0xef) {
    // E0 needs A0–BF next (no overlong forms), ED 80–9F (no surrogates).
    const c1 = continuation(chars, i + 1, to, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf);
    const c2 = continuation(chars, i + 2, to, 0x80, 0xbf);
    const code = ((b & 0x0f) << 12) | (c1 << 6) | c2;
    if (c1 < 0 || c2 < 0 || code >= 0xfffe) return -1;
    units[n] = code;
    return (1 << 3) | 3;
  }
  if (b >= 0xc2 && b <= 0xdf) {
    const c1 = continuation(chars, i + 1, to, 0x80, 0xbf);
    if (c1 < 0) return -1;
    units[n] = ((b & 0x1f) << 6) | c1;
    return (1 << 3) | 2;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    // F0 needs 90–BF next (no overlong forms), F4 80–8F (nothing past U+10FFFF).
    const c1 = continuation(chars, i + 1, to, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf);
    const c2 = continuation(chars, i + 2, to, 0x80, 0xbf);
    const c3 = continuation(chars, i + 3, to, 0x80, 0xbf);
    if (c1 < 0 || c2 < 0 || c3 < 0) return -1;
    const code = (((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3) - 0x10000;
    units[n] = 0xd800 + (code >> 10);
    units[n + 1] = 0xdc00 + (code & 0x3ff);
    return (2 << 3) | 4;
  }
  return -1;
}

/** The low six bits of the continuation byte at i when it lies in [low, high] and before `to`, else -1. */
function continuation(chars: Chars, i: number, to: number, low: number, high: number): number {
  const c = i < to ? (chars[i] as number) : -1;
  return c >= low && c <= high ? c & 0x3f : -1;
}
