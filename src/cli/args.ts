/** Parsed command line: positional arguments and --options (a flag without value is "true"). */
export interface Args {
  readonly command: string | undefined;
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string>;
}

/** A usage error: the CLI prints it with the usage text and exits 2. */
export class UsageError extends Error {}

/** Splits argv into command, positional arguments and options; `valued` names options that take a value. */
export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>): Args {
  const positional: string[] = [];
  const options = new Map<string, string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a.startsWith("-") && a !== "-") {
      const [name, inline] = a.replace(/^--?/, "").split("=", 2) as [string, string | undefined];
      const key = name === "o" ? "output" : name;
      if (valued.has(key)) {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(`选项 --${key} 需要一个值`);
        options.set(key, value);
      } else options.set(key, "true");
    } else if (command === undefined) command = a;
    else positional.push(a);
  }
  return { command, positional, options };
}
