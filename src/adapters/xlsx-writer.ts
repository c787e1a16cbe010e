import ExcelJS from "exceljs";
import { unzipSync, zipSync, strFromU8, strToU8 } from "fflate";
import { cellRef, parseRef } from "../core/address";
import {
  isFormulaCell,
  type CellSpec,
  type CellStyle,
  type Colour,
  type ConditionalFormatSpec,
  type SheetSpec,
  type ValidationSpec,
  type WorkbookSpec,
} from "../core/spec";

/** Official Chinese forms are set in 宋体; LibreOffice substitutes a CJK serif where it is missing. */
const FONT = { name: "宋体", size: 11, charset: 134 } as const;
const A4_PAPER = 9;
/** Excel's last row: a range reaching it is a whole column, which exceljs expands cell by cell on read (#1842). */
const LAST_ROW = 1048575;

/** Renders a workbook description into .xlsx bytes. */
export async function writeXlsx(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.title = spec.properties.title;
  wb.creator = spec.properties.creator;
  // Asks Excel and WPS to recalculate on open, so cached results can never be shown stale.
  wb.calcProperties.fullCalcOnLoad = true;
  const styles = styleTable(spec.styles);
  const validationsBySheetFile = new Map<string, string>();
  for (const sheet of spec.sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.state });
    await drawSheet(ws, sheet, styles);
    if (sheet.validations.length > 0) {
      validationsBySheetFile.set(
        `xl/worksheets/sheet${ws.id}.xml`,
        validationsXml(sheet),
      );
    }
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return validationsBySheetFile.size > 0
    ? injectValidations(bytes, validationsBySheetFile)
    : bytes;
}

type StyleTable = ReadonlyMap<string | undefined, Partial<ExcelJS.Style>>;

/** One exceljs style object per named style (plus the unnamed one), shared by every cell using it. */
function styleTable(named: Readonly<Record<string, CellStyle>>): StyleTable {
  const table = new Map<string | undefined, Partial<ExcelJS.Style>>([
    [undefined, toExcelStyle({})],
  ]);
  for (const [name, style] of Object.entries(named))
    table.set(name, toExcelStyle(style));
  return table;
}

function toExcelStyle(style: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {
    font: {
      ...FONT,
      ...(style.font?.size !== undefined && { size: style.font.size }),
      ...(style.font?.bold && { bold: true }),
      ...(style.font?.italic && { italic: true }),
      ...(style.font?.colour !== undefined && {
        color: argb(style.font.colour),
      }),
    },
  };
  if (style.fill !== undefined)
    out.fill = { type: "pattern", pattern: "solid", fgColor: argb(style.fill) };
  if (style.align) {
    out.alignment = {
      ...(style.align.horizontal && { horizontal: style.align.horizontal }),
      ...(style.align.vertical && { vertical: style.align.vertical }),
      ...(style.align.wrap && { wrapText: true }),
    };
  }
  if (style.border) {
    const thin: Partial<ExcelJS.Border> = { style: "thin" };
    out.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  if (style.numFmt !== undefined) out.numFmt = style.numFmt;
  if (style.locked === false) out.protection = { locked: false };
  return out;
}

function argb(colour: Colour): Partial<ExcelJS.Color> {
  return { argb: `FF${colour.toUpperCase()}` };
}

async function drawSheet(
  ws: ExcelJS.Worksheet,
  sheet: SheetSpec,
  styles: StyleTable,
): Promise<void> {
  layOut(ws, sheet);
  for (const cell of sheet.cells) drawCell(ws, cell, styles);
  // After the cells: a merge gives the covered cells the top-left cell's style, as Excel's own
  // Merge does, so borders and fill span the whole merged area.
  for (const range of sheet.merges) ws.mergeCells(range);
  if (sheet.print) setUpPrinting(ws, sheet.print);
  sheet.conditionalFormats.forEach((cf, i) =>
    ws.addConditionalFormatting(conditionalFormat(cf, i + 1)),
  );
  if (sheet.protect) {
    // No password: hashing one with exceljs's spinCount costs ~150 ms a sheet, and this protection
    // guards against slips, not against people.
    await ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }
}

function layOut(ws: ExcelJS.Worksheet, sheet: SheetSpec): void {
  sheet.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    if (c.hidden) column.hidden = true;
  });
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {})) {
    ws.getRow(Number(row)).height = height;
  }
  if (sheet.tabColour !== undefined) {
    ws.properties.tabColor = argb(sheet.tabColour);
  }
  const { rows = 0, columns = 0 } = sheet.freeze ?? {};
  if (rows > 0 || columns > 0) {
    ws.views = [{ state: "frozen", xSplit: columns, ySplit: rows }];
  }
  if (sheet.autoFilter !== undefined) ws.autoFilter = sheet.autoFilter;
}

