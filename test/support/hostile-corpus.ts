import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { worksheet } from "./xlsx-fixture";

// Generators of hostile and messy submissions. Every file is made from a real scoresheet (or from
// nothing) by the edits another writer, a damaged transfer or an attacker would make: no binary
// blobs are committed, and each generator says in its name what it does.

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** An .xlsx opened part by part for editing; `bytes()` zips it again with fflate. */
export class XlsxEdit {
  private readonly parts: Record<string, Uint8Array>;
  private readonly levels = new Map<string, 0 | 1 | 6 | 9>();

  constructor(bytes: Uint8Array) {
    this.parts = unzipSync(bytes);
  }

  names(): string[] {
    return Object.keys(this.parts);
  }

  has(name: string): boolean {
    return name in this.parts;
  }

  text(name: string): string {
    const part = this.parts[name];
    if (!part) throw new Error(`no part ${name}`);
    return strFromU8(part);
  }

  set(name: string, content: string | Uint8Array, level?: 0 | 1 | 6 | 9): this {
    this.parts[name] = typeof content === "string" ? strToU8(content) : content;
    if (level !== undefined) this.levels.set(name, level);
    return this;
  }

  edit(name: string, change: (xml: string) => string): this {
    return this.set(name, change(this.text(name)));
  }

  remove(name: string): this {
    delete this.parts[name];
    return this;
  }

  /** The part holding a sheet, found as the reader finds it: workbook.xml → relationships. */
  sheetPart(sheet: string): string {
    const tag = new RegExp(`<sheet\\b[^>]*\\bname="${escapeRegExp(xmlEscape(sheet))}"[^>]*>`).exec(
      this.text("xl/workbook.xml")
    );
    const id = tag && /\br:id="([^"]+)"/.exec(tag[0])?.[1];
    if (!id) throw new Error(`no sheet ${sheet}`);
    const rel = new RegExp(`<Relationship\\b[^>]*\\bId="${id}"[^>]*>`).exec(
      this.text("xl/_rels/workbook.xml.rels")
    );
    const target = rel && /\bTarget="([^"]+)"/.exec(rel[0])?.[1];
    if (!target) throw new Error(`no relationship ${id}`);
    return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  }

  /** Appends a worksheet (tab, relationship and part), as Excel's Insert Sheet does. */
  addSheet(name: string, xml: string | Uint8Array, level?: 0 | 1 | 6 | 9): this {
    const n = this.names().length + 1;
    const id = `rIdHostile${n}`;
    const target = `worksheets/hostile${n}.xml`;
    this.edit("xl/workbook.xml", (x) =>
      x.replace(
        "</sheets>",
        `<sheet name="${xmlEscape(name)}" sheetId="${100 + n}" r:id="${id}"/></sheets>`
      )
    );
    this.edit("xl/_rels/workbook.xml.rels", (x) =>
      x.replace(
        "</Relationships>",
        `<Relationship Id="${id}" Type="${REL}/worksheet" Target="${target}"/></Relationships>`
      )
    );
    return this.set(`xl/${target}`, xml, level);
  }

  bytes(level: 0 | 1 | 6 | 9 = 6): Uint8Array {
    const zippable: Zippable = {};
    for (const [name, data] of Object.entries(this.parts))
      zippable[name] = [data, { level: this.levels.get(name) ?? level }];
    return zipSync(zippable);
  }
}

/** The bytes after `change` edited the .xlsx's parts. */
export function edited(
  bytes: Uint8Array,
  change: (x: XlsxEdit) => void,
  level?: 0 | 1 | 6 | 9
): Uint8Array {
  const x = new XlsxEdit(bytes);
  change(x);
  return x.bytes(level);
}

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Any JavaScript string as Excel writes it into a cell's XML text: characters XML cannot carry
 * (controls, CR, U+FFFE/U+FFFF, unpaired surrogates) as `_xHHHH_`, a literal `_xHHHH_` with its
 * underscore escaped as `_x005F_`, and &, <, > as entities.
 */
export function excelText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    if (high && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      out += text.slice(i, i + 2);
      i++;
    } else if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
      c === 0xfffe ||
      c === 0xffff ||
      high ||
      low
    )
      out += `_x${hex4(c)}_`;
    else if (c === 0x5f && /^_x[0-9A-Fa-f]{4}_/.test(text.slice(i))) out += "_x005F_";
    else if (c === 0x26) out += "&amp;";
    else if (c === 0x3c) out += "&lt;";
    else if (c === 0x3e) out += "&gt;";
    else out += text[i];
  }
  return out;
}

