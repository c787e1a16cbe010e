import { sameText } from "./fast-path";
import { ContentMemory, type SkippableContent } from "./plain-xml";
import { TEXT, VALUE } from "./xml-grammar";

// What a worksheet holds besides its cells: merged ranges, conditional formats, data validations,
// protection, page setup, Excel's extensions. The reader wants none of it, but it is half of a
// scoresheet's XML (29–55 KB of 64–123 KB, by who saved it), and reading it element by element was
// a tenth of reading a file. Checked by one regular expression instead: elements of ASCII names
// (none of them a cell or a row), double-quoted attributes, text, nested a few deep. Anything else
// (white space inside a tag, a single-quoted value, a hex reference, deeper nesting) is read element
// by element as before.

/** How deep the elements taken unread may nest: Excel's data validations in extLst are five deep. */
const DEPTH = 5;
/** An element's name, but not a cell's or a row's (with or without a prefix): those are the reader's. */
const NAME = String.raw`(?!(?:[A-Za-z_][\w.-]*:)?(?:c|row)[ />])[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?`;
/**
 * An attribute: not "__proto__" (the parser's attributes are an object's properties), and few
 * enough that looking for a repeated one (accepts) stays cheap.
 */
const ATTRIBUTES = String.raw`(?: (?!__proto__=)[A-Za-z_][\w.:-]*="${VALUE}"){0,32}`;

/** An element of at most `depth` levels, its name the `group`-th capture (matched again at its end). */
function element(depth: number, group: number): string {
  const content = depth > 1 ? `${TEXT}(?:${element(depth - 1, group + 1)}${TEXT})*` : TEXT;
  return `<(${NAME})${ATTRIBUTES}(?:/>|>${content}</\\${group}>)`;
}

/** The content of an element no cell is in, in the forms read without the parser. */
export const ELEMENTS_WITHOUT_CELLS: SkippableContent = {
  pattern: new RegExp(`${TEXT}(?:${element(DEPTH, 1)}${TEXT})*`, "y"),
  depth: DEPTH,
  accepts: repeatsNoAttribute,
  // A scoresheet has about 40 such elements in all its sheets, 29–55 KB of them by who saved it.
  memory: new ContentMemory(256, 2 ** 19),
};

/**
 * Whether no element in text[from, to), matched by the pattern, gives an attribute twice (the
 * parser refuses that; a regular expression would have to compare every pair). Every "<" there
 * starts a tag (text and values hold none), and every attribute is ` name="value"`.
 */
function repeatsNoAttribute(text: string, from: number, to: number): boolean {
  for (let lt = text.indexOf("<", from); lt >= 0 && lt < to; lt = text.indexOf("<", lt + 1)) {
    let i = lt + 1;
    for (
      let c = text.charCodeAt(i);
      c !== SPACE && c !== SLASH && c !== GT;
      c = text.charCodeAt(++i)
    );
    let count = 0;
    while (text.charCodeAt(i) === SPACE) {
      const name = i + 1;
      const length = text.indexOf("=", name) - name;
      for (let k = 0; k < count; k++)
        if (names[2 * k + 1] === length && sameText(text, names[2 * k] as number, name, length))
          return false;
      names[2 * count] = name;
      names[2 * count++ + 1] = length;
      i = text.indexOf('"', name + length + 2) + 1;
    }
  }
  return true;
}

/** Where each attribute name of the element being looked at starts, and its length (pairs). */
const names = new Int32Array(2 * 32);

const SPACE = 32;
const SLASH = 47;
const GT = 62;