function drawCell(
  ws: ExcelJS.Worksheet,
  spec: CellSpec,
  styles: StyleTable,
): void {
  const cell = ws.getCell(spec.ref);
  const style = styles.get(spec.style);
  if (style === undefined)
    throw new Error(
      `cell ${spec.ref} uses unknown style "${spec.style ?? ""}"`,
    );
  cell.style = style;
  if (isFormulaCell(spec)) {
    cell.value =
      spec.result === undefined
        ? { formula: spec.formula }
        : { formula: spec.formula, result: spec.result };
  } else if (spec.value !== null) {
    // exceljs stores a JS string as a shared string whatever it starts with ("=", "+", "-", "@"); tests hold it to that.
    cell.value = spec.value;
  }
}

function setUpPrinting(
  ws: ExcelJS.Worksheet,
  print: NonNullable<SheetSpec["print"]>,
): void {
  // Assigned into exceljs's defaults, which carry the page margins.
  Object.assign(ws.pageSetup, {
    paperSize: A4_PAPER,
    orientation: print.orientation,
    // fitToHeight 0: as many pages down as the rows need, one page across.
    ...(print.fitToWidth && { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
    ...(print.titleRows !== undefined && { printTitlesRow: print.titleRows }),
    ...(print.area !== undefined && { printArea: absoluteRows(print.area) }),
  });
  if (print.footer !== undefined) ws.headerFooter.oddFooter = print.footer;
}

/** exceljs prefixes only a "$" to each end of the print area; "A$1" makes the defined name fully absolute. */
function absoluteRows(area: string): string {
  return area
    .split(":")
    .map((end) => end.replace(/^\$?([A-Za-z]+)\$?(\d+)$/, "$1$$$2"))
    .join(":");
}

function conditionalFormat(
  cf: ConditionalFormatSpec,
  priority: number,
): ExcelJS.ConditionalFormattingOptions {
  const { fill, fontColour, bold } = cf.style;
  const style: Partial<ExcelJS.Style> = {};
  if (fill !== undefined) {
    // Both colours: Excel paints a differential solid fill with bgColor, other readers with fgColor.
    style.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: argb(fill),
      bgColor: argb(fill),
    };
  }
  if (fontColour !== undefined || bold) {
    style.font = {
      ...(fontColour !== undefined && { color: argb(fontColour) }),
      ...(bold && { bold }),
    };
  }
  return {
    ref: cf.ranges.join(" "),
    rules: [{ type: "expression", formulae: [cf.formula], style, priority }],
  };
}

// ---------------------------------------------------------------------------------------------------
// Data validations are written into the sheet XML by hand: exceljs keeps them per cell and its range
// optimiser can write overlapping ranges (#2820) and cannot take "E12:E14 E16" as one rule.

/** The <dataValidations> element of a sheet: one <dataValidation> per spec, with the spec's ranges. */
function validationsXml(sheet: SheetSpec): string {
  const ruled = sheet.validations.map((v) => ({
    v,
    rects: v.ranges.map((r) => rectOf(sheet.name, r)),
  }));
  assertNoOverlap(
    sheet.name,
    ruled.flatMap((r) => r.rects),
  );
  const rules = ruled.map(({ v, rects }) =>
    validationXml(v, rects.map((r) => r.text).join(" ")),
  );
  return `<dataValidations count="${rules.length}">${rules.join("")}</dataValidations>`;
}

function validationXml(v: ValidationSpec, sqref: string): string {
  const [formula1, formula2] = formulaeOf(v);
  const attributes: Record<string, string | undefined> = {
    type: v.type,
    operator: operatorOf(v),
    allowBlank: v.allowBlank ? "1" : undefined,
    showInputMessage: "1",
    showErrorMessage: "1",
    errorStyle: v.error.style,
    errorTitle: v.error.title,
    error: v.error.text,
    promptTitle: v.prompt.title,
    prompt: v.prompt.text,
    sqref,
  };
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");
  const formulae = [formula1, formula2].map((f, i) =>
    f === undefined
      ? ""
      : `<formula${i + 1}>${escapeText(f)}</formula${i + 1}>`,
  );
  return `<dataValidation${attrs}>${formulae.join("")}</dataValidation>`;
}

function formulaeOf(v: ValidationSpec): [string, string?] {
  if (v.type === "list") return [listFormula(v.list ?? [])];
  if (v.type !== "custom") return boundFormulae(v);
  if (v.formula === undefined)
    throw new Error(
      `a custom validation over ${v.ranges.join(" ")} needs a formula`,
    );
  return [v.formula];
}

/** Both bounds: "between", Excel's default, so no operator is written; lists and formulas take none. */
function operatorOf(v: ValidationSpec): string | undefined {
  if (v.type === "list" || v.type === "custom") return undefined;
  if (v.min !== undefined && v.max === undefined) return "greaterThanOrEqual";
  if (v.min === undefined && v.max !== undefined) return "lessThanOrEqual";
  return undefined;
}

function boundFormulae(v: ValidationSpec): [string, string?] {
  if (v.min !== undefined && v.max !== undefined)
    return [String(v.min), String(v.max)];
  const bound = v.min ?? v.max;
  if (bound === undefined)
    throw new Error(
      `a ${v.type} validation over ${v.ranges.join(" ")} needs min or max`,
    );
  return [String(bound)];
}

/** A literal dropdown list: Excel rejects the whole file when it exceeds 255 characters or items hold commas. */
function listFormula(items: readonly string[]): string {
  if (items.length === 0) throw new Error("a dropdown list needs items");
  if (items.some((item) => item.includes(",")))
    throw new Error(`list items may not contain commas: ${items.join("|")}`);
  const formula = `"${items.join(",").replace(/"/g, '""')}"`;
  if (formula.length > 257)
    throw new Error(`list too long for a dropdown: ${formula}`);
  return formula;
}

interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly text: string;
}

