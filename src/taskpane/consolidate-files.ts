import {
  consolidate,
  consolidateAnalysed,
  sha256Hex,
  unusableFile,
  type Analysed,
  type AnalyseSettings,
  type Roster,
  type Consolidation,
  type ConsolidationInput,
  type Rubric,
  type WorkbookSnapshot,
} from "../core";
import type { ChosenFile, FilePort } from "./ports";

/** Where a consolidation in the pane has got to. */
export type Progress =
  | {
      readonly phase: "reading";
      readonly done: number;
      readonly total: number;
      readonly file: string;
    }
  | { readonly phase: "merging"; readonly total: number };

/** What the pane consolidates with. */
export interface PaneConsolidation {
  readonly rubric: Rubric;
  readonly today: Date;
  readonly previous?: WorkbookSnapshot;
  readonly acceptOtherRubric: boolean;
  readonly roster?: Roster;
}

/** Lets the browser paint and handle input before the next file: a macrotask, not a microtask. */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === "undefined")
    return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** One chosen file read into a consolidation input; a file that cannot be read carries its Chinese reason. */
export async function readChosen(file: ChosenFile, files: FilePort): Promise<ConsolidationInput> {
  // A lock file, a .xls or a photo is listed with what to do; its bytes are never read.
  const unusable = unusableFile(file.name);
  if (unusable !== null)
    return { file: file.name, modified: file.lastModified, book: null, readError: unusable };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The 回执's fingerprint of the bytes received, readable or not (the core's SHA-256: no async, no DOM).
  const sha256 = sha256Hex(bytes);
  try {
    const book = await files.read(bytes);
    return { file: file.name, modified: file.lastModified, sha256, book };
  } catch (e) {
    return {
      file: file.name,
      modified: file.lastModified,
      sha256,
      book: null,
      readError: e instanceof Error ? e.message : String(e),
    };
  }
}

/**
 * Analyses the chosen files somewhere else (a pool of workers), reporting each one done, and gives
 * them back in input order; or null, and they are read here one at a time.
 */
export type AnalyseElsewhere = (
  chosen: readonly ChosenFile[],
  settings: AnalyseSettings,
  onRead: (done: number, file: string) => void
) => Promise<Analysed[]> | null;

/**
 * Reads the files one at a time, yielding to the page between them so the pane keeps painting and
 * shows progress, then consolidates them with the core; or merges what `elsewhere` analysed, which
 * the core makes the same consolidation.
 */
export async function consolidateFiles(
  chosen: readonly ChosenFile[],
  files: FilePort,
  options: PaneConsolidation,
  onProgress: (p: Progress) => void,
  elsewhere?: AnalyseElsewhere
): Promise<Consolidation> {
  const core = {
    rubric: options.rubric,
    today: options.today,
    acceptOtherRubric: options.acceptOtherRubric,
    ...(options.previous && { previous: options.previous }),
    ...(options.roster && { roster: options.roster }),
  };
  const total = chosen.length;
  const settings = { ...core, hasPrevious: options.previous !== undefined };
  const pooled = elsewhere?.(chosen, settings, (done, file) =>
    onProgress({ phase: "reading", done, total, file })
  );
  if (pooled) {
    const analysed = await pooled;
    onProgress({ phase: "merging", total });
    await nextTask();
    return consolidateAnalysed(analysed, core);
  }
  const inputs: ConsolidationInput[] = [];
  for (const [i, file] of chosen.entries()) {
    onProgress({ phase: "reading", done: i, total, file: file.name });
    await nextTask();
    inputs.push(await readChosen(file, files));
  }
  onProgress({ phase: "merging", total });
  await nextTask();
  return consolidate(inputs, core);
}
