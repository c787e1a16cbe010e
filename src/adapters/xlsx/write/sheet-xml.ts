import { cellRef } from "../../../sheet/address";
import type { SheetSpec } from "../../../sheet/spec";
import { SheetLayout } from "./sheet-layout";
import { rowsXml, type CellContext } from "./sheet-rows";
import { argb } from "./styles";
import { hasComments, LEGACY_DRAWING_ID } from "./package";
import { validationsXml } from "./validations";
import { attributes, MAIN_NS, RELATIONSHIPS_NS, XML_HEADER, xmlText } from "./xml";

const A4_PAPER = 9;
/** The height of rows without one of their own: what exceljs wrote, and what the layouts were drawn against. */
const DEFAULT_ROW_HEIGHT = 15;
/** Excel's default margins, in inches. */
const PAGE_MARGINS =
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

/** How one sheet sits in its workbook. */
export interface SheetPlace extends CellContext {
  /** True for the sheet shown when the workbook opens. */
  readonly selected: boolean;
}

/**
 * A worksheet part, in chunks: the elements before the cells, the rows as they are produced, the
 * elements after (worked out first, so a bad merge or validation refuses before any row is written).
 */
export function* sheetXml(sheet: SheetSpec, place: SheetPlace): Generator<string> {
  const layout = new SheetLayout(sheet);
  const tail = tailXml(sheet, layout.merges, place);
  yield `${XML_HEADER}<worksheet ${MAIN_NS} ${RELATIONSHIPS_NS}>${headXml(sheet, layout.dimension, place)}<sheetData>`;
  yield* rowsXml(sheet, layout, place);
  yield `</sheetData>${tail}</worksheet>`;
}

/** sheetPr, dimension, sheetViews, sheetFormatPr and cols, in the schema's order. */
function headXml(sheet: SheetSpec, dimension: string, place: SheetPlace): string {
  const tab = sheet.tabColour === undefined ? "" : `<tabColor rgb="${argb(sheet.tabColour)}"/>`;
  const fit = sheet.print?.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "";
  const sheetPr = tab + fit === "" ? "" : `<sheetPr>${tab}${fit}</sheetPr>`;
  return (
    sheetPr +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews><sheetView${attributes({ tabSelected: place.selected ? 1 : undefined, workbookViewId: 0 })}>${paneXml(sheet)}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="${DEFAULT_ROW_HEIGHT}"/>` +
    colsXml(sheet)
  );
}

/** A frozen pane: the rows above and columns left of topLeftCell stay put. */
function paneXml(sheet: SheetSpec): string {
  const { rows = 0, columns = 0 } = sheet.freeze ?? {};
  if (rows <= 0 && columns <= 0) return "";
  const pane = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  const topLeft = cellRef(rows, columns);
  return (
    `<pane${attributes({ xSplit: columns || undefined, ySplit: rows || undefined, topLeftCell: topLeft, activePane: pane, state: "frozen" })}/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>`
  );
}

/** Column widths, neighbours with the same width and visibility in one <col>. */
function colsXml(sheet: SheetSpec): string {
  let xml = "";
  const columns = sheet.columns;
  for (let first = 0; first < columns.length;) {
    const c = columns[first]!;
    let last = first;
    while (columns[last + 1]?.width === c.width && !columns[last + 1]?.hidden === !c.hidden) last++;
    xml += `<col${attributes({ min: first + 1, max: last + 1, width: c.width, hidden: c.hidden ? 1 : undefined, customWidth: 1 })}/>`;
    first = last + 1;
  }
  return xml === "" ? "" : `<cols>${xml}</cols>`;
}

/** Everything after sheetData, in the schema's order (ECMA-376 CT_Worksheet). */
function tailXml(sheet: SheetSpec, merges: readonly string[], place: SheetPlace): string {
  const print = sheet.print;
  return (
    // No password: it guards against slips, not people; formatColumns/Rows="0" leaves sizes adjustable.
    (sheet.protect
      ? '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>'
      : "") +
    (sheet.autoFilter === undefined
      ? ""
      : `<autoFilter${attributes({ ref: sheet.autoFilter })}/>`) +
    (merges.length === 0
      ? ""
      : `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`) +
    sheet.conditionalFormats
      .map(
        (cf, i) =>
          `<conditionalFormatting${attributes({ sqref: cf.ranges.join(" ") })}>` +
          `<cfRule type="expression" dxfId="${place.styles.dxfIndex(cf.style)}" priority="${i + 1}">` +
          `<formula>${xmlText(cf.formula)}</formula></cfRule></conditionalFormatting>`
      )
      .join("") +
    validationsXml(sheet) +
    hyperlinksXml(sheet) +
    PAGE_MARGINS +
    (print === undefined
      ? ""
      : `<pageSetup${attributes({
          paperSize: A4_PAPER,
          orientation: print.orientation,
          // fitToHeight 0: as many pages down as the rows need, one page across.
          fitToWidth: print.fitToWidth ? 1 : undefined,
          fitToHeight: print.fitToWidth ? 0 : undefined,
          cellComments: print.comments,
        })}/>`) +
    (print?.footer === undefined
      ? ""
      : `<headerFooter><oddFooter>${xmlText(print.footer)}</oddFooter></headerFooter>`) +
    rowBreaksXml(print?.breaks ?? []) +
    (hasComments(sheet) ? `<legacyDrawing r:id="${LEGACY_DRAWING_ID}"/>` : "")
  );
}

/** In-workbook links: a location, no relationship (only links out of the file need one). */
function hyperlinksXml(sheet: SheetSpec): string {
  const links = sheet.links ?? [];
  if (links.length === 0) return "";
  const each = links.map(
    (l) => `<hyperlink${attributes({ ref: l.ref, location: l.location, tooltip: l.tooltip })}/>`
  );
  return `<hyperlinks>${each.join("")}</hyperlinks>`;
}

/** Manual page breaks; a break's id is the 0-based row the new page starts with. */
function rowBreaksXml(breaks: readonly number[]): string {
  if (breaks.length === 0) return "";
  const brk = breaks.map((row) => `<brk id="${row}" max="16383" man="1"/>`).join("");
  return `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${brk}</rowBreaks>`;
}