function rectOf(sheetName: string, range: string): Rect {
  const [first = "", last = first, extra] = range.trim().split(":");
  const a = parseRef(first);
  const b = parseRef(last);
  if (!a || !b || extra !== undefined)
    throw new Error(`bad validation range "${range}" on sheet ${sheetName}`);
  const rect = {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
  if (rect.bottom >= LAST_ROW)
    throw new Error(`whole-column validation "${range}" on sheet ${sheetName}`);
  const tl = cellRef(rect.top, rect.left);
  const br = cellRef(rect.bottom, rect.right);
  return { ...rect, text: tl === br ? tl : `${tl}:${br}` };
}

/** Overlapping validations make Excel repair the file; they are a bug in the description. */
function assertNoOverlap(sheetName: string, rects: readonly Rect[]): void {
  rects.forEach((a, i) => {
    for (const b of rects.slice(i + 1)) {
      if (
        a.left <= b.right &&
        b.left <= a.right &&
        a.top <= b.bottom &&
        b.top <= a.bottom
      ) {
        throw new Error(
          `validations overlap on sheet ${sheetName}: ${a.text} and ${b.text}`,
        );
      }
    }
  });
}

/** Elements that follow <dataValidations> in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER_VALIDATIONS =
  /<(hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[\s/>]|<\/worksheet>/;

function injectValidations(
  xlsx: Uint8Array,
  xmlBySheetFile: ReadonlyMap<string, string>,
): Uint8Array {
  const files = unzipSync(xlsx);
  for (const [path, validations] of xmlBySheetFile) {
    const file = files[path];
    if (file === undefined) throw new Error(`exceljs wrote no ${path}`);
    const xml = strFromU8(file);
    const tail = xml.indexOf("</sheetData>");
    const at = tail < 0 ? -1 : xml.slice(tail).search(AFTER_VALIDATIONS);
    if (at < 0 || xml.includes("<dataValidations"))
      throw new Error(`unexpected worksheet XML in ${path}`);
    files[path] = strToU8(
      xml.slice(0, tail + at) + validations + xml.slice(tail + at),
    );
  }
  return zipSync(files);
}

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\n": "&#10;",
  "\r": "&#13;",
  "\t": "&#9;",
};

/** Line breaks are escaped too: XML parsers fold raw ones in attributes into spaces. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\n\r\t]/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Formula text keeps its quotes readable, as Excel writes it. */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (ch) => ENTITIES[ch] ?? ch);
}
