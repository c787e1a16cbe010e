/* global Excel, Office */
// The only file that calls Office.js: draws the core's WorkbookSpecs into the open workbook, reads
// sheets back into WorkbookSnapshots, watches sheets for edits and selects cells. It knows no rubric.
import type { WorkbookSnapshot } from "../../sheet/snapshot";
import type {
  CellStyle,
  ConditionalFormatSpec,
  SheetSpec,
  ValidationSpec,
  WorkbookSpec,
} from "../../sheet/spec";
import {
  ACTION_OVERHEAD_BYTES,
  BATCH_BUDGET_BYTES,
  footerSections,
  jsonBytes,
  parseRange,
  rectAddress,
  rowHeightsOf,
  runsOf,
  shiftFormula,
  styleAreas,
  valueBlocks,
  widthPoints,
  type Rect,
} from "./plan";
import { sheetFromUsedRange, type LoadedRange } from "./used-range";

/** The requirement set every feature of the task pane needs (validations, onCalculated, enableEvents). */
export const REQUIRED_API = { set: "ExcelApi", version: "1.8" } as const;
/** Print setup and filters need 1.9; below it they are skipped (the downloaded .xlsx still has them). */
export const PRINT_API = { set: "ExcelApi", version: "1.9" } as const;

/** What the add-in found when it started. */
export type OfficeStart =
  | { readonly host: "excel"; readonly language: string; readonly printSetup: boolean }
  | {
      readonly host: "unsupported";
      readonly language: string;
      readonly hostName: string;
      readonly reason: "host" | "version";
    }
  | { readonly host: "none" };

/** A sheet of the open workbook. */
export interface SheetInfo {
  readonly name: string;
  readonly hidden: boolean;
}

/** How an operation went: the syncs it took and the largest batch it sent (estimated bytes). */
export interface RenderStats {
  readonly syncs: number;
  readonly batches: number;
  readonly largestBatchBytes: number;
}

/** Waits for Office to say where the page runs; no Office (plain browser) when office.js is absent or silent. */
export async function startOffice(waitMs: number): Promise<OfficeStart> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function")
    return { host: "none" };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs));
  const info = await Promise.race([Office.onReady(), timeout]);
  if (!info || !info.host) return { host: "none" };
  const language = Office.context?.displayLanguage ?? "zh-CN";
  if (info.host !== Office.HostType.Excel)
    return { host: "unsupported", language, hostName: String(info.host), reason: "host" };
  const supports = (api: { set: string; version: string }): boolean =>
    Office.context.requirements.isSetSupported(api.set, api.version);
  if (!supports(REQUIRED_API))
    return { host: "unsupported", language, hostName: "Excel", reason: "version" };
  return { host: "excel", language, printSetup: supports(PRINT_API) };
}

/** The sheets of the open workbook, in tab order. */
export async function listSheets(): Promise<SheetInfo[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    await context.sync();
    return sheets.items.map((s) => ({ name: s.name, hidden: s.visibility !== "Visible" }));
  });
}

/** Reads the named sheets (values and formulas of each used range) into a snapshot, in one sync; absent sheets are left out. */
export async function readSheets(names: readonly string[]): Promise<WorkbookSnapshot> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const wanted = names.map((name) => {
      const sheet = sheets.getItemOrNullObject(name);
      sheet.load("name,visibility");
      const used = sheet.getUsedRangeOrNullObject();
      used.load("address,values,formulas,valueTypes");
      return { name, sheet, used };
    });
    try {
      await context.sync();
    } catch {
      // Some hosts refuse to go on from a missing sheet in the same batch: list the sheets, then read those present.
      return readPresent(context, names);
    }
    return {
      sheets: wanted
        .filter((w) => !w.sheet.isNullObject)
        .map((w) =>
          sheetFromUsedRange(
            w.sheet.name,
            w.sheet.visibility !== "Visible",
            w.used.isNullObject ? null : loaded(w.used)
          )
        ),
    };
  });
}

async function readPresent(
  context: Excel.RequestContext,
  names: readonly string[]
): Promise<WorkbookSnapshot> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  const present = sheets.items.filter((s) => names.includes(s.name));
  const used = present.map((s) => {
    const range = s.getUsedRangeOrNullObject();
    range.load("address,values,formulas,valueTypes");
    return range;
  });
  await context.sync();
  return {
    sheets: present.map((s, i) => {
      const range = used[i];
      return sheetFromUsedRange(
        s.name,
        s.visibility !== "Visible",
        !range || range.isNullObject ? null : loaded(range)
      );
    }),
  };
}

function loaded(range: Excel.Range): LoadedRange {
  return {
    address: range.address,
    values: range.values,
    formulas: range.formulas,
    valueTypes: range.valueTypes,
  };
}

/** Activates a sheet and selects one cell (the cell of an issue the user clicked). */
export async function selectCell(sheetName: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}

