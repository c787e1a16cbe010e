import { arrayBlock, type BlockValue, type SheetSpec, type WorkbookSpec } from "../core";
import type { Progress } from "./consolidate-files";
import {
  CANCELLED,
  type ConsolidationPort,
  type ConsolidationRequest,
  type ConsolidationSummary,
  type FeedbackPack,
} from "./consolidation";
import { nextTask } from "./consolidate-files";
import type { ChosenFile } from "./ports";

/** Files posted per message: cloning a thousand File handles at once is a long task of its own. */
const FILES_PER_MESSAGE = 100;

// The pane's side of consolidation-worker.ts: requests go to the worker as messages, answers come
// back by id. Files go as File handles (the worker reads their bytes), the report .xlsx comes back
// as a transferred buffer. 取消 ends the worker; the next request starts a fresh one.

/** A block with its rows held, so it can be posted (a BlockSpec's rows come from a function). */
interface PortableBlock {
  readonly row: number;
  readonly col: number;
  readonly styles: readonly (string | undefined)[];
  readonly rows: readonly (readonly BlockValue[])[];
  readonly heights: readonly (number | undefined)[];
}

/** A WorkbookSpec as a message can carry it. */
export type PortableSpec = Omit<WorkbookSpec, "sheets"> & {
  readonly sheets: readonly (Omit<SheetSpec, "blocks"> & {
    readonly blocks?: readonly PortableBlock[];
  })[];
};

/** The spec with each block's rows taken out of its function (in the worker, before posting). */
export function portableSpec(spec: WorkbookSpec): PortableSpec {
  return {
    ...spec,
    sheets: spec.sheets.map(({ blocks, ...sheet }) => ({
      ...sheet,
      ...(blocks && {
        blocks: blocks.map((b) => {
          const rows = Array.from({ length: b.rowCount }, (_, i) => b.rowAt(i));
          return {
            row: b.row,
            col: b.col,
            styles: b.styles,
            rows: rows.map((r) => r.values),
            heights: rows.map((r) => r.height),
          };
        }),
      }),
    })),
  };
}

/** Block rows per message: a 5,000-branch 明细 (410,000 rows) in one message would take the pane a second to unpack. */
export const SPEC_ROWS_PER_MESSAGE = 4000;

/** A piece of a posted report spec: the sheets with their blocks empty, then the blocks' rows, a slice at a time. */
export type SpecPart =
  | { readonly kind: "sheets"; readonly spec: PortableSpec }
  | {
      readonly kind: "rows";
      readonly sheet: number;
      readonly block: number;
      readonly rows: readonly (readonly BlockValue[])[];
      readonly heights: readonly (number | undefined)[];
    };

/** A portable spec as pieces small enough to post and unpack without holding the pane (in the worker). */
export function* specParts(
  spec: PortableSpec,
  rowsPerPart = SPEC_ROWS_PER_MESSAGE
): Generator<SpecPart> {
  yield {
    kind: "sheets",
    spec: {
      ...spec,
      sheets: spec.sheets.map((s) =>
        s.blocks ? { ...s, blocks: s.blocks.map((b) => ({ ...b, rows: [], heights: [] })) } : s
      ),
    },
  };
  for (const [sheet, s] of spec.sheets.entries())
    for (const [block, b] of (s.blocks ?? []).entries())
      for (let from = 0; from < b.rows.length; from += rowsPerPart)
        yield {
          kind: "rows",
          sheet,
          block,
          rows: b.rows.slice(from, from + rowsPerPart),
          heights: b.heights.slice(from, from + rowsPerPart),
        };
}

/** Puts posted pieces back together (in the pane), in the order specParts made them. */
export function specAssembler(): { add(part: SpecPart): void; spec(): PortableSpec } {
  let whole: PortableSpec | undefined;
  const rows = new Map<
    string,
    { rows: (readonly BlockValue[])[]; heights: (number | undefined)[] }
  >();
  return {
    add(part) {
      if (part.kind === "sheets") {
        whole = part.spec;
        rows.clear();
        return;
      }
      const at = `${part.sheet}:${part.block}`;
      const held = rows.get(at) ?? { rows: [], heights: [] };
      rows.set(at, held);
      for (const r of part.rows) held.rows.push(r);
      for (const h of part.heights) held.heights.push(h);
    },
    spec() {
      if (!whole) throw new Error("report spec: no sheets were posted");
      return {
        ...whole,
        sheets: whole.sheets.map((s, sheet) =>
          s.blocks
            ? {
                ...s,
                blocks: s.blocks.map((b, block) => {
                  const held = rows.get(`${sheet}:${block}`);
                  return { ...b, rows: held?.rows ?? [], heights: held?.heights ?? [] };
                }),
              }
            : s
        ),
      };
    },
  };
}

