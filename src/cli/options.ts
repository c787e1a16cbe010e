import { UsageError, type Args } from "./args";

// Which options each command takes: anything else is a usage error that names the valid ones, so
// a misspelt --rooster is never silently ignored while the run goes on without a roster.

/** Options every command accepts. */
const COMMON = ["help", "h", "rubric"] as const;

/** The options of each command (besides COMMON), by name without dashes. */
export const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  demo: ["output"],
  template: ["output", "type"],
  rubric: ["output"],
  check: ["json"],
  consolidate: [
    "output",
    "roster",
    "previous",
    "json",
    "accept-other-rubric",
    "jobs",
    "feedback",
    "hints",
  ],
  roster: ["output"],
  recommend: ["output", "ratio"],
  sample: ["output", "ratio", "seed"],
};

/** How far apart two option names are (edits), to suggest the one meant. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (up[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
  return (d[a.length] as number[])[b.length] ?? 0;
}

const dashed = (name: string): string => (name === "output" ? "-o" : `--${name}`);

/** Throws a usage error for an unknown command or an option the command does not take. */
export function checkOptions(args: Args): void {
  const command = args.command ?? "";
  const own = COMMAND_OPTIONS[command];
  if (own === undefined)
    throw new UsageError(
      `未知命令：${command}。可用的命令：${Object.keys(COMMAND_OPTIONS).join("、")}。`
    );
  const valid = [...own, ...COMMON];
  for (const name of args.options.keys()) {
    if (valid.includes(name)) continue;
    const near = valid
      .filter((v) => v.length > 1)
      .map((v) => [v, distance(name, v)] as const)
      .filter(([, n]) => n <= 2)
      .sort((a, b) => a[1] - b[1])[0];
    throw new UsageError(
      `dabiao ${command} 没有选项 --${name}${near ? `，是不是 ${dashed(near[0])}？` : "。"}可用的选项：${own.map(dashed).join("、")}${own.length > 0 ? "、" : ""}--rubric、--help。`
    );
  }
}
