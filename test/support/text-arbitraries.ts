import fc from "fast-check";
import { utf8 } from "./read-outcome";

// Text for the reader's property tests: mostly plain, now and then one of the things a plain reading
// must give up on or decode with care.

/** Entities, references, control characters and bytes that are not UTF-8 (latin1: one character a byte). */
export const oddText = fc.constantFrom(
  "&amp;",
  "&lt;",
  "&gt;",
  "&quot;",
  "&apos;",
  "&nbsp;",
  "&",
  "&#;",
  "&#31;",
  "&#32;",
  "&#20998;",
  "&#55295;",
  "&#55296;",
  "&#57343;",
  "&#57344;",
  "&#65288;",
  "&#65533;",
  "&#65534;",
  "&#65536;",
  "&#128512;",
  "&#199999;",
  "&#200000;",
  "&#1114112;",
  "&#020998;",
  "&#x5206;",
  "\t",
  "\r",
  "\x01",
  "]]>",
  "<",
  utf8("😀"),
  utf8("\u0085"),
  utf8("\ufffd"),
  // Bytes that are not UTF-8, or name what XML forbids: a stray continuation, an overlong form, a
  // surrogate, U+FFFE and U+FFFF, a cut-short sequence, a lead byte past U+10FFFF.
  "\x80",
  "\xc0\xaf",
  "\xed\xa0\x80",
  "\xef\xbf\xbe",
  "\xef\xbf\xbf",
  "\xe5\xae",
  "\xf5\x80\x80\x80"
);

/**
 * Words of `plain`, now and then one of oddText. Odd things are rare, so that most parts hold at most
 * one: one that a pattern wrongly let through would then be read unread where the rest of the part
 * is plain, not hidden by the part going to the parser for another reason.
 */
export function mostlyPlain(
  plain: fc.Arbitrary<string>,
  weight: number,
  maxLength: number
): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight, arbitrary: plain }, { weight: 1, arbitrary: oddText }), { maxLength })
    .map((words) => words.join(""));
}
