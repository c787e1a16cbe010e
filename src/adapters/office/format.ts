/* global Excel */
// How one range is formatted in Office.js terms: cell styles, data validation, conditional formats,
// and the sheet-wide layout (freeze panes, print setup, protection last).
import { rangeText, type Rect } from "../../sheet/range";
import type { CellStyle, ConditionalFormatSpec, SheetSpec, ValidationSpec } from "../../sheet/spec";
import { footerSections } from "./plan";

/** Options of a render. */
export interface RenderOptions {
  /** Print setup and auto-filters (ExcelApi 1.9); off on older Excel. */
  readonly printSetup: boolean;
  /** One style to many areas at once through `getRanges` (ExcelApi 1.9); per rectangle without it. */
  readonly rangeAreas?: boolean;
  /** Stops the render between batches; the half-built sheets are removed. */
  readonly signal?: AbortSignal;
  /**
   * Gives the thread back to the page for a moment (a macrotask); setTimeout 0 without it. Timers
   * are throttled in a hidden page, so the pane passes a MessageChannel one.
   */
  readonly nextTask?: () => Promise<void>;
  /** Told as each sheet is started and after each batch is sent. */
  readonly onProgress?: (progress: RenderProgress) => void;
}

/** Where a render has got to: the sheet being drawn (1-based, of how many) and the batches sent so far. */
export interface RenderProgress {
  readonly sheet: number;
  readonly sheets: number;
  readonly name: string;
  readonly batches: number;
}

const FONT_NAME = "宋体";
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;

/** The border edges a style draws on an area: inside lines only where the area has them. */
export function borderEdges(style: CellStyle, rect: Rect): string[] {
  if (!style.border) return [];
  const edges: string[] = [...EDGES];
  if (rect.bottom > rect.top) edges.push("InsideHorizontal");
  if (rect.right > rect.left) edges.push("InsideVertical");
  return edges;
}

/** The cell format of a style on a range or on many areas at once (number formats go per range). */
export function applyStyle(
  r: Excel.Range | Excel.RangeAreas,
  style: CellStyle,
  edges: readonly string[]
): void {
  const f = r.format;
  f.font.name = FONT_NAME;
  f.font.size = style.font?.size ?? 11;
  if (style.font?.bold) f.font.bold = true;
  if (style.font?.italic) f.font.italic = true;
  if (style.font?.colour) f.font.color = `#${style.font.colour}`;
  if (style.fill) f.fill.color = `#${style.fill}`;
  const a = style.align;
  if (a?.horizontal)
    f.horizontalAlignment =
      a.horizontal === "left" ? "Left" : a.horizontal === "right" ? "Right" : "Center";
  if (a?.vertical)
    f.verticalAlignment =
      a.vertical === "top" ? "Top" : a.vertical === "bottom" ? "Bottom" : "Center";
  if (a?.wrap) f.wrapText = true;
  for (const edge of edges) f.borders.getItem(edge as Excel.BorderIndex).style = "Continuous";
  // Unlocked before the sheet is protected: protection is the last thing layOut does.
  if (style.locked === false) f.protection.locked = false;
}

export function validate(r: Excel.Range, v: ValidationSpec, formula: string | undefined): void {
  const dv = r.dataValidation;
  dv.rule = validationRule(v, formula);
  dv.ignoreBlanks = v.allowBlank;
  dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.text };
  dv.errorAlert = {
    showAlert: true,
    style: v.error.style === "stop" ? "Stop" : "Warning",
    title: v.error.title,
    message: v.error.text,
  };
}

function validationRule(v: ValidationSpec, formula: string | undefined): Excel.DataValidationRule {
  if (v.type === "list")
    return { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } };
  if (v.type === "custom") return { custom: { formula: `=${formula ?? v.formula ?? "TRUE"}` } };
  const operator =
    v.min !== undefined && v.max !== undefined
      ? "Between"
      : v.min !== undefined
        ? "GreaterThanOrEqualTo"
        : "LessThanOrEqualTo";
  const [low, high] =
    v.min !== undefined && v.max !== undefined ? [v.min, v.max] : [v.min ?? v.max ?? 0, undefined];
  const basic =
    high === undefined ? { formula1: low, operator } : { formula1: low, formula2: high, operator };
  if (v.type === "date")
    return {
      date: {
        ...basic,
        formula1: `=${low}`,
        ...(high !== undefined && { formula2: `=${high}` }),
      } as Excel.DateTimeDataValidation,
    };
  if (v.type === "whole") return { wholeNumber: basic as Excel.BasicDataValidation };
  if (v.type === "textLength") return { textLength: basic as Excel.BasicDataValidation };
  return { decimal: basic as Excel.BasicDataValidation };
}

export function highlight(r: Excel.Range, cf: ConditionalFormatSpec, formula: string): void {
  const rule = r.conditionalFormats.add("Custom");
  rule.custom.rule.formula = `=${formula}`;
  const { fill, fontColour, bold } = cf.style;
  if (fill) rule.custom.format.fill.color = `#${fill}`;
  if (fontColour) rule.custom.format.font.color = `#${fontColour}`;
  if (bold) rule.custom.format.font.bold = true;
}

/** Sheet-wide settings, protection last so every unlock and validation above went in first. */
export function layOut(sheet: Excel.Worksheet, spec: SheetSpec, options: RenderOptions): void {
  const { rows = 0, columns = 0 } = spec.freeze ?? {};
  if (rows > 0 && columns > 0)
    sheet.freezePanes.freezeAt(
      rangeText({ top: 0, left: 0, bottom: rows - 1, right: columns - 1 })
    );
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (columns > 0) sheet.freezePanes.freezeColumns(columns);
  if (spec.tabColour) sheet.tabColor = `#${spec.tabColour}`;
  if (options.printSetup) {
    if (spec.autoFilter) sheet.autoFilter.apply(sheet.getRange(spec.autoFilter));
    if (spec.print) printSetup(sheet, spec.print);
  }
  if (spec.protect)
    sheet.protection.protect({
      allowFormatColumns: true,
      allowFormatRows: true,
      allowAutoFilter: spec.autoFilter !== undefined,
      allowSort: spec.autoFilter !== undefined,
      selectionMode: "Normal",
    });
}

function printSetup(sheet: Excel.Worksheet, print: NonNullable<SheetSpec["print"]>): void {
  const page = sheet.pageLayout;
  page.paperSize = "A4";
  page.orientation = print.orientation === "portrait" ? "Portrait" : "Landscape";
  if (print.fitToWidth) page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (print.titleRows) page.setPrintTitleRows(`$${print.titleRows.replace(":", ":$")}`);
  if (print.area) page.setPrintArea(print.area);
  if (print.footer) {
    const { left, center, right } = footerSections(print.footer);
    const footer = page.headersFooters.defaultForAllPages;
    footer.leftFooter = left;
    footer.centerFooter = center;
    footer.rightFooter = right;
  }
  // A break above the row that starts each form's page (ExcelApi 1.9, like the rest of print setup).
  for (const row of print.breaks ?? []) sheet.horizontalPageBreaks.add(`A${row + 1}`);
}
