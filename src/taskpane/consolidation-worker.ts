import { writeXlsx } from "../adapters/xlsx/write/writer";
import { inlineConsolidation } from "./consolidation";
import {
  portableSpec,
  specParts,
  type FromWorker,
  type ToWorker,
} from "./consolidation-worker-client";
import type { ChosenFile } from "./ports";
import { readSubmission } from "./read-submission";
import { analyseInWorkers, canStartWorkers, paneWorkers } from "./worker-pool";

// The Web Worker that reads the submitted files, consolidates them and builds and writes the
// report, so none of it runs on the pane's main thread. It reads only the sheets consolidation
// needs from each file, as the CLI does. A batch worth it is read, scored and validated by a pool
// of analyse workers this worker starts (analyse-worker.ts, one per logical processor, capped);
// this one merges their answers in input order, so the result is the one-worker result.

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  location: { href: string };
  navigator: { hardwareConcurrency?: number };
};

/** The analyse worker's script beside this one, with this one's query (the build stamp). */
const analyseWorkerUrl = new URL("analyse-worker.js", scope.location.href);
analyseWorkerUrl.search = new URL(scope.location.href).search;

/** Workers asked for by the running consolidation's message (tests, the bench); else chosen by size. */
let asked: number | undefined;

const port = inlineConsolidation(
  {
    read: readSubmission,
    write: (spec) => writeXlsx(spec),
    save: () => {
      throw new Error("the consolidation worker cannot save files");
    },
  },
  (chosen, settings, onRead) => {
    const workers = asked ?? paneWorkers(chosen.length, scope.navigator.hardwareConcurrency);
    if (workers <= 1 || !canStartWorkers()) return null;
    return analyseInWorkers(chosen, settings, workers, onRead, () => new Worker(analyseWorkerUrl));
  }
);

/** The files posted so far for each consolidation, by its id. */
const chosen = new Map<number, ChosenFile[]>();

async function answer(m: ToWorker): Promise<void> {
  const id = m.id;
  if (m.type === "files") {
    const list = chosen.get(id) ?? [];
    list.push(...m.files);
    chosen.set(id, list);
  } else if (m.type === "consolidate") {
    const files = chosen.get(id) ?? [];
    chosen.delete(id);
    asked = m.workers;
    const summary = await port.consolidate(files, m.request, (progress) =>
      scope.postMessage({ id, type: "progress", progress })
    );
    scope.postMessage({ id, type: "consolidated", summary });
  } else if (m.type === "reportSpec") {
    for (const part of specParts(portableSpec(await port.reportSpec(m.today))))
      scope.postMessage({ id, type: "specPart", part });
    scope.postMessage({ id, type: "reportSpec" });
  } else if (m.type === "feedbackPack") {
    const pack = await port.feedbackPack(m.today);
    scope.postMessage({ id, type: "feedbackPack", pack }, pack ? [pack.bytes.buffer] : []);
  } else {
    const bytes = await (m.type === "receiptFile"
      ? port.receiptFile(m.today)
      : port.reportFile(m.today));
    scope.postMessage({ id, type: m.type, bytes }, [bytes.buffer]);
  }
}

scope.onmessage = (e) => {
  answer(e.data).catch((err: unknown) =>
    scope.postMessage({
      id: e.data.id,
      type: "failed",
      message: err instanceof Error ? err.message : String(err),
    })
  );
};