const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const hex4 = (c: number): string => c.toString(16).toUpperCase().padStart(4, "0");

/** A cell's value as another writer may leave it. */
export type RawCell =
  | string
  | number
  | boolean
  | null
  | { readonly error: string }
  | { readonly runs: readonly string[] }
  | { readonly xml: string };

/** The <c> element for a value at `ref`, keeping `attrs` (its style). Text is written inline. */
export function cellXml(ref: string, value: RawCell, attrs = ""): string {
  const open = (t: string): string => `<c r="${ref}"${attrs}${t ? ` t="${t}"` : ""}>`;
  if (value === null) return `<c r="${ref}"${attrs}/>`;
  if (typeof value === "string")
    return `${open("inlineStr")}<is><t xml:space="preserve">${excelText(value)}</t></is></c>`;
  if (typeof value === "number") return `${open("")}<v>${String(value)}</v></c>`;
  if (typeof value === "boolean") return `${open("b")}<v>${value ? 1 : 0}</v></c>`;
  if ("error" in value) return `${open("e")}<v>${excelText(value.error)}</v></c>`;
  if ("xml" in value) return `<c r="${ref}"${attrs}>${value.xml}</c>`;
  const runs = value.runs.map(
    (r, i) => `<r>${i % 2 ? "<rPr><b/></rPr>" : ""}<t xml:space="preserve">${excelText(r)}</t></r>`
  );
  return `${open("inlineStr")}<is>${runs.join("")}</is></c>`;
}

/** The worksheet XML with the cells at the given refs replaced (or added to their row when absent). */
export function withCells(xml: string, cells: Readonly<Record<string, RawCell>>): string {
  let out = xml;
  for (const [ref, value] of Object.entries(cells)) {
    const existing = new RegExp(
      `<c r="${ref}"((?:\\s+(?!t=)[\\w:]+="[^"]*")*)(?:\\s+t="[^"]*")?((?:\\s+[\\w:]+="[^"]*")*)\\s*(?:/>|>[\\s\\S]*?</c>)`
    );
    const m = existing.exec(out);
    if (m) {
      out =
        out.slice(0, m.index) +
        cellXml(ref, value, `${m[1] ?? ""}${m[2] ?? ""}`) +
        out.slice(m.index + m[0].length);
      continue;
    }
    const row = /\d+$/.exec(ref)?.[0] ?? "1";
    const rowTag = new RegExp(`<row r="${row}"[^>]*?(/>|>)`).exec(out);
    if (!rowTag) throw new Error(`no row ${row} for ${ref}`);
    // Appended at the row's end: the reader places cells by r, whatever their order.
    if (rowTag[1] === "/>")
      out = out.replace(rowTag[0], `${rowTag[0].slice(0, -2)}>${cellXml(ref, value)}</row>`);
    else {
      const end = out.indexOf("</row>", rowTag.index);
      out = out.slice(0, end) + cellXml(ref, value) + out.slice(end);
    }
  }
  return out;
}

/** The worksheet XML with a cached result written into a formula cell, as a stale or forged cache. */
export function withCachedValue(xml: string, ref: string, value: number): string {
  const cell = new RegExp(`(<c r="${ref}"[^>]*>)(<f>[\\s\\S]*?</f>)(?:<v>[^<]*</v>)?</c>`);
  if (!cell.test(xml)) throw new Error(`no formula cell ${ref}`);
  return xml.replace(cell, `$1$2<v>${value}</v></c>`);
}

/** Every shared string of the workbook as its raw <si> inner XML. */
function sharedItems(x: XlsxEdit): string[] {
  return [...x.text("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => m[1] ?? ""
  );
}

function decodeEntities(xml: string): string {
  return xml
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The text of a <si> (plain or rich), without its phonetic runs. */
function siText(inner: string): string {
  return [
    ...inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g),
  ]
    .map((m) => decodeEntities(m[1] ?? ""))
    .join("");
}

// ── The corpus ────────────────────────────────────────────────────────────────────────────────

/** An HTML table saved with an .xlsx name, as some web systems "export to Excel". */
export function htmlPage(): Uint8Array {
  return strToU8(
    `<html><head><meta charset="utf-8"><title>党支部打分表</title></head><body><table><tr><td>党支部名称</td><td>第一党支部</td></tr><tr><td>合计</td><td>100</td></tr></table></body></html>`
  );
}

/** A CSV export of a scoresheet renamed to .xlsx. */
export function csvText(): Uint8Array {
  return strToU8(
    "序号,考核项目,分值,填报,自评得分\nA1,党支部书记,3,0,3\nB2,组织生活,3,3,3\n合计,,100,,100\n"
  );
}

/** The first part of a file, as an interrupted upload or e-mail leaves it. */
export function truncated(bytes: Uint8Array, fraction = 0.5): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * fraction));
}

