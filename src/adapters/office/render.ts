/* global Excel */
// Drawing the core's WorkbookSpecs into the open workbook: each sheet built under a temporary name
// in batches that stay under Excel on the web's request limit, then swapped in. It knows no rubric.
import { columnName } from "../../sheet/address";
import { parseRange, rangeText, type Rect } from "../../sheet/range";
import type { CellStyle, SheetSpec, WorkbookSpec } from "../../sheet/spec";
import {
  applyStyle,
  borderEdges,
  highlight,
  layOut,
  validate,
  type RenderOptions,
  type RenderProgress,
} from "./format";
import { CHECKPOINT, rowHeightsOf, styleAreas, valueBlocks, type Checkpoint } from "./grid";
import {
  areaAddresses,
  BATCH_BUDGET_BYTES,
  jsonBytes,
  requestBytes,
  styleCost,
  type RequestCost,
  runsOf,
  shiftFormula,
  widthPoints,
} from "./plan";

export type { RenderOptions, RenderProgress };

/** How an operation went: the syncs it took and the size of each batch it sent (by the request measure). */
export interface RenderStats {
  readonly syncs: number;
  readonly batches: number;
  readonly largestBatchBytes: number;
  readonly batchBytes: readonly number[];
}

/**
 * Draws every sheet of a WorkbookSpec into the open workbook, replacing sheets of the same name.
 * New sheets are built under temporary names and swapped in at the end, so a failure (or 取消)
 * leaves the old ones as they were and the last visible sheet is never deleted. Events are off
 * during the writes. Syncs: one to look, one per batch (each under the request budget by the
 * measure in plan.ts), one to restore events. Planning and queuing are walked step by step and
 * give the pane its thread back whenever they have held it for SLICE_MS, so no task blocks it.
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
    let sent: Omit<RenderStats, "syncs">;
    try {
      context.runtime.enableEvents = false;
      const added: Excel.Worksheet[] = [];
      const parts: Part[] = spec.sheets.map((sheet, i) => ({
        name: sheet.name,
        steps: () =>
          sheetSteps(sheets, temps[i] ?? "", (ws) => (added[i] = ws), sheet, spec.styles, options),
      }));
      const n = spec.sheets.length;
      parts.push({
        name: null,
        steps: () => [
          {
            bytes: requestBytes({
              actions: 5 * n,
              objects: 2 * n,
              payloadBytes: jsonBytes(temps) * 2,
            }),
            run: () => swapIn(sheets, spec.sheets, added, existing),
          },
        ],
      });
      sent = await runInBatches(context, parts, options);
    } catch (failure) {
      await undo(context, eventsWere, temps).catch((cleanup: unknown) =>
        // The user must see why the render failed, not why the clean-up after it did.
        console.error("清理临时工作表失败", cleanup)
      );
      throw failure;
    }
    context.runtime.enableEvents = eventsWere;
    await context.sync();
    return { syncs: sent.batches + 2, ...sent };
  });
}

/** A queued piece of work and its size in the request, by the measure in plan.ts. */
interface Step {
  readonly bytes: number;
  readonly run: () => void;
}

/** The steps of one sheet (name null: the swap at the end), made as they are asked for. */
interface Part {
  readonly name: string | null;
  readonly steps: () => Iterable<Step | Checkpoint>;
}

/** How long planning and queuing may hold the pane's thread before giving it back (a long task is 50 ms). */
export const SLICE_MS = 40;

/** A macrotask later, where the caller gives no better way (the pane passes a MessageChannel one). */
const timerTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The error of a cancelled render (AbortSignal.throwIfAborted is too new for Chromium 86). */
function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException("已取消", "AbortError");
}

/**
 * Runs the parts' steps in batches under the request budget, a sync per batch, and hands the
 * thread back to the pane every SLICE_MS of planning or queuing (and after each sync), checking
 * for 取消 each time.
 */
async function runInBatches(
  context: Excel.RequestContext,
  parts: readonly Part[],
  options: RenderOptions
): Promise<Omit<RenderStats, "syncs">> {
  const sizes: number[] = [];
  let batch = 0;
  const sheets = parts.filter((p) => p.name !== null).length;
  let at: Omit<RenderProgress, "batches"> = { sheet: 0, sheets, name: "" };
  const tell = (): void => options.onProgress?.({ ...at, batches: sizes.length });
  let sliceFrom = performance.now();
  const breathe = async (): Promise<void> => {
    await (options.nextTask ?? timerTask)();
    stopIfCancelled(options.signal);
    sliceFrom = performance.now();
  };
  const send = async (): Promise<void> => {
    if (options.rangeAreas) context.application.suspendScreenUpdatingUntilNextSync();
    await context.sync();
    sizes.push(batch);
    batch = 0;
    tell();
  };
  for (const part of parts) {
    stopIfCancelled(options.signal);
    if (part.name !== null) {
      at = { sheet: at.sheet + 1, sheets, name: part.name };
      tell();
    }
    for (const step of part.steps()) {
      if (step !== CHECKPOINT) {
        // A sync per batch is the point here: one request would exceed Excel on the web's 5 MB limit.
        if (batch > 0 && batch + step.bytes > BATCH_BUDGET_BYTES) {
          await send();
          await breathe();
        }
        step.run();
        batch += step.bytes;
      }
      if (performance.now() - sliceFrom >= SLICE_MS) await breathe();
    }
  }
  // The last batch swaps the new sheets in: once it is sent, the render is done, 取消 or not.
  await send();
  return { batches: sizes.length, largestBatchBytes: Math.max(...sizes), batchBytes: sizes };
}

