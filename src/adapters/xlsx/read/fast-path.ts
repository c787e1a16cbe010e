/**
 * Two shortcuts past the XML parser's slow paths, taken in one pass over each slice of a part before
 * the parser sees it; both leave the parser exactly what it would read, only cheaper to read.
 *
 * - Numeric character references (`&#20998;`, `&#x5206;`): openpyxl writes every Chinese character of
 *   an inline string that way, and the parser takes each through its entity path. A well-formed one
 *   naming a non-ASCII character XML allows, in character data or a quoted attribute value, becomes
 *   that character. Markup characters, white space, ASCII, anything malformed, and references
 *   anywhere else (names, comments, CDATA sections, instructions) pass through untouched.
 * - Formatting runs (`<rPr>…</rPr>` inside a rich-text run): LibreOffice gives nearly every string
 *   one, and they made up most of its shared strings; the reader never looks inside them. One is
 *   left out only when it is plainly well-formed (empty elements with simple, distinct, quoted
 *   attributes and no entities); any other is parsed, and refused if broken, as before.
 *
 * The parser still decides every error. From the first `<!` of a part on (a DOCTYPE, a comment, a
 * CDATA section) nothing more is touched: the parser refuses a DOCTYPE as before. The work is
 * proportional to the references and runs, not the text: the place of each is found by looking back
 * to the tag before it. Text only gets shorter; at most a reference or one formatting run is held
 * back between slices.
 */
export class XmlFastPath {
  /** Where the held-back text starts: in a tag (and in which quote), or in character data. */
  private inTag = false;
  private quote = 0;
  private passthrough = false;
  private held = "";

  /** The next slice of a part's text, decoded as far as it can be decided; the rest is held back. */
  push(slice: string): string {
    const s = this.held + slice;
    this.held = "";
    if (this.passthrough) return s;
    const bang = s.indexOf("<!");
    const limit = bang < 0 ? s.length : bang;
    let out = "";
    let from = 0;
    let cut = limit;
    /** The end of the stretch known to be decodable (character data or one attribute value). */
    let open = -1;
    let amp = s.indexOf("&#");
    let run = s.indexOf(RUN_PROPERTIES_OPEN);
    while (true) {
      if (run >= 0 && run < limit && (amp < 0 || run < amp)) {
        // A formatting run: left out whole when plainly well-formed and in character data.
        const close = s.indexOf(RUN_PROPERTIES_CLOSE, run);
        if (close < 0 && s.length - run < MAX_RUN_PROPERTIES) {
          cut = run;
          break;
        }
        const end = close + RUN_PROPERTIES_CLOSE.length;
        if (close >= 0 && !this.placeOf(s, run).inTag && runEnd(s, run, false) === end) {
          out += s.slice(from, run);
          from = end;
          if (amp >= 0 && amp < end) amp = s.indexOf("&#", end);
          run = s.indexOf(RUN_PROPERTIES_OPEN, end);
        } else run = s.indexOf(RUN_PROPERTIES_OPEN, run + 1);
        continue;
      }
      if (amp < 0 || amp >= limit) break;
      if (amp >= open) open = this.decodableUntil(s, amp);
      let at = amp;
      if (open >= 0) {
        // A run of references, as openpyxl writes a word, becomes one string.
        const codes: number[] = [];
        for (let code = reference(s, at); code >= 0 && at < open; code = reference(s, at)) {
          codes.push(code);
          at += referenceLength;
        }
        if (at > amp) {
          out += s.slice(from, amp) + fromCodes(codes);
          from = at;
        }
        if (referenceLength === INCOMPLETE && at < open) {
          cut = at;
          break;
        }
      }
      amp = s.indexOf("&#", Math.max(at, amp + 2));
    }
    if (bang >= 0) {
      this.passthrough = true;
      return out + s.slice(from);
    }
    // A reference, a `<!` or a formatting run may start in the slice's last few characters.
    if (cut === s.length) {
      const tail = s.lastIndexOf("<", s.length - 1);
      if (tail >= 0 && RUN_PROPERTIES_OPEN.startsWith(s.slice(tail))) cut = tail;
      else if (s.endsWith("&") || s.endsWith("<")) cut--;
    }
    this.settle(s, cut);
    this.held = s.slice(cut);
    return out + s.slice(from, cut);
  }

  /** What is still held back at the end of the part, as it is. */
  end(): string {
    const rest = this.held;
    this.held = "";
    return rest;
  }

