// The benchmark's corpora besides our writer's own files (scripts/bench.mjs): the same submissions
// as other editors save them. Each is made once from the first N files of our set and cached in
// .bench-cache/<kind>-nN/ with a marker naming its source and the tool's version.
//   libreoffice: every file opened and saved as .xlsx by `soffice --headless --convert-to xlsx`
//                (a private profile, so it never meets a LibreOffice a test is running);
//   openpyxl:    every file loaded in full and saved by Python's openpyxl (scripts/bench-openpyxl-save.py).
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const MARKER = ".complete.json";
const PARTIAL = ".partial.json";
/** LibreOffice is given this many files per start: one start costs about a second. */
const SOFFICE_BATCH = 250;

const xlsxIn = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith(".xlsx"))
        .sort()
    : [];

/** The first of these on PATH that runs, with its version line; undefined when there is none. */
function tool(candidates, versionArgs) {
  for (const command of candidates) {
    const r = spawnSync(command, versionArgs, { encoding: "utf8" });
    if (r.status === 0) return { command, version: (r.stdout || r.stderr).trim().split("\n")[0] };
  }
  return undefined;
}

export function libreOffice() {
  return tool(["soffice", "libreoffice"], ["--version"]);
}

export function openpyxlSaver(python) {
  if (!python) return undefined;
  const r = spawnSync(python, ["-c", "import openpyxl; print('openpyxl', openpyxl.__version__)"], {
    encoding: "utf8",
  });
  return r.status === 0 ? { command: python, version: r.stdout.trim() } : undefined;
}

/**
 * The folder of the first `count` files of `source` as `kind` saved them: reused when its marker
 * matches, else made (minutes for LibreOffice at 1,000 files). Undefined when the tool is missing.
 */
export function ensureResaved(kind, source, count, sourceIdentity, log, python) {
  const saver = kind === "libreoffice" ? libreOffice() : openpyxlSaver(python);
  if (!saver) return undefined;
  const dir = join(ROOT, ".bench-cache", `${kind}-n${count}`);
  const identity = { kind, count, source: sourceIdentity, tool: saver.version };
  try {
    const m = JSON.parse(readFileSync(join(dir, MARKER), "utf8"));
    if (JSON.stringify(m.identity) === JSON.stringify(identity) && xlsxIn(dir).length === count) {
      log(`  ${count} ${kind} re-saves: cached in .bench-cache/${kind}-n${count}`);
      return { dir, tool: saver.version };
    }
  } catch {
    // No marker or another one: make the set afresh.
  }
  // Files of an unfinished attempt at the same set are kept: each is the tool's save of its source file.
  const partial = join(dir, PARTIAL);
  const resumable =
    existsSync(partial) && readFileSync(partial, "utf8") === JSON.stringify(identity);
  if (!resumable) rmSync(dir, { recursive: true, force: true });
  rmSync(join(dir, MARKER), { force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(partial, JSON.stringify(identity));
  const names = xlsxIn(source).slice(0, count);
  const started = performance.now();
  if (kind === "libreoffice") {
    const profile = mkdtempSync(join(tmpdir(), "dabiao-bench-lo-"));
    try {
      // A loaded LibreOffice now and then skips a file without a word: the missing ones go again.
      const missing = () => {
        const saved = new Set(xlsxIn(dir));
        return names.filter((n) => !saved.has(n));
      };
      for (let round = 0, todo = missing(); todo.length > 0 && round < 3; round++, todo = missing())
        for (let i = 0; i < todo.length; i += SOFFICE_BATCH) {
          const batch = todo.slice(i, i + SOFFICE_BATCH).map((n) => join(source, n));
          const r = spawnSync(
            saver.command,
            [
              `-env:UserInstallation=${pathToFileURL(profile).href}`,
              "--headless",
              "--norestore",
              "--convert-to",
              "xlsx:Calc MS Excel 2007 XML",
              "--outdir",
              dir,
              ...batch,
            ],
            { encoding: "utf8", maxBuffer: 64 * 2 ** 20 }
          );
          if (r.status !== 0) throw new Error(`soffice failed:\n${r.stderr}`);
          process.stderr.write(
            `  libreoffice re-saves: ${names.length - missing().length}/${names.length}\n`
          );
        }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  } else {
    const r = spawnSync(
      saver.command,
      [join(ROOT, "scripts", "bench-openpyxl-save.py"), source, dir, String(count)],
      { encoding: "utf8", stdio: ["ignore", "inherit", "inherit"] }
    );
    if (r.status !== 0) throw new Error("bench-openpyxl-save.py failed");
  }
  if (xlsxIn(dir).length !== count)
    throw new Error(`${kind}: ${xlsxIn(dir).length} of ${count} files saved`);
  writeFileSync(
    join(dir, MARKER),
    JSON.stringify({ identity, at: new Date().toISOString() }, null, 2)
  );
  const s = ((performance.now() - started) / 1000).toFixed(0);
  log(
    `  ${count} ${kind} re-saves: made in .bench-cache/${kind}-n${count} in ${s} s (${saver.version})`
  );
  return { dir, tool: saver.version };
}

// `node scripts/bench-corpora.mjs KIND SOURCE COUNT`: make one set ahead of a bench run.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [kind, source, count] = process.argv.slice(2);
  const identity = JSON.parse(readFileSync(join(source, MARKER), "utf8"));
  delete identity.at;
  ensureResaved(
    kind,
    source,
    Number(count),
    identity,
    console.log,
    process.env.PYTHON ?? "/usr/bin/python3"
  );
}
