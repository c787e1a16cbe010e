// The entry of one worker thread of the consolidation pool (pool.ts): it reads, scores and validates
// the files it is sent, one at a time in the order they come, and answers each with plain data.
import { basename } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { analyserFor, type AnalyseAnswer, type AnalyseJob, type AnalyseSettings } from "../core";
import { readInput } from "./read-input";

/**
 * Test-only: a file of this name (basename) makes the worker die as a real crash would, so the tests
 * can show a crash costs one file and not the batch. "exit:NAME" ends the thread, "throw:NAME" throws
 * out of the message handler. Only this worker entry reads it; nothing sets it outside the tests.
 */
const CRASH_ON = process.env["DABIAO_TEST_WORKER_CRASH"];

const port = parentPort;
if (!port) throw new Error("analyse-worker.ts runs as a worker thread of pool.ts");
const analyseInput = analyserFor(workerData as AnalyseSettings);

port.on("message", ({ index, file }: AnalyseJob) => {
  if (CRASH_ON === `exit:${basename(file)}`) process.exit(70);
  if (CRASH_ON === `throw:${basename(file)}`) throw new Error(`test crash on ${basename(file)}`);
  const answer: AnalyseAnswer = {
    index,
    analysed: analyseInput(readInput(file), index),
  };
  port.postMessage(answer);
});
// Tells the pool the worker is up: a death before this is a broken installation, not a bad file.
port.postMessage("ready");