/** A Word document (a zip, but no workbook) with an .xlsx name. */
export function wordDocument(): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`
    ),
    "word/document.xml": strToU8(
      `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>关于报送达标创建材料的说明</w:t></w:r></w:p></w:body></w:document>`
    ),
  });
}

/**
 * A zip bomb: `mb` megabytes of blanks after the end of a sheet's XML (where XML allows them),
 * which deflate squeezes to about a thousandth. By default in the 打分表, which is always read.
 */
export function zipBomb(scoresheet: Uint8Array, mb = 60, sheet = "打分表"): Uint8Array {
  return edited(scoresheet, (x) => padPart(x, x.sheetPart(sheet), mb));
}

/** Appends `mb` megabytes of blanks to a part, deflated hard. */
function padPart(x: XlsxEdit, part: string, mb: number): void {
  const xml = strToU8(x.text(part));
  const padded = new Uint8Array(xml.length + mb * 2 ** 20).fill(0x20);
  padded.set(xml);
  x.set(part, padded, 9);
}

/** Rewrites the uncompressed size every zip header declares for one entry: a bomb that lies about its size. */
export function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (const entry of centralEntries(out)) {
    if (entry.name !== name) continue;
    view.setUint32(entry.at + 24, size, true);
    view.setUint32(entry.local + 22, size, true);
  }
  return out;
}

/** Sets the "encrypted" flag on every entry, as a zip tool's password (ZipCrypto) does. */
export function zipPassword(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (const entry of centralEntries(out)) {
    view.setUint16(entry.at + 8, view.getUint16(entry.at + 8, true) | 1, true);
    view.setUint16(entry.local + 6, view.getUint16(entry.local + 6, true) | 1, true);
  }
  return out;
}

function centralEntries(zip: Uint8Array): { name: string; at: number; local: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip");
  const entries: { name: string; at: number; local: number }[] = [];
  let at = view.getUint32(eocd + 16, true);
  for (let i = view.getUint16(eocd + 10, true); i > 0; i--) {
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)),
      at,
      local: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The 打分表 and the shared strings each padded to `mb` megabytes: each part within the limit, the workbook past it. */
export function oversizedParts(scoresheet: Uint8Array, mb = 30): Uint8Array {
  return edited(scoresheet, (x) => {
    padPart(x, x.sheetPart("打分表"), mb);
    padPart(x, "xl/sharedStrings.xml", mb);
  });
}

/** A scoresheet with `count` more numeric cells below its 打分表, 100 to a row from row 200. */
export function manyCells(scoresheet: Uint8Array, count = 200_000): Uint8Array {
  const rows = Array.from(
    { length: Math.ceil(count / 100) },
    (_, i) => `<row r="${200 + i}">${"<c><v>1</v></c>".repeat(100)}</row>`
  );
  return intoScoresheetRows(scoresheet, rows.join(""));
}

/** Appends XML at the end of the 打分表's <sheetData>. */
function intoScoresheetRows(scoresheet: Uint8Array, xml: string): Uint8Array {
  return edited(
    scoresheet,
    (x) =>
      x.edit(x.sheetPart("打分表"), (sheet) => sheet.replace("</sheetData>", `${xml}</sheetData>`)),
    6
  );
}

/** A scoresheet with `count` extra (empty) worksheets. */
export function manySheets(scoresheet: Uint8Array, count = 60): Uint8Array {
  return edited(scoresheet, (x) => {
    for (let i = 1; i <= count; i++) x.addSheet(`Sheet${i}`, worksheet(""));
  });
}

const XML_DECLARATION = /^<\?xml[^>]*\?>/;

function withPrologue(xml: string, prologue: string): string {
  return XML_DECLARATION.test(xml)
    ? xml.replace(XML_DECLARATION, (d) => d + prologue)
    : prologue + xml;
}

/** A harmless-looking DOCTYPE in the 打分表's XML. */
export function withDoctype(scoresheet: Uint8Array): Uint8Array {
  return edited(scoresheet, (x) =>
    x.edit(x.sheetPart("打分表"), (xml) => withPrologue(xml, "<!DOCTYPE worksheet>"))
  );
}

/** "Billion laughs": ten levels of entities, each ten of the one below, used by the first shared string. */
export function billionLaughs(scoresheet: Uint8Array): Uint8Array {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return edited(scoresheet, (x) =>
    x.edit("xl/sharedStrings.xml", (xml) =>
      withPrologue(xml, `<!DOCTYPE sst [${entities.join("")}]>`).replace(
        /<si>[\s\S]*?<\/si>/,
        "<si><t>&lol9;</t></si>"
      )
    )
  );
}

/** An external entity (XXE) that would pull a local file into the first sheet's name. */
export function externalEntity(scoresheet: Uint8Array): Uint8Array {
  return edited(scoresheet, (x) =>
    x.edit("xl/workbook.xml", (xml) =>
      withPrologue(xml, `<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`).replace(
        'name="打分表"',
        'name="&xxe;"'
      )
    )
  );
}

/** `mb` megabytes of ever deeper elements ("<a><a><a>…") in a row of the 打分表. */
export function deepNesting(scoresheet: Uint8Array, mb = 45): Uint8Array {
  return edited(scoresheet, (x) =>
    x.set(
      x.sheetPart("打分表"),
      x
        .text(x.sheetPart("打分表"))
        .replace("</sheetData>", `<row r="200">${"<a>".repeat(Math.floor((mb * 2 ** 20) / 3))}`),
      9
    )
  );
}

/** A row element of the 打分表 with `count` attributes (all `a=""`: saxes collects them all before it checks for repeats). */
export function manyAttributes(scoresheet: Uint8Array, count = 8_000_000): Uint8Array {
  return edited(scoresheet, (x) =>
    x.set(
      x.sheetPart("打分表"),
      x
        .text(x.sheetPart("打分表"))
        .replace("</sheetData>", `<row r="200"${' a=""'.repeat(count)}/></sheetData>`),
      9
    )
  );
}

/** A dimension claiming the whole sheet, and validations over whole columns, as some writers leave them. */
export function wholeSheetRanges(scoresheet: Uint8Array): Uint8Array {
  return edited(scoresheet, (x) =>
    x.edit(x.sheetPart("打分表"), (xml) =>
      xml
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
        .replace(
          /sqref="([A-Z]+)\d+(?::[A-Z]+\d+)?[^"]*"/g,
          (_, col: string) => `sqref="${col}1:${col}1048576"`
        )
        .replace(
          "</dataValidations>",
          `<dataValidation type="whole" allowBlank="1" sqref="E:E H:I"><formula1>0</formula1><formula2>999</formula2></dataValidation><dataValidation type="textLength" allowBlank="1" sqref="A1:XFD1048576"><formula1>0</formula1><formula2>32767</formula2></dataValidation></dataValidations>`
        )
    )
  );
}

/** Every shared-string cell rewritten as an inline string (rich runs where the text allows), and no sharedStrings part. */
export function inlineStrings(scoresheet: Uint8Array): Uint8Array {
  return edited(scoresheet, (x) => {
    const texts = sharedItems(x).map(siText);
    for (const name of x.names().filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
      x.edit(name, (xml) =>
        xml.replace(
          /<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
          (_, ref: string, a: string, b: string, index: string) => {
            const text = texts[Number(index)] ?? "";
            const chars = [...text];
            // Long text goes in two runs, the second in bold: what an editor leaves after formatting part of a cell.
            const value: RawCell =
              chars.length > 3
                ? { runs: [chars.slice(0, 2).join(""), chars.slice(2).join("")] }
                : text;
            return cellXml(ref, value, a + b);
          }
        )
      );
    }
    x.remove("xl/sharedStrings.xml");
    x.edit("xl/_rels/workbook.xml.rels", (xml) =>
      xml.replace(/<Relationship\b[^>]*Target="sharedStrings.xml"\/>/, "")
    );
    x.edit("[Content_Types].xml", (xml) =>
      xml.replace(/<Override\b[^>]*sharedStrings[^>]*\/>/, "")
    );
  });
}

/** Every element of the 打分表 written with an `x:` prefix, as the .NET Open XML SDK does. */
export function prefixedElements(scoresheet: Uint8Array): Uint8Array {
  return edited(scoresheet, (x) =>
    x.edit(x.sheetPart("打分表"), (xml) =>
      xml
        .replace(/<(\/?)(?![?!])([A-Za-z][\w]*)(?=[\s/>])/g, (tag, slash: string, name: string) =>
          name.includes(":") ? tag : `<${slash}x:${name}`
        )
        .replace(/<x:worksheet xmlns="[^"]*"/, `<x:worksheet xmlns:x="${MAIN}"`)
    )
  );
}

/** The 打分表 tab renamed (print titles follow, as Excel does), so it is found by its table, not its name. */
export function renamedScoresheet(scoresheet: Uint8Array, name = "Sheet1"): Uint8Array {
  return edited(scoresheet, (x) =>
    x.edit("xl/workbook.xml", (xml) =>
      xml.replace(/name="打分表"/, `name="${name}"`).replace(/&apos;打分表&apos;!/g, `${name}!`)
    )
  );
}

/** The hidden `_dabiao` sheet deleted (tab, relationship and part). */
export function withoutMetaSheet(scoresheet: Uint8Array): Uint8Array {
  return edited(scoresheet, (x) => {
    const part = x.sheetPart("_dabiao");
    const id =
      /<sheet\b[^>]*name="_dabiao"[^>]*r:id="([^"]+)"/.exec(x.text("xl/workbook.xml"))?.[1] ?? "";
    x.edit("xl/workbook.xml", (xml) => xml.replace(/<sheet\b[^>]*name="_dabiao"[^>]*\/>/, ""));
    x.edit("xl/_rels/workbook.xml.rels", (xml) =>
      xml.replace(new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*/>`), "")
    );
    x.remove(part);
  });
}