  /**
   * Where the stretch of decodable text holding `at` ends (the next `<`, or the attribute value's
   * closing quote), or -1 when `at` is in a name or elsewhere in markup.
   */
  private decodableUntil(s: string, at: number): number {
    const { inTag, quote } = this.placeOf(s, at);
    if (!inTag) {
      const lt = s.indexOf("<", at);
      return lt < 0 ? s.length : lt;
    }
    if (quote === 0) return -1;
    const close = s.indexOf(String.fromCharCode(quote), at);
    return close < 0 ? s.length : close;
  }

  /** In a tag or not, and in which quote, at `at`: found from the last `<` before it. */
  private placeOf(s: string, at: number): { inTag: boolean; quote: number } {
    const lt = at > 0 ? s.lastIndexOf("<", at - 1) : -1;
    if (lt < 0 && !this.inTag) return { inTag: false, quote: 0 };
    let quote = lt < 0 ? this.quote : 0;
    for (let i = lt < 0 ? 0 : lt + 1; i < at; i++) {
      const c = s.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === QUOTE || c === APOSTROPHE) quote = c;
      else if (c === GT) return { inTag: false, quote: 0 };
    }
    return { inTag: true, quote };
  }

  /** Remembers where the text from `cut` on starts, for the next slice. */
  private settle(s: string, cut: number): void {
    const place = this.placeOf(s, cut);
    this.inTag = place.inTag;
    this.quote = place.quote;
  }
}

export const RUN_PROPERTIES_OPEN = "<rPr>";
export const RUN_PROPERTIES_CLOSE = "</rPr>";
/** Far more than any formatting run (LibreOffice's are about 150 characters); a longer one is parsed. */
const MAX_RUN_PROPERTIES = 4096;
/**
 * Where the formatting run at `from` ends (just past its `</rPr>`) when it is plainly well-formed, or
 * -1. Plainly well-formed is `<rPr>`, then empty elements of ASCII letters, each with attributes of
 * ASCII letters after single spaces, their values double-quoted without `<`, `>` or `&`, no two of one
 * element with the same name, then `</rPr>`. With `utf8Bytes` (text that is UTF-8 bytes, one character
 * each) a value must not hold U+FFFE or U+FFFF (EF BF BE, EF BF BF): left out, it would not be refused.
 * Nor may a value hold a control character but tab and line feed: the plain reader looks for those
 * nowhere else. A loop over the text, not a slice of it matched by regular expressions.
 */
export function runEnd(text: string, from: number, utf8Bytes: boolean): number {
  if (!text.startsWith(RUN_PROPERTIES_OPEN, from)) return -1;
  let i = from + RUN_PROPERTIES_OPEN.length;
  for (;;) {
    if (text.charCodeAt(i) !== LT) return -1;
    if (text.charCodeAt(i + 1) === SLASH)
      return text.startsWith(RUN_PROPERTIES_CLOSE, i) ? i + RUN_PROPERTIES_CLOSE.length : -1;
    i = lettersEnd(text, i + 1);
    if (i < 0) return -1;
    /** Where this element's first attribute starts: its names are compared from there. */
    const first = i;
    while (text.charCodeAt(i) === SPACE) {
      const name = i + 1;
      const nameEnd = lettersEnd(text, name);
      if (
        nameEnd < 0 ||
        text.charCodeAt(nameEnd) !== EQUALS ||
        text.charCodeAt(nameEnd + 1) !== QUOTE
      )
        return -1;
      if (repeatedName(text, first, i, name, nameEnd)) return -1;
      i = nameEnd + 2;
      for (let c = text.charCodeAt(i); c !== QUOTE; c = text.charCodeAt(++i)) {
        if (c !== c || c === LT || c === GT || c === AMPERSAND) return -1; // c !== c: the text ended
        // A character XML forbids, or a carriage return: the plain reader looks for them nowhere else.
        if (c < 0x20 && c !== TAB && c !== LINE_FEED) return -1;
        if (utf8Bytes && c === 0xef && text.charCodeAt(i + 1) === 0xbf) {
          const last = text.charCodeAt(i + 2);
          if (last === 0xbe || last === 0xbf) return -1;
        }
      }
      i++;
    }
    if (text.charCodeAt(i) !== SLASH || text.charCodeAt(i + 1) !== GT) return -1;
    i += 2;
  }
}

/** Whether text[a, a + length) and text[b, b + length) are the same. */
export function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++)
    if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/**
 * runEnd, remembering the runs it vouched for: a part repeats a handful of runs (LibreOffice's shared
 * strings: four make up nine in ten), and one met before is recognised by comparing it whole (`===`
 * on a slice, which is native; startsWith is not, and cost more than looking again), not character
 * by character. One per reading of a part.
 */
