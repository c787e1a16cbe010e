// Run in a fresh Node process (with --expose-gc) by runInChild: analyses one file COUNT times, as
// `dabiao consolidate --jobs 1` analyses each of its files, keeps only the records by slot and by
// item that a consolidation holds for every branch until its report is written, and prints how
// many bytes of heap each of them holds.
import { analyserFor, DEFAULT_RUBRIC, type Analysed } from "../../src/core";
import { readInput } from "../../src/cli/read-input";

const [file = "", count = "1000"] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("measure-records runs with --expose-gc");
const analyse = analyserFor({
  rubric: DEFAULT_RUBRIC,
  today: new Date(2019, 4, 20),
  acceptOtherRubric: false,
  hasPrevious: false,
});
const input = readInput(file);

/** The records a branch keeps by slot, item or veto: its reading's and what it typed. */
function recordsOf(a: Analysed): object[] {
  return a.candidates.flatMap((c) => {
    const typed = c.row.typed?.filling;
    return [
      c.filling.entries,
      c.filling.reviews,
      c.filling.samples,
      c.filling.notes,
      c.filling.vetoes,
      c.row.entries,
      ...(typed ? [typed.entries, typed.notes, typed.reviews, typed.samples, typed.vetoes] : []),
    ].filter((r) => r !== undefined);
  });
}

let kept: Set<object> | null = new Set();
for (let i = 0; i < Number(count); i++) for (const r of recordsOf(analyse(input, i))) kept.add(r);
const records = kept.size;
const keys = [...kept].reduce((n, r) => n + Object.keys(r).length, 0);
gc();
const before = process.memoryUsage().heapUsed;
kept = null;
gc();
const freed = before - process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ records, keys, bytes: freed }));
