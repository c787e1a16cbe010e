// The consolidation benchmark against the PERF.md baselines and issue 14's targets: `npm run bench`
// (builds lib/ first).
//
// Generates N distinct filled scoresheets once (cached in .bench-cache/nN/), and the first 1,000 of
// them as LibreOffice and openpyxl save them (.bench-cache/libreoffice-n1000/, openpyxl-n1000/, see
// bench-corpora.mjs; skipped where the tool is missing). Then measures, each in its own child process
// (so peak RSS is per measurement), median of 3 runs:
//   (a) read the bytes only (our files);
//   (b) the unzip floor: fflate, only the parts a scoresheet needs, + UTF-8 decode, one thread;
//   (c) the per-file stage alone, one thread: read, score and validate each file (bench-read.mjs analyse);
//   (d) `node bin/dabiao.js consolidate DIR -o out.xlsx --json out.json --jobs 1`, end to end;
//   (e) the same with the worker pool (--jobs = the machine's cores);
//   (f) openpyxl read-only reading the 打分表 sheet's used range, where python3-openpyxl is installed;
//   (g) at 1,000 files, the task pane in headless Chromium (bench-pane.mjs): 开始汇总 to the result,
//       read by the pane's pool of Web Workers, where Chromium is installed.
// and prints them side by side with the ratios and the verdicts against the targets.
//
// Options: --sizes 1000,5000   --runs 3   --no-openpyxl   --no-resaved   --no-pane   --regenerate
//   --budget 100: seconds one approach may take at one size; a further run that would exceed it is
//   skipped (the table says "1 run"), which keeps the whole bench near 10 minutes on 2 cores.
// A script, not a test: nothing here asserts a time; it prints what it measured.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ensureResaved } from "./bench-corpora.mjs";
import {
  cacheName,
  GENERATED_AT,
  GENERATOR_VERSION,
  SEED,
  uniqueBranches,
} from "./bench-generate.mjs";

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LIB = join(ROOT, "lib");
const CACHE = join(ROOT, ".bench-cache");
const MARKER = ".complete.json";
/** Set BENCH_TIME=none to measure without it (peak RSS and CPU then come from the child itself). */
const TIME = process.env.BENCH_TIME ?? "/usr/bin/time";

// The targets of PERF.md and issue 14.
const QUARTER_OPENPYXL = 0.25;
const MAX_FLOOR_MULTIPLE = 4;
const MAX_RSS_BYTES = 250e6;
/** Another editor's files may cost at most this much more each than our writer's (issue 14, item 3). */
const MAX_EDITOR_MULTIPLE = 1.5;
/** The corpora besides ours, made from our first RESAVED files. */
const RESAVED = 1000;
/** 5,000 ÷ 1,000 above this is called super-linear (5 is exactly linear; start-up makes it a little less). */
const LINEAR_TOLERANCE = 1.2;

const options = parseOptions(process.argv.slice(2));
/** The highest 1-minute load average seen after any measured run: other work on the machine skews wall times. */
let maxLoad = 0;

// ---------------------------------------------------------------------------------------------
// Cached sets of submissions

/** What the generated files depend on: the generator, and the filled template it writes. */
function cacheIdentity() {
  const core = require(join(LIB, "core", "index.js"));
  const rubric = core.DEFAULT_RUBRIC;
  const template = core.buildTemplate(rubric, { generatedAt: GENERATED_AT });
  const first = uniqueBranches(core, rubric, 1)[0];
  const spec = core.fillTemplate(template, rubric, first.typed);
  const template_ = createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 16);
  return { generator: GENERATOR_VERSION, seed: SEED, template: template_ };
}

function xlsxIn(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".xlsx")) : [];
}

function cacheValid(dir, count, identity) {
  const marker = join(dir, MARKER);
  if (!existsSync(marker)) return false;
  try {
    const m = JSON.parse(readFileSync(marker, "utf8"));
    return (
      m.count === count &&
      m.generator === identity.generator &&
      m.seed === identity.seed &&
      m.template === identity.template &&
      xlsxIn(dir).length === count
    );
  } catch {
    return false;
  }
}