/** The sharedStrings part left out of the zip while cells still refer to it. */
export function withoutSharedStrings(scoresheet: Uint8Array): Uint8Array {
  return edited(scoresheet, (x) => x.remove("xl/sharedStrings.xml"));
}

/** One character of a cell's XML changed inside the zip (stored, so no deflate check notices), as a hex editor or failing disk does. */
export function changedByte(scoresheet: Uint8Array, ref = "D13"): Uint8Array {
  const bytes = edited(scoresheet, () => undefined, 0);
  const text = Buffer.from(bytes);
  const cell = text.indexOf(`<c r="${ref}"`);
  const value = text.indexOf("<v>", cell) + 3;
  if (cell < 0 || value < 3) throw new Error(`no value in ${ref}`);
  const out = bytes.slice();
  out[value] = out[value] === 0x39 ? 0x38 : 0x39;
  return out;
}

/** The 打分表's XML cut off in the middle (the zip itself intact). */
export function brokenXml(scoresheet: Uint8Array): Uint8Array {
  return edited(scoresheet, (x) =>
    x.edit(x.sheetPart("打分表"), (xml) => xml.slice(0, Math.floor(xml.length / 2)))
  );
}

/** The 打分表's relationship pointing out of the package ("../../etc/passwd"), or at an external file. */
export function hostileRelationship(
  scoresheet: Uint8Array,
  how: "traversal" | "external"
): Uint8Array {
  return edited(scoresheet, (x) => {
    const id =
      /<sheet\b[^>]*name="打分表"[^>]*r:id="([^"]+)"/.exec(x.text("xl/workbook.xml"))?.[1] ?? "";
    x.edit("xl/_rels/workbook.xml.rels", (xml) =>
      xml.replace(
        new RegExp(`(<Relationship\\b[^>]*Id="${id}"[^>]*)Target="[^"]*"`),
        (_, head: string) =>
          how === "traversal"
            ? `${head}Target="../../../../etc/passwd"`
            : `${head}Target="file:///etc/passwd" TargetMode="External"`
      )
    );
  });
}