/**
 * Calls `onChange` (debounced) after edits to the named sheets. onCalculated is watched too: a
 * choice from a validation dropdown fires no onChanged in Excel on the web (office-js #3888), but
 * the formulas it feeds recalculate. Returns the function that stops watching.
 */
export async function watchSheets(
  names: readonly string[],
  onChange: () => void,
  waitMs = 400
): Promise<() => Promise<void>> {
  const fire = debounce(onChange, waitMs);
  const handler = async (): Promise<void> => fire.call();
  const results = await Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const added = names.flatMap((name) => {
      const sheet = sheets.getItem(name);
      return [sheet.onChanged.add(handler), sheet.onCalculated.add(handler)];
    });
    await context.sync();
    return added;
  });
  return async () => {
    fire.cancel();
    const first = results[0];
    if (!first) return;
    await Excel.run(first.context, async (context) => {
      for (const r of results) r.remove();
      await context.sync();
    });
  };
}

/** A function that runs `wait` ms after the last of a burst of calls. */
export function debounce(fn: () => void, wait: number): { call: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, wait);
    },
    cancel: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** Options of a render. */
export interface RenderOptions {
  /** Print setup and auto-filters (ExcelApi 1.9); off on older Excel. */
  readonly printSetup: boolean;
}

/**
 * Draws every sheet of a WorkbookSpec into the open workbook, replacing sheets of the same name.
 * New sheets are built under temporary names and swapped in at the end, so a failure leaves the old
 * ones as they were and the last visible sheet is never deleted. Events are off during the writes.
 * Syncs: one to look, one per batch (one for any normal template or report), one to restore events.
 */
export async function renderWorkbook(
  spec: WorkbookSpec,
  options: RenderOptions
): Promise<RenderStats> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    context.runtime.load("enableEvents");
    await context.sync();
    const eventsWere = context.runtime.enableEvents;
    const existing = new Set(sheets.items.map((s) => s.name));
    const temps = spec.sheets.map((_, i) => tempName(i, existing));
    let stats: RenderStats = { syncs: 1, batches: 0, largestBatchBytes: 0 };
    let failed = false;
    try {
      context.runtime.enableEvents = false;
      const added: Excel.Worksheet[] = [];
      const steps = spec.sheets.flatMap((sheet, i) =>
        sheetSteps(sheets, temps[i] ?? "", (ws) => (added[i] = ws), sheet, spec.styles, options)
      );
      steps.push({
        bytes: ACTION_OVERHEAD_BYTES * spec.sheets.length * 4,
        run: () => swapIn(sheets, spec.sheets, added, existing),
      });
      const sent = await runInBatches(context, steps);
      stats = { syncs: 1 + sent.batches, ...sent };
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      context.runtime.enableEvents = eventsWere;
      await context.sync();
      stats = { ...stats, syncs: stats.syncs + 1 };
      if (failed) await dropTemps(context, temps);
    }
    return stats;
  });
}

/** A queued piece of work and its estimated size in the request. */
interface Step {
  readonly bytes: number;
  readonly run: () => void;
}

async function runInBatches(
  context: Excel.RequestContext,
  steps: readonly Step[]
): Promise<{ batches: number; largestBatchBytes: number }> {
  let batch = 0;
  let batches = 0;
  let largest = 0;
  for (const step of steps) {
    if (batch > 0 && batch + step.bytes > BATCH_BUDGET_BYTES) {
      // A sync per batch is the point here: one request would exceed Excel on the web's 5 MB limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      batches++;
      largest = Math.max(largest, batch);
      batch = 0;
    }
    step.run();
    batch += step.bytes;
  }
  await context.sync();
  return { batches: batches + 1, largestBatchBytes: Math.max(largest, batch) };
}

function tempName(i: number, existing: ReadonlySet<string>): string {
  let n = i + 1;
  while (existing.has(`~dabiao${n}`)) n += 100;
  return `~dabiao${n}`;
}

/** After a failed render: the half-built temporary sheets go, the workbook is as it was. */
async function dropTemps(context: Excel.RequestContext, temps: readonly string[]): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  for (const s of sheets.items) if (temps.includes(s.name)) s.delete();
  await context.sync();
}

function swapIn(
  sheets: Excel.WorksheetCollection,
  specs: readonly SheetSpec[],
  added: readonly Excel.Worksheet[],
  existing: ReadonlySet<string>
): void {
  for (const s of specs) if (existing.has(s.name)) sheets.getItem(s.name).delete();
  specs.forEach((s, i) => {
    const sheet = added[i];
    if (!sheet) return;
    sheet.name = s.name;
    if (s.state !== "visible") sheet.visibility = s.state === "hidden" ? "Hidden" : "VeryHidden";
  });
  added[specs.findIndex((s) => s.state === "visible")]?.activate();
}

