import { strToU8, zipSync, type Zippable } from "fflate";

/** One sheet of a fixture workbook: its tab name, its worksheet XML, and optionally its part's target. */
export interface FixtureSheet {
  name: string;
  xml: string;
  state?: "hidden" | "veryHidden";
  /** The relationship Target, relative to xl/ or absolute; default worksheets/sheetN.xml. */
  target?: string;
  /** Where the part is stored in the zip, when the target is not plain (has "../"). */
  part?: string;
}

/** Extra control over a fixture: shared strings, parts to add or replace, parts to leave out. */
export interface FixtureOptions {
  sharedStrings?: string;
  parts?: Record<string, string | Uint8Array>;
  omit?: string[];
  /** Deflate level; 0 stores parts uncompressed, so byte mutations land in the XML itself. */
  level?: 0 | 6 | 9;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_REL = `${REL}/worksheet`;

/** Worksheet XML around the given <sheetData> content. */
export function worksheet(sheetData: string, before = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}">${before}<sheetData>${sheetData}</sheetData></worksheet>`;
}

/** A shared-strings part from the inner XML of each <si>, e.g. "<t>合计</t>". */
export function sharedStrings(...items: string[]): string {
  const body = items.map((item) => `<si>${item}</si>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${items.length}" uniqueCount="${items.length}">${body}</sst>`;
}

/** A minimal valid .xlsx holding the given sheets, zipped with fflate. */
export function xlsxFixture(sheets: FixtureSheet[], options: FixtureOptions = {}): Uint8Array {
  const parts: Record<string, string | Uint8Array> = {
    "[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    "xl/workbook.xml": workbookXml(sheets),
    "xl/_rels/workbook.xml.rels": relsXml(sheets),
  };
  sheets.forEach(
    (sheet, i) => (parts[sheet.part ?? partName(sheet.target ?? defaultTarget(i))] = sheet.xml)
  );
  if (options.sharedStrings !== undefined) parts["xl/sharedStrings.xml"] = options.sharedStrings;
  Object.assign(parts, options.parts);
  for (const name of options.omit ?? []) delete parts[name];
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(parts)) {
    zippable[name] = typeof content === "string" ? strToU8(content) : content;
  }
  return zipSync(zippable, { level: options.level ?? 6 });
}

/** Rewrites the uncompressed size a zip declares for one entry (local header and central directory). */
export function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  // [signature, where the name length is, where the uncompressed size is, where the name starts]
  const headers = [
    [0x04034b50, 26, 22, 30],
    [0x02014b50, 28, 24, 46],
  ] as const;
  for (let at = 0; at + 46 <= out.length; at++) {
    for (const [signature, nameLengthAt, sizeAt, nameAt] of headers) {
      if (view.getUint32(at, true) !== signature) continue;
      if (view.getUint16(at + nameLengthAt, true) !== nameBytes.length) continue;
      if (nameBytes.every((b, i) => out[at + nameAt + i] === b))
        view.setUint32(at + sizeAt, size, true);
    }
  }
  return out;
}

function workbookXml(sheets: FixtureSheet[]): string {
  const list = sheets
    .map((s, i) => {
      const state = s.state ? ` state="${s.state}"` : "";
      return `<sheet name="${s.name}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${list}</sheets></workbook>`;
}

function relsXml(sheets: FixtureSheet[]): string {
  const rels = sheets
    .map(
      (s, i) =>
        `<Relationship Id="rId${i + 1}" Type="${WORKSHEET_REL}" Target="${s.target ?? defaultTarget(i)}"/>`
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
}

function defaultTarget(i: number): string {
  return `worksheets/sheet${i + 1}.xml`;
}

function partName(target: string): string {
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}
