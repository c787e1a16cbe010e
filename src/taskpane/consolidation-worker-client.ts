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
  | { readonly type: "reportSpec"; readonly spec: PortableSpec }
  | { readonly type: "reportFile" | "receiptFile"; readonly bytes: Uint8Array }
  | { readonly type: "feedbackPack"; readonly pack: FeedbackPack | null }
  | { readonly type: "failed"; readonly message: string }
);

type Waiting = {
  readonly resolve: (answer: FromWorker) => void;
  readonly reject: (e: Error) => void;
  readonly onProgress?: (p: Progress) => void;
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
    id = ++nextId
  ): Promise<FromWorker> =>
    new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject, ...(onProgress && { onProgress }) });
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
      const answer = await ask({ type: "reportSpec", today });
      if (answer.type !== "reportSpec") throw new Error(`unexpected ${answer.type}`);
      return livingSpec(answer.spec);
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
