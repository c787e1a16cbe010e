import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

/** What became of one file read and consolidated alone in a fresh Node process, and what it cost. */
export interface Measured {
  readonly status: string;
  readonly reasons: readonly string[];
  readonly ms: number;
  readonly rssBeforeMb: number;
  readonly maxRssMb: number;
}

const ROOT = join(__dirname, "../..");
const SAFETY_TIMEOUT_MS = 120_000;
let compiled: Promise<string> | undefined;

/**
 * Compiles the CLI's sources and the child scripts to plain JavaScript once, so the child runs without a
 * TypeScript loader: its peak memory is the product's alone.
 */
function compile(): Promise<string> {
  compiled ??= (async () => {
    const out = await mkdtemp(join(tmpdir(), "dabiao-measure-"));
    process.once("exit", () => rmSync(out, { recursive: true, force: true }));
    const folders = ["src/sheet", "src/core", "src/adapters/xlsx", "src/cli"].map((f) =>
      tsFiles(join(ROOT, f))
    );
    const sources = [
      ...(await Promise.all(folders)).flat(),
      ...["measure-worker.ts", "measure-records.ts"].map((f) => join(ROOT, "test/support", f)),
    ];
    for (const source of sources) {
      const js = ts.transpileModule(await readFile(source, "utf8"), {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
        fileName: source,
      }).outputText;
      const target = join(out, relative(ROOT, source)).replace(/\.ts$/, ".js");
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, js);
    }
    return out;
  })();
  return compiled;
}

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

/** Reads and consolidates `file` in a child process; fails if it crashes or outlives the safety timeout. */
export function measureInChild(file: string): Promise<Measured> {
  return runInChild<Measured>("measure-worker", [file]);
}

/**
 * Runs test/support/NAME.ts, compiled, in a fresh Node process with `args` (and Node's own options
 * `nodeOptions` before the script) and returns what it printed as JSON. A fresh process is what the
 * CLI is: nothing a test ran before has shaped its heap or its engine's hidden classes.
 */
export async function runInChild<T>(
  name: string,
  args: readonly string[],
  nodeOptions: readonly string[] = []
): Promise<T> {
  const out = await compile();
  const script = join(out, "test/support", `${name}.js`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeOptions, script, ...args], {
      env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`${name} ${args.join(" ")}: still running after ${SAFETY_TIMEOUT_MS} ms`));
    }, SAFETY_TIMEOUT_MS);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) done(JSON.parse(stdout) as T);
      else
        fail(new Error(`${name} ${args.join(" ")}: child exited with ${String(code)}\n${stderr}`));
    });
  });
}