/** A scoresheet with a long text (`length` characters) as the explanation of an item. */
export function longNote(scoresheet: Uint8Array, ref: string, length: number): Uint8Array {
  const text = "根据会议记录，".repeat(Math.ceil(length / 7)).slice(0, length);
  return edited(scoresheet, (x) =>
    x.edit(x.sheetPart("打分表"), (xml) => withCells(xml, { [ref]: text }))
  );
}

/** A legitimate-looking workbook just under the size limit: `cells` text cells of `length` ASCII characters. */
export function nearLimitWorkbook(cells: number, length: number): Uint8Array {
  const x = new XlsxEdit(
    zipSync({
      "xl/workbook.xml": strToU8(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets></sheets></workbook>`
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`
      ),
    })
  );
  const strings = Array.from(
    { length: cells },
    (_, i) => `<si><t>${String(i).padStart(length, "x")}</t></si>`
  );
  x.set("xl/sharedStrings.xml", `<sst xmlns="${MAIN}">${strings.join("")}</sst>`);
  const rows: string[] = [];
  for (let r = 0; r < cells / 10; r++)
    rows.push(
      `<row>${Array.from({ length: 10 }, (_, c) => `<c t="s"><v>${r * 10 + c}</v></c>`).join("")}</row>`
    );
  x.addSheet("数据", worksheet(rows.join("")));
  x.edit("xl/_rels/workbook.xml.rels", (xml) =>
    xml.replace(
      "</Relationships>",
      `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
    )
  );
  return x.bytes();
}
