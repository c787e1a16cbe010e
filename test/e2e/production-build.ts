import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
/** Where the tests' production build goes (gitignored), so a developer's dist/ is left alone. */
export const BUILD_DIR = join(ROOT, "out", "e2e-dist");
/** The base URL the tests' build rewrites the manifest to. */
export const TEST_BASE_URL = "https://dabiao.example.gov.cn/addin/";
const LOCK = join(ROOT, "out", "e2e-dist.lock");
const INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js", "package.json"];

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function fresh(): boolean {
  const report = join(BUILD_DIR, "build-report.json");
  return (
    existsSync(report) &&
    statSync(report).mtimeMs > Math.max(...INPUTS.map((p) => newest(join(ROOT, p))))
  );
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The production build (`webpack --mode production`) of the current sources, built once for all test files. */
export function productionBuild(): string {
  mkdirSync(join(ROOT, "out"), { recursive: true });
  // Test files run in parallel workers: one builds, the others wait for its lock to go.
  for (;;) {
    if (fresh()) return BUILD_DIR;
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - statSync(LOCK).mtimeMs > 10 * 60_000)
        rmSync(LOCK, { recursive: true, force: true });
      sleep(1000);
    }
  }
  try {
    if (!fresh()) {
      execFileSync(
        process.execPath,
        [
          join(ROOT, "node_modules", "webpack", "bin", "webpack.js"),
          "--mode",
          "production",
          "--output-path",
          BUILD_DIR,
        ],
        {
          cwd: ROOT,
          env: { ...process.env, ADDIN_BASE_URL: TEST_BASE_URL, OFFICE_JS_LOCAL: "" },
          stdio: ["ignore", "pipe", "pipe"],
          maxBuffer: 64 * 1024 * 1024,
        }
      );
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return BUILD_DIR;
}
