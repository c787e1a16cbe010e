// Run in a child process by measure-child.ts: reads and consolidates one file, as `dabiao consolidate`
// does, and prints what became of it with the time taken and the process's peak memory.
import { readFileSync } from "node:fs";
import { readInput } from "../../src/cli/consolidate-command";
import { consolidate, DEFAULT_RUBRIC } from "../../src/core";

const file = process.argv[2] ?? "";
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const outcome = consolidate([readInput(file)], {
  rubric: DEFAULT_RUBRIC,
  today: new Date(2019, 4, 20),
}).inputs[0];
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    status: outcome?.status,
    reasons: outcome?.reasons ?? [],
    ms,
    rssBeforeMb: rssBefore / 2 ** 20,
    maxRssMb: peakRssKb() / 1024,
  })
);

/**
 * The process's peak resident memory in kilobytes, start-up included. On Linux, resourceUsage().maxRSS
 * carries over the parent's size from before exec (a child of a 130 MB test runner starts at 130 MB),
 * so the kernel's VmHWM, which starts afresh at exec, is read instead where it exists.
 */
function peakRssKb(): number {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm?.[1]) return Number(hwm[1]);
  } catch {
    // Not Linux: fall through to what Node reports.
  }
  return process.resourceUsage().maxRSS;
}
