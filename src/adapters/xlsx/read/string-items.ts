import { RUN_PROPERTIES_CLOSE, RUN_PROPERTIES_OPEN } from "./fast-path";
import {
  ContentMemory,
  fromUtf8,
  type RememberedContent,
  type SkippableContent,
} from "./plain-xml";
import { LITERAL_VALUE, TEXT } from "./xml-grammar";

// A shared string's item (<si>) in the forms Excel, WPS, LibreOffice and our writer give it: its text,
// or rich-text runs of it, each with its formatting, and perhaps Excel's phonetic settings. Checked
// by one regular expression and decoded only when a cell asks for it: LibreOffice gives nearly every
// string formatting runs, and the rubric's 64 KB of them that `_dabiao` carries took a millisecond a
// file to read element by element. Anything else (phonetic runs, white space between elements, a
// long reference, a doubtful byte) is read element by element as before.

/** One text element; its only attribute, when it has one, keeps its spaces. */
const T = `<t(?: xml:space="preserve")?>${TEXT}</t>`;
/** A run's formatting: empty elements of at most one attribute each (so none is repeated). */
const RUN_PROPERTIES = `<rPr>(?:<[a-zA-Z]+(?: [a-zA-Z]+="${LITERAL_VALUE}")?/>)*</rPr>`;
const RUN = `<r>(?:${RUN_PROPERTIES})?${T}</r>`;
/** Excel's phonetic settings for the item (no phonetic text: that is <rPh>, not taken here). */
const PHONETIC = String.raw`<phoneticPr fontId="[0-9]{1,5}"(?: type="[a-zA-Z]{1,20}")?/>`;

/** The content of a shared string's item, in the forms read without the parser. */
export const STRING_ITEM: SkippableContent = {
  pattern: new RegExp(`(?:${T}|${RUN})*(?:${PHONETIC})?`, "y"),
  // <r>, <rPr>, and a formatting element in it.
  depth: 3,
  // A scoresheet's own strings are about 250 items, 27–150 KB by who saved it; branches' words add a few each.
  memory: new ContentMemory(2048, 2 ** 20),
};

/**
 * The content of a cell holding an inline string (`<c t="inlineStr">`), the same forms inside <is>,
 * with at least one text (a cell without one has no value).
 */
export const INLINE_STRING: SkippableContent = {
  pattern: new RegExp(`<is>(?:${T}|${RUN})+(?:${PHONETIC})?</is>`, "y"),
  depth: 4,
  // openpyxl writes every text inline: the scoresheet's own (about 300) and the rubric's chunks in
  // `_dabiao` are the same in every file from the same template.
  memory: new ContentMemory(1024, 2 ** 19),
};

/** A shared string's item taken unread: its text is decoded when a cell asks for it. */
export class StringItem {
  constructor(
    private readonly text: string,
    private readonly codes: Uint8Array,
    private readonly from: number,
    private readonly to: number,
    private readonly known?: RememberedContent
  ) {}

  /** The item's text: its text elements' texts, decoded and joined (formatting skipped). */
  read(): string {
    return itemText(this.text, this.codes, this.from, this.to, this.known);
  }
}

/**
 * The text of an item (or an inline string) taken unread, text[from, to): its text elements' texts,
 * decoded and joined, formatting skipped. Decoded once for a content its memory holds (`known`):
 * the template's own strings are the same in every file of a batch.
 */
export function itemText(
  text: string,
  codes: Uint8Array,
  from: number,
  to: number,
  known?: RememberedContent
): string {
  if (known?.text !== undefined) return known.text;
  let out = "";
  for (let at = from; at < to;) {
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
  // A copy: the decoding may be slices of the part's text, which the memory would keep alive.
  if (known) known.text = (" " + out).slice(1);
  return out;
}

const TEXT_OPEN = "<t>";
const TEXT_OPEN_PRESERVING = '<t xml:space="preserve">';

function unreadable(): never {
  // STRING_ITEM and INLINE_STRING match only text the plain reading decodes.
  throw new Error("a string that matched STRING_ITEM or INLINE_STRING did not decode");
}