/** The steps that build one sheet under a temporary name: sizes, values, styles, merges, rules, then layout and protection. */
function sheetSteps(
  sheets: Excel.WorksheetCollection,
  name: string,
  keep: (sheet: Excel.Worksheet) => void,
  spec: SheetSpec,
  styles: Readonly<Record<string, CellStyle>>,
  options: RenderOptions
): Step[] {
  let ws: Excel.Worksheet | undefined;
  const sheet = (): Excel.Worksheet => ws ?? (ws = sheets.getItem(name));
  const range = (address: string): Excel.Range => sheet().getRange(address);
  const small = (run: () => void, payload: unknown = null): Step => ({
    bytes: ACTION_OVERHEAD_BYTES + jsonBytes(payload),
    run,
  });
  const steps: Step[] = [small(() => keep((ws = sheets.add(name))), name)];
  for (const run of runsOf(
    spec.columns.map((c, i) => [i, `${c.width}|${c.hidden ? 1 : 0}`] as const)
  )) {
    const column = spec.columns[run.from];
    if (!column) continue;
    const address = `${colName(run.from)}:${colName(run.to)}`;
    steps.push(
      small(() => {
        const r = range(address);
        r.format.columnWidth = widthPoints(column.width);
        if (column.hidden) r.columnHidden = true;
      })
    );
  }
  for (const run of runsOf(rowHeightsOf(spec)))
    steps.push(small(() => (range(`${run.from}:${run.to}`).format.rowHeight = run.value)));
  for (const block of valueBlocks(spec))
    steps.push({
      bytes: block.bytes,
      run: () => (range(block.address).formulas = block.rows as unknown[][]),
    });
  for (const [styleName, rects] of styleAreas(spec)) {
    const style = styles[styleName];
    if (!style) throw new Error(`sheet ${spec.name} uses unknown style "${styleName}"`);
    for (const rect of rects)
      steps.push(small(() => applyStyle(range(rectAddress(rect)), style, rect), style));
  }
  for (const merge of spec.merges) steps.push(small(() => range(merge).merge(false)));
  for (const v of spec.validations)
    for (const target of spread(v.ranges, v.formula))
      steps.push(small(() => validate(range(target.address), v, target.formula), v));
  for (const cf of spec.conditionalFormats)
    for (const target of spread(cf.ranges, cf.formula))
      steps.push(
        small(() => highlight(range(target.address), cf, target.formula ?? cf.formula), cf)
      );
  steps.push(small(() => layOut(sheet(), spec, options), spec.print ?? null));
  return steps;
}

function colName(col: number): string {
  return rectAddress({ top: 0, left: col, bottom: 0, right: col }).replace(/\d+$/, "");
}

/** Each range of a multi-range rule with the rule's relative formula moved to that range. */
function spread(
  ranges: readonly string[],
  formula: string | undefined
): { address: string; formula?: string }[] {
  const first = parseRange(ranges[0] ?? "");
  return ranges.map((address) => {
    const at = parseRange(address);
    if (formula === undefined) return { address };
    if (!first || !at) return { address, formula };
    return { address, formula: shiftFormula(formula, at.top - first.top, at.left - first.left) };
  });
}

const FONT_NAME = "宋体";
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;

function applyStyle(r: Excel.Range, style: CellStyle, rect: Rect): void {
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
  if (style.border) {
    const edges: string[] = [...EDGES];
    if (rect.bottom > rect.top) edges.push("InsideHorizontal");
    if (rect.right > rect.left) edges.push("InsideVertical");
    for (const edge of edges) f.borders.getItem(edge as Excel.BorderIndex).style = "Continuous";
  }
  if (style.numFmt !== undefined) {
    const width = rect.right - rect.left + 1;
    r.numberFormat = Array.from({ length: rect.bottom - rect.top + 1 }, () =>
      new Array<string>(width).fill(style.numFmt ?? "General")
    );
  }
  // Unlocked before the sheet is protected: protection is the last thing layOut does.
  if (style.locked === false) f.protection.locked = false;
}

function validate(r: Excel.Range, v: ValidationSpec, formula: string | undefined): void {
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

function highlight(r: Excel.Range, cf: ConditionalFormatSpec, formula: string): void {
  const rule = r.conditionalFormats.add("Custom");
  rule.custom.rule.formula = `=${formula}`;
  const { fill, fontColour, bold } = cf.style;
  if (fill) rule.custom.format.fill.color = `#${fill}`;
  if (fontColour) rule.custom.format.font.color = `#${fontColour}`;
  if (bold) rule.custom.format.font.bold = true;
}

/** Sheet-wide settings, protection last so every unlock and validation above went in first. */
function layOut(sheet: Excel.Worksheet, spec: SheetSpec, options: RenderOptions): void {
  const { rows = 0, columns = 0 } = spec.freeze ?? {};
  if (rows > 0 && columns > 0)
    sheet.freezePanes.freezeAt(
      rectAddress({ top: 0, left: 0, bottom: rows - 1, right: columns - 1 })
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
}
