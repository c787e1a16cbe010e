/* global Excel */
// Drawing the core's WorkbookSpecs into the open workbook: each sheet built under a temporary name
// in batches that stay under Excel on the web's request limit, then swapped in. It knows no rubric.
import { columnName } from "../../sheet/address";
import { parseRange, rangeText } from "../../sheet/range";
import type { CellStyle, SheetSpec, WorkbookSpec } from "../../sheet/spec";
import { applyStyle, highlight, layOut, validate, type RenderOptions } from "./format";
import {
  ACTION_OVERHEAD_BYTES,
  BATCH_BUDGET_BYTES,
  jsonBytes,
  rowHeightsOf,
  runsOf,
  shiftFormula,
  styleAreas,
  valueBlocks,
  widthPoints,
} from "./plan";

export type { RenderOptions };

/** How an operation went: the syncs it took and the largest batch it sent (estimated bytes). */
export interface RenderStats {
  readonly syncs: number;
  readonly batches: number;
  readonly largestBatchBytes: number;
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
    const address = `${columnName(run.from)}:${columnName(run.to)}`;
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
      steps.push(small(() => applyStyle(range(rangeText(rect)), style, rect), style));
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