export class PlainRuns {
  private readonly known: string[] = [];

  constructor(private readonly utf8Bytes: boolean) {}

  end(text: string, from: number): number {
    // A run it vouches for ends at its first "</rPr>", so one met before would end there too.
    const close = text.indexOf(RUN_PROPERTIES_CLOSE, from);
    if (close < 0) return -1;
    const end = close + RUN_PROPERTIES_CLOSE.length;
    for (const run of this.known)
      if (run.length === end - from && text.slice(from, end) === run) return end;
    const checked = runEnd(text, from, this.utf8Bytes);
    if (checked >= 0 && this.known.length < MAX_KNOWN_RUNS)
      this.known.push(text.slice(from, checked));
    return checked;
  }
}

/**
 * More distinct runs than a part of LibreOffice's has: a scoresheet's shared strings hold 14 (a
 * Chinese and a Latin font for each size, colour and weight). With room for only 8, the first ones met
 * filled it and about 230 runs a file were looked at again, 0.2 s of reading 1,000 re-saves.
 */
const MAX_KNOWN_RUNS = 32;

/** Where the run of ASCII letters at `from` ends, or -1 when there is none. */
function lettersEnd(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i) | 32; c >= 97 && c <= 122; c = text.charCodeAt(++i) | 32);
  return i === from ? -1 : i;
}

/**
 * Whether the attribute name text[name, nameEnd) was already given among the attributes of a run's
 * element in text[first, before): each is ` name="value"`, the value without quotes.
 */
function repeatedName(
  text: string,
  first: number,
  before: number,
  name: number,
  nameEnd: number
): boolean {
  const length = nameEnd - name;
  for (let at = first; at < before; at = text.indexOf('"', text.indexOf('"', at) + 1) + 1) {
    // at is the space before an earlier name.
    if (text.charCodeAt(at + 1 + length) === EQUALS && sameText(text, at + 1, name, length))
      return true;
  }
  return false;
}

/** References decoded into one string at a time, well below any limit on a call's arguments. */
const RUN = 4096;
const QUOTE = 34;
const APOSTROPHE = 39;
const GT = 62;
const LT = 60;
const SLASH = 47;
const SPACE = 32;
const EQUALS = 61;
const TAB = 9;
const LINE_FEED = 10;
const SEMICOLON = 59;
const AMPERSAND = 38;
const HASH = 35;
/** "&#x10FFFF;" with leading zeros to spare; a longer run of digits is left to the parser. */
const MAX_REFERENCE = 16;

/** The length of the reference `reference` last looked at, or INCOMPLETE when the slice ended first. */
let referenceLength = 0;
const INCOMPLETE = -1;

/**
 * The character of the reference at `amp`, or -1 when there is none to decode there (malformed, not
 * decodable, or cut off by the slice's end: then referenceLength is INCOMPLETE).
 */
function reference(s: string, amp: number): number {
  if (s.charCodeAt(amp) !== AMPERSAND || s.charCodeAt(amp + 1) !== HASH) {
    referenceLength = 0;
    return -1;
  }
  const hex = s.charCodeAt(amp + 2) === 120; // "x"
  const start = amp + (hex ? 3 : 2);
  const limit = Math.min(s.length, amp + MAX_REFERENCE);
  let code = 0;
  let i = start;
  for (; i < limit; i++) {
    const c = s.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : hex ? hexDigit(c) : -1;
    if (digit < 0) break;
    code = code * (hex ? 16 : 10) + digit;
  }
  if (i === s.length && s.length < amp + MAX_REFERENCE) {
    referenceLength = INCOMPLETE;
    return -1;
  }
  referenceLength = i + 1 - amp;
  return i > start && s.charCodeAt(i) === SEMICOLON && decodable(code) ? code : -1;
}

function fromCodes(codes: readonly number[]): string {
  let text = "";
  for (let i = 0; i < codes.length; i += RUN)
    text += String.fromCodePoint(...codes.slice(i, i + RUN));
  return text;
}

function hexDigit(c: number): number {
  if (c >= 97 && c <= 102) return c - 87;
  return c >= 65 && c <= 70 ? c - 55 : -1;
}

/**
 * A non-ASCII character XML allows as it is: not a C1 control (XML 1.1 wants those as references,
 * and reads NEL as a line end), not LS (a line end in XML 1.1), not a surrogate or a noncharacter.
 * As a plain character it reads exactly as its reference does.
 */
function decodable(code: number): boolean {
  if (code < 0xa0 || code === 0x2028) return false;
  return (
    code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}
