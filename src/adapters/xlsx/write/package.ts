import { columnName } from "../../../sheet/address";
import type { SheetSpec, WorkbookSpec } from "../../../sheet/spec";
import { parseRange } from "../../../sheet/range";
import { attributes, MAIN_NS, RELATIONSHIPS_NS, XML_HEADER, xmlText } from "./xml";

const TYPES = "application/vnd.openxmlformats-officedocument";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The path of the n-th worksheet part (1-based). */
export function sheetPath(n: number): string {
  return `xl/worksheets/sheet${n}.xml`;
}

/** True when a sheet has comments, and so a comments part, a VML drawing and relationships of its own. */
export function hasComments(sheet: SheetSpec): boolean {
  return (sheet.comments ?? []).length > 0;
}

/** The relationships part of the n-th worksheet (1-based). */
export function sheetRelsPath(n: number): string {
  return `xl/worksheets/_rels/sheet${n}.xml.rels`;
}

/** The r:id a worksheet with comments gives its VML drawing (its comments part is rId1). */
export const LEGACY_DRAWING_ID = "rId2";

/** xl/worksheets/_rels/sheetN.xml.rels: the sheet's comments and the VML drawing that shows them. */
export function sheetRelsXml(n: number): string {
  return relationships([
    [`${REL}/comments`, `../comments${n}.xml`],
    [`${REL}/vmlDrawing`, `../drawings/vmlDrawing${n}.vml`],
  ]);
}

/** [Content_Types].xml: what each part is. */
export function contentTypesXml(all: readonly SheetSpec[]): string {
  const override = (part: string, type: string): string =>
    `<Override PartName="/${part}" ContentType="${type}"/>`;
  const sheets = all.map((_, i) =>
    override(sheetPath(i + 1), `${TYPES}.spreadsheetml.worksheet+xml`)
  );
  const comments = all.flatMap((s, i) =>
    hasComments(s)
      ? [override(`xl/comments${i + 1}.xml`, `${TYPES}.spreadsheetml.comments+xml`)]
      : []
  );
  return (
    `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    (comments.length > 0 ? `<Default Extension="vml" ContentType="${TYPES}.vmlDrawing"/>` : "") +
    override("xl/workbook.xml", `${TYPES}.spreadsheetml.sheet.main+xml`) +
    sheets.join("") +
    comments.join("") +
    override("xl/styles.xml", `${TYPES}.spreadsheetml.styles+xml`) +
    override("xl/sharedStrings.xml", `${TYPES}.spreadsheetml.sharedStrings+xml`) +
    override("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
    override("docProps/app.xml", `${TYPES}.extended-properties+xml`) +
    "</Types>"
  );
}

/** _rels/.rels: where the workbook and the document properties are. */
export function packageRelsXml(): string {
  return relationships([
    [`${REL}/officeDocument`, "xl/workbook.xml"],
    [
      "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
      "docProps/core.xml",
    ],
    [`${REL}/extended-properties`, "docProps/app.xml"],
  ]);
}

/** xl/_rels/workbook.xml.rels: the sheets as rId1…rIdN, then styles and shared strings. */
export function workbookRelsXml(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i): [string, string] => [
    `${REL}/worksheet`,
    `worksheets/sheet${i + 1}.xml`,
  ]);
  return relationships([
    ...sheets,
    [`${REL}/styles`, "styles.xml"],
    [`${REL}/sharedStrings`, "sharedStrings.xml"],
  ]);
}

function relationships(targets: readonly (readonly [string, string])[]): string {
  const rels = targets.map(
    ([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`
  );
  return `${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
}

/** docProps/core.xml: title and creator. */
export function coreXml(properties: WorkbookSpec["properties"]): string {
  return (
    `${XML_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(properties.title)}</dc:title><dc:creator>${xmlText(properties.creator)}</dc:creator>` +
    "</cp:coreProperties>"
  );
}

/**
 * docProps/app.xml, naming this program. (LibreOffice then takes row heights exactly as written,
 * where for a file from "Microsoft Excel" it snaps them to Excel's pixel grid: 20 pt shows as 19.5.)
 */
export function appXml(): string {
  return `${XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Dabiao</Application></Properties>`;
}

/** xl/workbook.xml: the sheets in order with their visibility, print names, and recalculation on load. */
export function workbookXml(sheets: readonly SheetSpec[], active: number): string {
  const entries = sheets.map(
    (s, i) =>
      `<sheet${attributes({ name: s.name, sheetId: i + 1, state: s.state === "visible" ? undefined : s.state })} r:id="rId${i + 1}"/>`
  );
  const names = sheets.flatMap(definedNames);
  return (
    `${XML_HEADER}<workbook ${MAIN_NS} ${RELATIONSHIPS_NS}>` +
    `<bookViews><workbookView${attributes({ activeTab: active || undefined })}/></bookViews>` +
    `<sheets>${entries.join("")}</sheets>` +
    (names.length > 0 ? `<definedNames>${names.join("")}</definedNames>` : "") +
    // Asks Excel and WPS to recalculate on open, so cached results can never be shown stale.
    '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
    "</workbook>"
  );
}

/** The sheet shown on opening: the first visible one. A workbook must have one, or Excel repairs it. */
export function activeSheet(sheets: readonly SheetSpec[]): number {
  const names = new Set<string>();
  for (const s of sheets) {
    if (!/^[^:\\/?*[\]]{1,31}$/.test(s.name) || s.name.startsWith("'") || s.name.endsWith("'"))
      throw new Error(`"${s.name}" cannot be a sheet name in Excel`);
    if (names.has(s.name.toLowerCase())) throw new Error(`two sheets are named "${s.name}"`);
    names.add(s.name.toLowerCase());
  }
  const active = sheets.findIndex((s) => s.state === "visible");
  if (active < 0) throw new Error("a workbook needs a visible sheet");
  return active;
}

/** Print titles, print area and the filter range, as the sheet-local names Excel keeps them under. */
function definedNames(sheet: SheetSpec, index: number): string[] {
  const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
  const name = (what: string, ref: string, hidden = false): string =>
    `<definedName${attributes({ name: what, localSheetId: index, hidden: hidden ? 1 : undefined })}>` +
    `${xmlText(`${quoted}!${ref}`).replace(/'/g, "&apos;")}</definedName>`;
  const out: string[] = [];
  const { titleRows, area } = sheet.print ?? {};
  if (area !== undefined) out.push(name("_xlnm.Print_Area", absoluteRange(sheet.name, area)));
  if (titleRows !== undefined)
    out.push(name("_xlnm.Print_Titles", absoluteRows(sheet.name, titleRows)));
  if (sheet.autoFilter !== undefined)
    out.push(name("_xlnm._FilterDatabase", absoluteRange(sheet.name, sheet.autoFilter), true));
  return out;
}

/** "A1:D8" → "$A$1:$D$8". */
function absoluteRange(sheetName: string, range: string): string {
  const rect = parseRange(range);
  if (rect === undefined) throw new Error(`bad range "${range}" on sheet ${sheetName}`);
  const end = (row: number, col: number): string => `$${columnName(col)}$${row + 1}`;
  return `${end(rect.top, rect.left)}:${end(rect.bottom, rect.right)}`;
}

/** "10:11" → "$10:$11". */
function absoluteRows(sheetName: string, rows: string): string {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(rows.trim());
  if (m === null) throw new Error(`bad title rows "${rows}" on sheet ${sheetName}`);
  return `$${m[1] ?? ""}:$${m[2] ?? ""}`;
}
