import { analyserFor, type AnalyseAnswer, type AnalyseJob, type AnalyseSettings } from "../core";
import { readChosen } from "./consolidate-files";
import type { ChosenFile } from "./ports";
import { readSubmission } from "./read-submission";

// One Web Worker of the pane's analyse pool (worker-pool.ts), the browser twin of the CLI's
// analyse-worker: told the run's settings first, then sent files; it reads, scores and validates
// each, one at a time in the order they come, and answers each with plain data.

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<AnalyseSettings | AnalyseJob<ChosenFile>>) => void) | null;
  postMessage(message: AnalyseAnswer | "ready"): void;
};

const noWriting = (): never => {
  throw new Error("an analyse worker only reads files");
};
const files = { read: readSubmission, write: noWriting, save: noWriting };

let analyseJob: ((job: AnalyseJob<ChosenFile>) => Promise<AnalyseAnswer>) | undefined;
/** The jobs in the order they came: reading a File is asynchronous, answers must not overtake. */
let queue = Promise.resolve();

scope.onmessage = (e) => {
  if (!analyseJob) {
    const analyseInput = analyserFor(e.data as AnalyseSettings);
    analyseJob = async ({ index, file }) => ({
      index,
      analysed: analyseInput(await readChosen(file, files), index),
    });
    return scope.postMessage("ready");
  }
  const job = e.data as AnalyseJob<ChosenFile>;
  const run = analyseJob;
  queue = queue
    .then(async () => scope.postMessage(await run(job)))
    .catch((error: unknown) => {
      // Thrown again outside the promise so it reaches the pool as this worker's error event: the
      // pool then stops this worker and the file is rejected with the reason, the batch goes on.
      setTimeout(() => {
        throw error;
      });
    });
};
