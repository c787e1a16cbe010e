import { RUN_PROPERTIES_CLOSE, RUN_PROPERTIES_OPEN } from "./fast-path";
import { fromUtf8, type SkippableContent } from "./plain-xml";

// A shared string's item (<si>) in the forms Excel, WPS, LibreOffice and our writer give it: its text,
// or rich-text runs of it, each with its formatting, and perhaps Excel's phonetic settings. Checked
// by one regular expression and decoded only when a cell asks for it: LibreOffice gives nearly every
// string formatting runs, and the rubric's 64 KB of them that `_dabiao` carries took a millisecond a
// file to read element by element. Anything else (phonetic runs, white space between elements, a
// long reference, a doubtful byte) is read element by element as before.

/** What stands as it is in character data: tab, line feed, and printable ASCII but "&" and "<". */
const PLAIN = String.raw`[\t\n\x20-\x25\x27-\x3b\x3d-\x7f]`;
/** What stands as it is in an attribute value: printable ASCII but '"', "&" and "<". */
const PLAIN_VALUE = String.raw`[\x20\x21\x23-\x25\x27-\x3b\x3d-\x7e]`;
/**
 * A character past ASCII as UTF-8 bytes, one character a byte: no overlong form, surrogate,
 * U+FFFE, U+FFFF or anything past U+10FFFF (what the plain reading refuses to decode).
 */
const UTF8 = [
  String.raw`[\xc2-\xdf][\x80-\xbf]`,
  String.raw`\xe0[\xa0-\xbf][\x80-\xbf]`,
  String.raw`[\xe1-\xec\xee][\x80-\xbf]{2}`,
  String.raw`\xed[\x80-\x9f][\x80-\xbf]`,
  String.raw`\xef(?:[\x80-\xbe][\x80-\xbf]|\xbf[\x80-\xbd])`,
  String.raw`\xf0[\x90-\xbf][\x80-\xbf]{2}`,
  String.raw`[\xf1-\xf3][\x80-\xbf]{3}`,
  String.raw`\xf4[\x80-\x8f][\x80-\xbf]{2}`,
].join("|");
/**
 * A predefined entity, or a decimal reference without leading zeros to a character XML allows from
 * " " to U+1869F: 32–55295 (to U+D7FF), 57344–65533 (U+E000–U+FFFD), 65536–199999. Any other is
 * read element by element.
 */
const REFERENCE = `&(?:amp|lt|gt|quot|apos);|&#(?:${[
  "3[2-9]|[4-9][0-9]|[1-9][0-9]{2,3}|[1-4][0-9]{4}|5[0-4][0-9]{3}",
  "55[01][0-9]{2}|552[0-8][0-9]|5529[0-5]",
  "5734[4-9]|573[5-9][0-9]|57[4-9][0-9]{2}|5[89][0-9]{3}|6[0-4][0-9]{3}",
  "65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-3]",
  "6553[6-9]|655[4-9][0-9]|65[6-9][0-9]{2}|6[6-9][0-9]{3}|[7-9][0-9]{4}|1[0-9]{5}",
].join("|")});`;
// Written as "plain* (special plain*)*", so that no text can be matched two ways: a failing match
// then backs off once per character, never trying the ways a run of them could be split.
const TEXT = `${PLAIN}*(?:(?:${REFERENCE}|${UTF8})${PLAIN}*)*`;
const VALUE = `${PLAIN_VALUE}*(?:(?:${UTF8})${PLAIN_VALUE}*)*`;
/** One text element; its only attribute, when it has one, keeps its spaces. */
const T = `<t(?: xml:space="preserve")?>${TEXT}</t>`;
/** A run's formatting: empty elements of at most one attribute each (so none is repeated). */
const RUN_PROPERTIES = `<rPr>(?:<[a-zA-Z]+(?: [a-zA-Z]+="${VALUE}")?/>)*</rPr>`;
const RUN = `<r>(?:${RUN_PROPERTIES})?${T}</r>`;
/** Excel's phonetic settings for the item (no phonetic text: that is <rPh>, not taken here). */
const PHONETIC = String.raw`<phoneticPr fontId="[0-9]{1,5}"(?: type="[a-zA-Z]{1,20}")?/>`;

/** The content of a shared string's item, in the forms read without the parser. */
export const STRING_ITEM: SkippableContent = {
  pattern: new RegExp(`(?:${T}|${RUN})*(?:${PHONETIC})?`, "y"),
  // <r>, <rPr>, and a formatting element in it.
  depth: 3,
};

/**
 * The content of a cell holding an inline string (`<c t="inlineStr">`), the same forms inside <is>,
 * with at least one text (a cell without one has no value).
 */
export const INLINE_STRING: SkippableContent = {
  pattern: new RegExp(`<is>(?:${T}|${RUN})+(?:${PHONETIC})?</is>`, "y"),
  depth: 4,
};

/** A shared string's item taken unread: its text is decoded when a cell asks for it. */
export class StringItem {
  constructor(
    private readonly text: string,
    private readonly codes: Uint8Array,
    private readonly from: number,
    private readonly to: number
  ) {}

  /** The item's text: its text elements' texts, decoded and joined (formatting skipped). */
  read(): string {
    const { text, codes, to } = this;
    let out = "";
    for (let at = this.from; at < to;) {
      if (text.startsWith(RUN_PROPERTIES_OPEN, at)) {
        at = text.indexOf(RUN_PROPERTIES_CLOSE, at) + RUN_PROPERTIES_CLOSE.length;
        continue;
      }
      const tag = text.startsWith(TEXT_OPEN, at)
        ? TEXT_OPEN.length
        : text.startsWith(TEXT_OPEN_PRESERVING, at)
          ? TEXT_OPEN_PRESERVING.length
          : 0;
      if (tag === 0) {
        at = text.indexOf(">", at) + 1;
        continue;
      }
      const end = text.indexOf("<", at + tag);
      out += fromUtf8(text, at + tag, end, codes) ?? unreadable();
      at = end;
    }
    return out;
  }
}

const TEXT_OPEN = "<t>";
const TEXT_OPEN_PRESERVING = '<t xml:space="preserve">';

function unreadable(): never {
  // STRING_ITEM matched only text the plain reading decodes.
  throw new Error("a shared string item that matched STRING_ITEM did not decode");
}
