/** The declaration every OOXML part starts with. */
export const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** SpreadsheetML's namespace, as the root element of a workbook part declares it. */
export const MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** The relationships namespace, for parts that point at other parts (r:id). */
export const RELATIONSHIPS_NS =
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

// Characters XML 1.0 cannot carry (C0 controls but tab and line feed, U+FFFE/U+FFFF), carriage
// returns (parsers fold them into line feeds), and a literal "_x" that a reader would take for an
// escape. Excel writes all of them as _xHHHH_ and decodes them back on reading. Matching control
// characters is the point of these expressions, hence the lint exceptions.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\x00-\x08\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF&<>]|_x/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LOOKS_ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)/g;
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]/g;
const MARKUP = /[&<>]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\n": "&#10;",
  "\t": "&#9;",
};

/** Text as element content (ST_Xstring): markup escaped, unencodable characters as _xHHHH_. */
export function xmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text
    .replace(LONE_SURROGATE, "")
    .replace(LOOKS_ESCAPED, "_x005F_")
    .replace(NOT_XML, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)
    .replace(MARKUP, (ch) => ENTITIES[ch] ?? ch);
}

/** Text as an attribute value; line breaks and tabs as character references, which parsers keep. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/["\n\t]/g, (ch) => ENTITIES[ch] ?? ch);
}

/** ` name="value"` for each defined entry, in the given order (the schema fixes some orders). */
export function attributes(entries: Readonly<Record<string, string | number | undefined>>): string {
  let out = "";
  for (const [name, value] of Object.entries(entries)) {
    if (value !== undefined) out += ` ${name}="${xmlAttribute(String(value))}"`;
  }
  return out;
}
