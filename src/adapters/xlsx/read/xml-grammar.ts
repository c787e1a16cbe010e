// Regular-expression sources for XML as the plain reading (plain-xml.ts) reads it without giving up,
// over text of one character per byte of UTF-8: what a pattern of SkippableContent is built from.
// Each piece is at most as wide as the plain reading: text it matches, the plain reading decodes.

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
/** Character data: plain characters, references and UTF-8. */
export const TEXT = `${PLAIN}*(?:(?:${REFERENCE}|${UTF8})${PLAIN}*)*`;
/** A double-quoted attribute value's content without references: plain characters and UTF-8. */
export const LITERAL_VALUE = `${PLAIN_VALUE}*(?:(?:${UTF8})${PLAIN_VALUE}*)*`;
/** A double-quoted attribute value's content: plain characters, references and UTF-8. */
export const VALUE = `${PLAIN_VALUE}*(?:(?:${REFERENCE}|${UTF8})${PLAIN_VALUE}*)*`;