/** After a failed or cancelled render: events back as they were, the half-built temporary sheets gone. */
async function undo(
  context: Excel.RequestContext,
  eventsWere: boolean,
  temps: readonly string[]
): Promise<void> {
  context.runtime.enableEvents = eventsWere;
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  for (const s of sheets.items) if (temps.includes(s.name)) s.delete();
  await context.sync();
}

function tempName(i: number, existing: ReadonlySet<string>): string {
  let n = i + 1;
  while (existing.has(`~dabiao${n}`)) n += 100;
  return `~dabiao${n}`;
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

/**
 * The steps that build one sheet under a temporary name: sizes, values, styles, merges, rules, then
 * layout and protection. Made as they are asked for, with checkpoints while the cells are walked.
 */
function* sheetSteps(
  sheets: Excel.WorksheetCollection,
  name: string,
  keep: (sheet: Excel.Worksheet) => void,
  spec: SheetSpec,
  styles: Readonly<Record<string, CellStyle>>,
  options: RenderOptions
): Generator<Step | Checkpoint> {
  let ws: Excel.Worksheet | undefined;
  const sheet = (): Excel.Worksheet => ws ?? (ws = sheets.getItem(name));
  const range = (address: string): Excel.Range => sheet().getRange(address);
  const step = (cost: RequestCost, run: () => void): Step => ({ bytes: requestBytes(cost), run });
  yield step({ actions: 2, objects: 1, payloadBytes: jsonBytes(name) }, () =>
    keep((ws = sheets.add(name)))
  );
  for (const run of runsOf(
    spec.columns.map((c, i) => [i, `${c.width}|${c.hidden ? 1 : 0}`] as const)
  )) {
    const column = spec.columns[run.from];
    if (!column) continue;
    const address = `${columnName(run.from)}:${columnName(run.to)}`;
    yield step({ actions: 2, objects: 2, payloadBytes: 40 }, () => {
      const r = range(address);
      r.format.columnWidth = widthPoints(column.width);
      if (column.hidden) r.columnHidden = true;
    });
  }
  yield* heightSteps(yield* rowHeightsOf(spec), options, sheet, step);
  for (const block of valueBlocks(spec, styles))
    yield block === CHECKPOINT
      ? block
      : {
          bytes: block.bytes,
          run: () => {
            const r = range(block.address);
            r.formulas = block.rows as unknown[][];
            if (block.formats) r.numberFormat = block.formats as unknown[][];
          },
        };
  for (const [styleName, rects] of yield* styleAreas(spec)) {
    const style = styles[styleName];
    if (!style) throw new Error(`sheet ${spec.name} uses unknown style "${styleName}"`);
    yield* styleSteps(style, rects, options, sheet, step);
  }
  for (const merge of spec.merges)
    yield step({ actions: 1, objects: 1, payloadBytes: 40 }, () => range(merge).merge(false));
  for (const v of spec.validations)
    for (const target of spread(v.ranges, v.formula))
      yield step({ actions: 4, objects: 2, payloadBytes: jsonBytes(v) + jsonBytes(target) }, () =>
        validate(range(target.address), v, target.formula)
      );
  for (const cf of spec.conditionalFormats)
    for (const target of spread(cf.ranges, cf.formula))
      yield step({ actions: 6, objects: 8, payloadBytes: jsonBytes(cf) + jsonBytes(target) }, () =>
        highlight(range(target.address), cf, target.formula ?? cf.formula)
      );
  yield step({ actions: 16, objects: 8, payloadBytes: jsonBytes(spec.print ?? null) * 2 }, () =>
    layOut(sheet(), spec, options)
  );
}

type MakeStep = (cost: RequestCost, run: () => void) => Step;

/** Row heights: one step per distinct height over all its rows (RangeAreas), or per run of rows. */
function heightSteps(
  heights: readonly [number, number][],
  options: RenderOptions,
  sheet: () => Excel.Worksheet,
  step: MakeStep
): Step[] {
  const runs = runsOf(heights);
  const cost = (address: string): RequestCost => ({
    actions: 1,
    objects: 2,
    payloadBytes: address.length + 20,
  });
  if (!options.rangeAreas)
    return runs.map((run) => {
      const address = `${run.from}:${run.to}`;
      return step(cost(address), () => (sheet().getRange(address).format.rowHeight = run.value));
    });
  const byHeight = new Map<number, string[]>();
  for (const run of runs) pushTo(byHeight, run.value, `${run.from}:${run.to}`);
  return [...byHeight].flatMap(([height, rows]) =>
    areaAddresses(rows).map((address) =>
      step(cost(address), () => (sheet().getRanges(address).format.rowHeight = height))
    )
  );
}

/** One style on its rectangles: once per address list of areas (RangeAreas), or once per rectangle. */
function* styleSteps(
  style: CellStyle,
  rects: readonly Rect[],
  options: RenderOptions,
  sheet: () => Excel.Worksheet,
  step: MakeStep
): Generator<Step> {
  if (!options.rangeAreas) {
    for (const rect of rects) {
      const edges = borderEdges(style, rect);
      yield step(styleCost(style, edges.length), () =>
        applyStyle(sheet().getRange(rangeText(rect)), style, edges)
      );
    }
    return;
  }
  // Inside borders only where an area has inside lines: areas grouped by the edges they draw.
  const byEdges = new Map<string, string[]>();
  for (const rect of rects) pushTo(byEdges, borderEdges(style, rect).join(","), rangeText(rect));
  for (const [key, addresses] of byEdges) {
    const edges = key === "" ? [] : key.split(",");
    for (const address of areaAddresses(addresses)) {
      const cost = styleCost(style, edges.length);
      yield step({ ...cost, payloadBytes: cost.payloadBytes + address.length }, () =>
        applyStyle(sheet().getRanges(address), style, edges)
      );
    }
  }
}

/** Adds a value to the list under a key (grouping without copying the list each time). */
function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
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
