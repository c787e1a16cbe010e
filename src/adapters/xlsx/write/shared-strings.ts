import { MAIN_NS, XML_HEADER, xmlText } from "./xml";

/** Excel's limit on the text of one cell; longer text makes it repair the file. */
const MAX_CELL_TEXT = 32767;
/** Roughly how many characters of XML go into one chunk. */
const CHUNK = 1 << 18;

/** The workbook's shared-string table: each distinct text stored once, cells refer to it by index. */
export class SharedStrings {
  private readonly indices = new Map<string, number>();
  private references = 0;

  /** The index of a text in the table, added on first use. */
  index(text: string): number {
    this.references++;
    let index = this.indices.get(text);
    if (index === undefined) {
      index = this.indices.size;
      this.indices.set(text, index);
    }
    return index;
  }

  /** The sharedStrings.xml part, in chunks. */
  *xml(): Generator<string> {
    let chunk = `${XML_HEADER}<sst ${MAIN_NS} count="${this.references}" uniqueCount="${this.indices.size}">`;
    for (const text of this.indices.keys()) {
      chunk += stringItem(text);
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = "";
      }
    }
    yield `${chunk}</sst>`;
  }
}

function stringItem(text: string): string {
  const cut = text.length > MAX_CELL_TEXT ? cutAt(text, MAX_CELL_TEXT) : text;
  // Without xml:space="preserve" Excel trims leading and trailing white space.
  const space = /^\s|\s$/.test(cut) ? ' xml:space="preserve"' : "";
  return `<si><t${space}>${xmlText(cut)}</t></si>`;
}

/** The first `limit` UTF-16 units, one fewer when that would split a surrogate pair. */
function cutAt(text: string, limit: number): string {
  const last = text.charCodeAt(limit - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit);
}