function progressLine(label, done, total, started) {
  const s = ((performance.now() - started) / 1000).toFixed(0);
  const text = `  ${label}: ${done}/${total} (${Math.floor((100 * done) / total)}%), ${s} s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? "\n" : ""}`);
  else if (done === total || done % Math.max(250, Math.ceil(total / 10)) < 25)
    process.stderr.write(`${text}\n`);
}

async function generate(dir, count) {
  const workers = Math.max(1, Math.min(availableParallelism(), 4, Math.ceil(count / 100)));
  const started = performance.now();
  let done = 0;
  const label = `generating ${count} scoresheets with ${workers} workers`;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = Math.floor((count * w) / workers);
      const end = Math.floor((count * (w + 1)) / workers);
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL("./bench-generate.mjs", import.meta.url), {
          workerData: { lib: LIB, dir, count, start, end },
        });
        let last = 0;
        worker.on("message", ({ written }) => {
          done += written - last;
          last = written;
          progressLine(label, done, count, started);
        });
        worker.on("error", reject);
        worker.on("exit", (code) =>
          code === 0 ? resolve() : reject(new Error(`generator worker exited with ${code}`))
        );
      });
    })
  );
  return performance.now() - started;
}

/** The folder of `count` submissions: reused when its marker matches, else copied from a larger set or generated. */
async function ensureSet(count, identity) {
  const dir = join(CACHE, `n${count}`);
  if (!options.regenerate && cacheValid(dir, count, identity)) {
    log(`  ${count} scoresheets: cached in ${rel(dir)}`);
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // File i is the same in every set, so a larger valid set holds this one's files already.
  const larger = readdirSync(CACHE)
    .map((n) => /^n(\d+)$/.exec(n))
    .filter(
      (m) => m && Number(m[1]) > count && cacheValid(join(CACHE, m[0]), Number(m[1]), identity)
    )
    .map((m) => join(CACHE, m[0]))[0];
  if (larger) {
    const names = xlsxIn(larger).sort().slice(0, count);
    for (const name of names) copyFileSync(join(larger, name), join(dir, name));
    log(`  ${count} scoresheets: copied the first ${count} of ${rel(larger)} into ${rel(dir)}`);
  } else {
    const ms = await generate(dir, count);
    log(`  ${count} scoresheets: generated into ${rel(dir)} in ${(ms / 1000).toFixed(1)} s`);
  }
  const names = xlsxIn(dir);
  const bytes = names.reduce((sum, n) => sum + statSync(join(dir, n)).size, 0);
  writeFileSync(
    join(dir, MARKER),
    JSON.stringify({ count, ...identity, bytes, at: new Date().toISOString() }, null, 2)
  );
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Measuring

/**
 * Runs one child to completion and returns its wall time, peak RSS and its JSON line (if any).
 * Peak RSS comes from /usr/bin/time -v when present, else from the child itself.
 */
function runChild(command, args, { rssFromPreload = false } = {}) {
  const haveTime = existsSync(TIME);
  const env = { ...process.env };
  let rssFile;
  if (!haveTime && rssFromPreload) {
    rssFile = join(tmpdir(), `dabiao-bench-rss-${process.pid}-${Date.now()}.json`);
    env.BENCH_RSS_FILE = rssFile;
    args = ["--require", join(ROOT, "scripts", "bench-rss.cjs"), ...args];
  }
  const [cmd, argv] = haveTime ? [TIME, ["-v", command, ...args]] : [command, args];
  const started = performance.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const wallMs = performance.now() - started;
  if (r.error) throw r.error;
  const line = r.stdout.trim().split("\n").pop() ?? "";
  let reported;
  try {
    reported = line.startsWith("{") ? JSON.parse(line) : undefined;
  } catch {
    reported = undefined;
  }
  let rssKb = reported?.maxRssKb;
  let cpuMs = reported?.cpuMs;
  if (haveTime) {
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    if (rss) rssKb = Number(rss[1]);
    const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
    const system = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
    if (user && system) cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
  } else if (rssFile && existsSync(rssFile)) {
    ({ maxRssKb: rssKb, cpuMs } = JSON.parse(readFileSync(rssFile, "utf8")));
    unlinkSync(rssFile);
  }
  return { status: r.status, wallMs, rssKb, cpuMs, reported, stdout: r.stdout, stderr: r.stderr };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Up to `runs` runs of one approach: median time, worst peak RSS. A run that would take the
 * approach past its time budget is skipped (so a slow approach is run once, not three times).
 */
function measure(name, files, runs, once) {
  const times = [];
  const walls = [];
  const cpus_ = [];
  let rssKb = 0;
  let last;
  const budgetMs = options.budget * 1000;
  let spent = 0;
  for (let i = 0; i < runs; i++) {
    if (i > 0 && spent + last.wallMs > budgetMs) {
      process.stderr.write(
        `  ${name}, ${files} files: ${i} run(s) only, a run takes ${fmtMs(last.wallMs)} (--budget ${options.budget})\n`
      );
      break;
    }
    last = once();
    maxLoad = Math.max(maxLoad, loadavg()[0]);
    spent += last.wallMs;
    times.push(last.ms);
    walls.push(last.wallMs);
    if (last.cpuMs !== undefined) cpus_.push(last.cpuMs);
    rssKb = Math.max(rssKb, last.rssKb ?? 0);
    process.stderr.write(
      `  ${name}, ${files} files, run ${i + 1}/${runs}: ${fmtMs(last.ms)}, ${fmtMb(last.rssKb)}\n`
    );
  }
  const cpuMs = cpus_.length === times.length ? median(cpus_) : undefined;
  return {
    name,
    files,
    ms: median(times),
    wallMs: median(walls),
    cpuMs,
    rssKb,
    runs: times.length,
    last,
  };
}

function nodeReader(mode, dir) {
  return () => {
    const r = runChild(process.execPath, [join(ROOT, "scripts", "bench-read.mjs"), mode, dir], {
      rssFromPreload: true,
    });
    if (r.status !== 0 || !r.reported) throw new Error(`bench-read ${mode} failed:\n${r.stderr}`);
    return { ...r, ms: r.reported.ms };
  };
}

function consolidateCli(dir, out, jobs) {
  return () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const r = runChild(
      process.execPath,
      [
        join(ROOT, "bin", "dabiao.js"),
        "consolidate",
        dir,
        "-o",
        join(out, "out.xlsx"),
        "--json",
        join(out, "out.json"),
        "--jobs",
        String(jobs),
      ],
      { rssFromPreload: true }
    );
    // Exit 1 is "done, but some inputs were rejected or have errors": still a finished run.
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`dabiao consolidate exited with ${r.status}:\n${r.stderr}`);
    // End to end: the whole process, from spawn (Node start-up included) to exit.
    return { ...r, ms: r.wallMs };
  };
}

/** The task pane in headless Chromium consolidating the folder (bench-pane.mjs). */
function paneReader(dir) {
  return () => {
    const r = runChild(process.execPath, [join(ROOT, "scripts", "bench-pane.mjs"), dir]);
    if (r.status !== 0 || !r.reported) throw new Error(`bench-pane.mjs failed:\n${r.stderr}`);
    return { ...r, ms: r.reported.ms };
  };
}

function openpyxlReader(python, dir) {
  return () => {
    const r = runChild(python, [join(ROOT, "scripts", "bench-openpyxl.py"), dir]);
    if (r.status !== 0 || !r.reported) throw new Error(`bench-openpyxl.py failed:\n${r.stderr}`);
    return { ...r, ms: r.reported.ms };
  };
}

/** The first Python that can import openpyxl (Debian's python3-openpyxl installs into /usr/bin/python3). */
function findOpenpyxl() {
  const candidates = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter(Boolean);
  for (const python of [...new Set(candidates)]) {
    const r = spawnSync(
      python,
      ["-c", "import sys, openpyxl; print(openpyxl.__version__, sys.version.split()[0])"],
      { encoding: "utf8" }
    );
    if (r.status === 0) {
      const [version, pythonVersion] = r.stdout.trim().split(" ");
      return { python, version, pythonVersion };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Output

function log(line = "") {
  process.stdout.write(`${line}\n`);
}

function rel(path) {
  return path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path;
}

function fmtMs(ms) {
  if (ms === undefined) return "—";
  return ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(0)} ms`;
}

function fmtMb(kb) {
  return kb ? `${((kb * 1024) / 1e6).toFixed(0)} MB` : "—";
}

function fmtX(x) {
  return x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function table(header, rows) {
  const lines = [header, header.map(() => "---"), ...rows];
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function verdict(ok, text) {
  return `${ok ? "PASS" : "MISS"}  ${text}`;
}

/** The pane's longest main-thread task: the Long Tasks API reports only those of 50 ms or more. */
function longTask(ms) {
  return ms > 0 ? `${ms} ms` : "under 50 ms (none long enough to be reported)";
}

function parseOptions(argv) {
  const o = {
    sizes: [1000, 5000],
    runs: 3,
    budget: 100,
    openpyxl: true,
    resaved: true,
    pane: true,
    regenerate: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--sizes") o.sizes = String(argv[++i]).split(",").map(Number);
    else if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--budget") o.budget = Number(argv[++i]);
    else if (a === "--no-openpyxl") o.openpyxl = false;
    else if (a === "--no-resaved") o.resaved = false;
    else if (a === "--no-pane") o.pane = false;
    else if (a === "--regenerate") o.regenerate = true;
    else {
      console.error(
        `unknown option ${a}\nusage: node scripts/bench.mjs [--sizes 1000,5000] [--runs 3] [--budget 100] [--no-openpyxl] [--no-resaved] [--no-pane] [--regenerate]`
      );
      process.exit(2);
    }
  }
  if (!o.sizes.every((n) => Number.isInteger(n) && n > 0) || !(o.runs >= 1) || !(o.budget > 0)) {
    console.error("--sizes takes positive integers, --runs at least 1, --budget seconds > 0");
    process.exit(2);
  }
  o.sizes = [...new Set(o.sizes)].sort((a, b) => b - a);
  return o;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(LIB, "cli", "main.js")))
    throw new Error("lib/ is missing: run `npm run build:cli` first (npm run bench does).");
  const benchStarted = performance.now();
  const openpyxl = options.openpyxl ? findOpenpyxl() : undefined;
  const chromium = options.pane && existsSync(process.env.CHROMIUM ?? "/usr/bin/chromium");

  log("# dabiao consolidation benchmark");
  log();
  log(
    `machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? "unknown CPU"}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; node ${process.version}; ` +
      `fflate ${require("fflate/package.json").version}, saxes ${require("saxes/package.json").version}, ` +
      `exceljs ${require("exceljs/package.json").version}; ` +
      (openpyxl
        ? `openpyxl ${openpyxl.version} (Python ${openpyxl.pythonVersion}, ${openpyxl.python})`
        : "openpyxl: not measured")
  );
  log(`code: ${codeState()}`);
  log(
    `peak RSS from: ${existsSync(TIME) ? `${TIME} -v` : "process.resourceUsage().maxRSS in the child"} (worst run); ` +
      `times: median of ${options.runs} runs (fewer where marked: --budget ${options.budget} s per approach and size)`
  );
  if (!options.openpyxl) log("note: openpyxl skipped (--no-openpyxl).");
  else if (!openpyxl)
    log(
      "note: openpyxl skipped: no python3 here can `import openpyxl` " +
        "(on Debian/Ubuntu: apt-get install python3-openpyxl; PYTHON=… to point at another interpreter)."
    );
  log();

  mkdirSync(CACHE, { recursive: true });
  const identity = cacheIdentity();
  log("submissions:");
  const dirs = new Map();
  // Largest first: smaller sets are then copied from it instead of generated again.
  for (const n of options.sizes) dirs.set(n, await ensureSet(n, identity));
  log();

  const cores = availableParallelism();
  const corpora = [];
  for (const n of [...options.sizes].reverse())
    corpora.push({ key: `ours-${n}`, label: "our writer's", n, dir: dirs.get(n) });
  const source = dirs.get(Math.max(...options.sizes));
  if (options.resaved && options.sizes.some((n) => n >= RESAVED)) {
    const identity = JSON.parse(readFileSync(join(dirs.get(RESAVED) ?? source, MARKER), "utf8"));
    delete identity.at;
    for (const [kind, label] of [
      ["libreoffice", "LibreOffice re-saves"],
      ["openpyxl", "openpyxl saves"],
    ]) {
      const made = ensureResaved(kind, source, RESAVED, identity, log, openpyxl?.python);
      if (made)
        corpora.push({
          key: `${kind}-${RESAVED}`,
          label,
          n: RESAVED,
          dir: made.dir,
          tool: made.tool,
        });
      else
        log(
          `  ${label}: skipped (${kind === "libreoffice" ? "no soffice on PATH" : "no openpyxl"})`
        );
    }
  }
  log();

  const loadBefore = loadavg()[0];
  const out = mkdtempSync(join(tmpdir(), "dabiao-bench-"));
  const results = new Map();
  const sanity = [];
  try {
    for (const c of corpora) {
      const { n, dir } = c;
      nodeReader("bytes", dir)(); // warm the page cache; not measured
      const set = {};
      const name = (what) => `${what} (${c.label})`;
      if (c.key.startsWith("ours"))
        set.bytes = measure(name("read the bytes"), n, options.runs, nodeReader("bytes", dir));
      set.floor = measure(name("unzip floor"), n, options.runs, nodeReader("floor", dir));
      if (n <= RESAVED)
        set.analyse = measure(name("per-file stage"), n, options.runs, nodeReader("analyse", dir));
      const outOf = (jobs) => join(out, `${c.key}-j${jobs}`);
      set.single = measure(
        name("consolidate --jobs 1"),
        n,
        options.runs,
        consolidateCli(dir, outOf(1), 1)
      );
      set.pool = measure(
        name(`consolidate --jobs ${cores}`),
        n,
        options.runs,
        consolidateCli(dir, outOf(cores), cores)
      );
      if (n === RESAVED && chromium)
        set.pane = measure(name("the pane in Chromium"), n, options.runs, paneReader(dir));
      if (openpyxl)
        set.openpyxl = measure(
          name("openpyxl read-only"),
          n,
          options.runs,
          openpyxlReader(openpyxl.python, dir)
        );
      results.set(c.key, set);
      sanity.push(checkOutput(c, outOf(1), outOf(cores), set));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0];

  const rows = [];
  for (const c of corpora) {
    const set = results.get(c.key);
    const { n } = c;
    const floor = set.floor.ms;
    const row = (label, r, note = "") => [
      label,
      c.label,
      n.toLocaleString("en-US"),
      r.runs === options.runs
        ? fmtMs(r.ms)
        : `${fmtMs(r.ms)} (${r.runs} run${r.runs > 1 ? "s" : ""})`,
      fmtMb(r.rssKb),
      fmtMs(r.cpuMs),
      fmtX(r.ms / floor),
      `${(r.ms / n).toFixed(r.ms / n < 1 ? 3 : 2)} ms`,
      note,
    ];
    if (set.bytes)
      rows.push(
        row(
          "floor: read the bytes",
          set.bytes,
          `${(set.bytes.last.reported.bytes / 1e6).toFixed(1)} MB of .xlsx`
        )
      );
    rows.push(
      row(
        "**floor: unzip the needed parts (fflate) + UTF-8 decode**, one thread",
        set.floor,
        `${(set.floor.last.reported.chars / n / 1000).toFixed(0)} K chars of XML per file`
      )
    );
    if (set.analyse)
      rows.push(
        row(
          "per-file stage alone (read, score, validate), one thread",
          set.analyse,
          "in-process, after start-up"
        )
      );
    rows.push(
      row(
        "`dabiao consolidate --jobs 1` end to end",
        set.single,
        "whole process: Node start-up included"
      )
    );
    rows.push(
      row(
        `**\`dabiao consolidate\` with the pool (${cores} workers)** end to end`,
        set.pool,
        "whole process: Node start-up included"
      )
    );
    if (set.pane)
      rows.push(
        row(
          `**the task pane in headless Chromium**: 开始汇总 to the result, pool of ${Math.min(4, set.pane.last.reported.cores)} Web Workers`,
          set.pane,
          `main thread's longest task ${longTask(set.pane.last.reported.longestTaskMs)}; RSS and CPU: the largest process / the Node driver only`
        )
      );
    if (set.openpyxl)
      rows.push(
        row(
          "Python openpyxl read-only, 打分表 used range values",
          set.openpyxl,
          `after \`import openpyxl\` (process ${fmtMs(set.openpyxl.wallMs)}); ` +
            `${Math.round(set.openpyxl.last.reported.cells / n)} values per file`
        )
      );
  }
  log(
    table(
      [
        "approach",
        "corpus",
        "files",
        "time",
        "peak RSS",
        "process CPU",
        "× floor",
        "per file",
        "notes",
      ],
      rows
    )
  );
  log();
  log(
    "time: the work inside the child process (after start-up and imports), except `dabiao consolidate`, " +
      "timed from spawn to exit; every comparison below is therefore tilted against dabiao. " +
      "process CPU: user + system time of the whole child process, start-up included (the pool's is the sum over its threads)."
  );
  // The bench itself keeps up to all cores busy; more than that means other work competed.
  const busy = Math.max(loadBefore, loadAfter, maxLoad) > cores + 0.5;
  log(
    `load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, ` +
      `${maxLoad.toFixed(2)} at most between runs, on ${cores} cores` +
      (busy ? " — WARNING: the machine was busy; times are inflated and noisy" : "")
  );
  for (const line of sanity) log(line);
  log();

  const ours = results.get("ours-1000");
  const ratioRows = corpora
    .filter((c) => c.n === 1000 || c.key.startsWith("ours"))
    .map((c) => {
      const set = results.get(c.key);
      return [
        c.label,
        c.n.toLocaleString("en-US"),
        set.openpyxl ? fmtX(set.pool.ms / set.openpyxl.ms) : "—",
        set.openpyxl ? fmtX(set.single.ms / set.openpyxl.ms) : "—",
        set.openpyxl && set.pane ? fmtX(set.pane.ms / set.openpyxl.ms) : "—",
        set.pane ? fmtX(set.pane.ms / set.floor.ms) : "—",
        fmtX(set.pool.ms / set.floor.ms),
        fmtX(set.single.ms / set.floor.ms),
        fmtX(set.single.ms / set.pool.ms),
        set.analyse && ours?.analyse ? fmtX(set.analyse.ms / ours.analyse.ms) : "—",
      ];
    });
  log(
    table(
      [
        "corpus",
        "files",
        "pool ÷ openpyxl (≤ 0.25)",
        "--jobs 1 ÷ openpyxl",
        "pane ÷ openpyxl",
        "pane ÷ floor",
        "pool ÷ floor (≤ 4)",
        "--jobs 1 ÷ floor",
        "speed-up of the pool",
        "per-file stage ÷ ours (≤ 1.5)",
      ],
      ratioRows
    )
  );
  log();

  log("verdicts:");
  for (const c of corpora.filter((c) => c.n === 1000)) {
    const set = results.get(c.key);
    if (set.openpyxl) {
      const ratio = set.pool.ms / set.openpyxl.ms;
      log(
        verdict(
          ratio <= QUARTER_OPENPYXL,
          `${c.label}, 1,000 end to end with the pool ${fmtMs(set.pool.ms)} = ${ratio.toFixed(2)} × openpyxl read-only ${fmtMs(set.openpyxl.ms)} (target ≤ 0.25×)`
        )
      );
    } else log(`SKIP  ${c.label}: pool vs openpyxl: openpyxl not measured`);
    const multiple = set.pool.ms / set.floor.ms;
    log(
      verdict(
        multiple <= MAX_FLOOR_MULTIPLE,
        `${c.label}, 1,000 end to end with the pool = ${multiple.toFixed(2)} × the single-core unzip floor ${fmtMs(set.floor.ms)} (target ≤ 4×)`
      )
    );
    if (!c.key.startsWith("ours") && set.analyse && ours?.analyse) {
      const editor = set.analyse.ms / ours.analyse.ms;
      log(
        verdict(
          editor <= MAX_EDITOR_MULTIPLE,
          `${c.label}: per-file stage ${fmtMs(set.analyse.ms / c.n)} a file = ${editor.toFixed(2)} × our own files' ${fmtMs(ours.analyse.ms / c.n)} (target ≤ 1.5×)`
        )
      );
    }
  }
  const large = results.get("ours-5000");
  if (large) {
    for (const [what, r] of [
      ["the pool", large.pool],
      ["--jobs 1", large.single],
    ]) {
      const bytes = r.rssKb * 1024;
      log(
        verdict(
          bytes < MAX_RSS_BYTES,
          `5,000 end to end with ${what}: peak RSS ${fmtMb(r.rssKb)} (${(bytes / 2 ** 20).toFixed(0)} MiB) (target < 250 MB)`
        )
      );
    }
  } else log("SKIP  5,000-file RSS: 5000 not in --sizes");
  if (ours && large) {
    const ratio = large.pool.ms / ours.pool.ms;
    const cpuRatio =
      ours.pool.cpuMs && large.pool.cpuMs ? large.pool.cpuMs / ours.pool.cpuMs : undefined;
    const judged = busy && cpuRatio !== undefined ? cpuRatio : ratio;
    log(
      verdict(
        judged <= 5 * LINEAR_TOLERANCE,
        `linearity: 5,000 ÷ 1,000 with the pool = ${ratio.toFixed(2)} by time` +
          (cpuRatio === undefined ? "" : `, ${cpuRatio.toFixed(2)} by process CPU`) +
          ` (5 is linear; ≤ ${5 * LINEAR_TOLERANCE} passes; judged by ${judged === ratio ? "time" : "CPU: the machine was busy"})`
      )
    );
    const others = ["bytes", "floor", "single", "openpyxl"]
      .filter((k) => ours[k] && large[k])
      .map((k) => `${large[k].name} ${(large[k].ms / ours[k].ms).toFixed(2)}`);
    log(`      for comparison, 5,000 ÷ 1,000: ${others.join(", ")}`);
  }
  if (!chromium) log("not measured here: the task pane (no Chromium, or --no-pane).");
  log();
  log(`bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
}

/** The commit measured, and whether src/ differs from it (lib/ is built from the working tree). */
function codeState() {
  const git = (...args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const head = git("rev-parse", "--short", "HEAD");
  if (head.status !== 0) return "not a git checkout";
  const changed = git("status", "--porcelain", "--", "src")
    .stdout.split("\n")
    .filter(Boolean).length;
  return `${head.stdout.trim()}${changed ? ` + ${changed} changed file(s) under src/ (uncommitted)` : ""}`;
}

/** What the last runs produced, so a fast but wrong run does not pass unnoticed; the pool's --json must equal --jobs 1's. */
function checkOutput(c, single, pool, set) {
  const files = (out) => [join(out, "out.json"), join(out, "out.xlsx")];
  if (![...files(single), ...files(pool)].every((f) => existsSync(f)))
    return `WARNING: ${c.label} ${c.n}: a consolidate run wrote no report`;
  const [json, xlsx] = files(pool);
  const summary = JSON.parse(readFileSync(json, "utf8"));
  const accepted = summary.inputs.filter((i) => i.status === "accepted").length;
  const same = readFileSync(json, "utf8") === readFileSync(files(single)[0], "utf8");
  const line =
    `consolidate ${c.label} ${c.n}: ${summary.inputs.length} inputs, ${accepted} accepted, ` +
    `${summary.branches.length} branches, report ${(statSync(xlsx).size / 1e6).toFixed(2)} MB, ` +
    `exit ${set.pool.last.status}; the pool's --json ${same ? "is identical to" : "DIFFERS from"} --jobs 1's`;
  return accepted === c.n && summary.branches.length === c.n && same ? line : `WARNING: ${line}`;
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(2);
});