/** The posted spec as a WorkbookSpec again (in the pane, after receiving it). */
export function livingSpec(spec: PortableSpec): WorkbookSpec {
  return {
    ...spec,
    sheets: spec.sheets.map(({ blocks, ...sheet }) => ({
      ...sheet,
      ...(blocks && {
        blocks: blocks.map((b) => arrayBlock(b.row, b.col, b.styles, b.rows, b.heights)),
      }),
    })),
  };
}

/** What the pane asks the worker. */
export type ToWorker = { readonly id: number } &
  /** A slice of the files of the consolidation `id`, posted ahead of it. */
  (
    | { readonly type: "files"; readonly files: readonly ChosenFile[] }
    | {
        readonly type: "consolidate";
        readonly request: ConsolidationRequest;
        /** How many analyse workers read the files (1: this worker alone); unset: one per core for a batch worth it. */
        readonly workers?: number;
      }
    | {
        readonly type: "reportSpec" | "reportFile" | "receiptFile" | "feedbackPack";
        readonly today: Date;
      }
  );

/** What the worker answers. */
export type FromWorker = { readonly id: number } & (
  | { readonly type: "progress"; readonly progress: Progress }
  | { readonly type: "consolidated"; readonly summary: ConsolidationSummary }
  | { readonly type: "specPart"; readonly part: SpecPart }
  | { readonly type: "reportSpec" }
  | { readonly type: "reportFile" | "receiptFile"; readonly bytes: Uint8Array }
  | { readonly type: "feedbackPack"; readonly pack: FeedbackPack | null }
  | { readonly type: "failed"; readonly message: string }
);

type Waiting = {
  readonly resolve: (answer: FromWorker) => void;
  readonly reject: (e: Error) => void;
  readonly onProgress?: (p: Progress) => void;
  readonly onPart?: (part: SpecPart) => void;
};

/** Consolidation in a Web Worker made by `create` (on first use). */
export function workerConsolidation(create: () => Worker): ConsolidationPort {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, Waiting>();
  const failAll = (message: string): void => {
    for (const w of waiting.values()) w.reject(new Error(message));
    waiting.clear();
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = create();
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const answer = e.data;
      const w8 = waiting.get(answer.id);
      if (!w8) return;
      if (answer.type === "progress") return w8.onProgress?.(answer.progress);
      if (answer.type === "specPart") return w8.onPart?.(answer.part);
      waiting.delete(answer.id);
      if (answer.type === "failed") w8.reject(new Error(answer.message));
      else w8.resolve(answer);
    };
    w.onerror = (e) => {
      e.preventDefault();
      failAll(e.message || "汇总程序出错");
      worker?.terminate();
      worker = null;
    };
    return (worker = w);
  };
  const ask = (
    message: ToWorker extends infer M ? (M extends ToWorker ? Omit<M, "id"> : never) : never,
    onProgress?: (p: Progress) => void,
    id = ++nextId,
    onPart?: (part: SpecPart) => void
  ): Promise<FromWorker> =>
    new Promise((resolve, reject) => {
      waiting.set(id, {
        resolve,
        reject,
        ...(onProgress && { onProgress }),
        ...(onPart && { onPart }),
      });
      started().postMessage({ ...message, id });
    });
  return {
    async consolidate(files, request, onProgress) {
      const id = ++nextId;
      for (let from = 0; from < files.length; from += FILES_PER_MESSAGE) {
        started().postMessage({
          id,
          type: "files",
          files: files.slice(from, from + FILES_PER_MESSAGE),
        } satisfies ToWorker);
        await nextTask();
      }
      const answer = await ask({ type: "consolidate", request }, onProgress, id);
      if (answer.type !== "consolidated") throw new Error(`unexpected ${answer.type}`);
      return answer.summary;
    },
    async reportSpec(today) {
      // The spec comes in pieces, each its own small task here; only the last answer resolves.
      const parts = specAssembler();
      const answer = await ask({ type: "reportSpec", today }, undefined, ++nextId, (part) =>
        parts.add(part)
      );
      if (answer.type !== "reportSpec") throw new Error(`unexpected ${answer.type}`);
      return livingSpec(parts.spec());
    },
    async reportFile(today) {
      const answer = await ask({ type: "reportFile", today });
      if (answer.type !== "reportFile") throw new Error(`unexpected ${answer.type}`);
      return answer.bytes;
    },
    async receiptFile(today) {
      const answer = await ask({ type: "receiptFile", today });
      if (answer.type !== "receiptFile") throw new Error(`unexpected ${answer.type}`);
      return answer.bytes;
    },
    async feedbackPack(today) {
      const answer = await ask({ type: "feedbackPack", today });
      if (answer.type !== "feedbackPack") throw new Error(`unexpected ${answer.type}`);
      return answer.pack;
    },
    cancel() {
      worker?.terminate();
      worker = null;
      failAll(CANCELLED);
    },
  };
}
