// Child process of scripts/bench.mjs: one floor measurement over a folder of .xlsx files.
//   node scripts/bench-read.mjs bytes DIR   read the bytes only
//   node scripts/bench-read.mjs floor DIR   + unzip only the parts a scoresheet needs (fflate) + UTF-8 decode
//   node scripts/bench-read.mjs analyse DIR the per-file stage of `dabiao consolidate`, on one thread:
//                                           read (lib/'s reader), score and validate each file
// Prints one JSON line: the in-process time of the work, what was read, and this process's peak RSS and CPU time.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { unzipSync } from "fflate";

const require = createRequire(import.meta.url);

const SCORESHEET = "打分表";
const WORKBOOK = "xl/workbook.xml";
const RELS = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS = "xl/sharedStrings.xml";

const [mode, dir] = process.argv.slice(2);
if (!["bytes", "floor", "analyse"].includes(mode) || !dir) {
  console.error("usage: node scripts/bench-read.mjs bytes|floor|analyse DIR");
  process.exit(2);
}

const utf8 = new TextDecoder();

/** The worksheet part of the 打分表 sheet, found as any reader must: workbook.xml → its r:id → the rels target. */
function scoresheetPart(workbookXml, relsXml) {
  const sheet = /<sheet\b[^>]*>/g;
  for (let m = sheet.exec(workbookXml); m; m = sheet.exec(workbookXml)) {
    // openpyxl writes the name as character references (&#25171;&#20998;&#34920;).
    const tag = m[0].replace(/&#(x?)([0-9a-fA-F]+);/g, (_, x, d) =>
      String.fromCodePoint(parseInt(d, x ? 16 : 10))
    );
    if (!tag.includes(`name="${SCORESHEET}"`)) continue;
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const rel = new RegExp(`<Relationship\\b[^>]*\\bId="${id}"[^>]*>`).exec(relsXml)?.[0];
    const target = rel && /\bTarget="([^"]+)"/.exec(rel)?.[1];
    if (target) return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  }
  throw new Error(`no ${SCORESHEET} sheet`);
}

/** Unzips only workbook.xml, its rels and sharedStrings, then only the 打分表 sheet; decodes them. */
function floor(bytes) {
  const first = unzipSync(bytes, {
    filter: (f) => f.name === WORKBOOK || f.name === RELS || f.name === SHARED_STRINGS,
  });
  const workbook = utf8.decode(first[WORKBOOK]);
  const rels = utf8.decode(first[RELS]);
  const strings = utf8.decode(first[SHARED_STRINGS]);
  const part = scoresheetPart(workbook, rels);
  const sheet = utf8.decode(unzipSync(bytes, { filter: (f) => f.name === part })[part]);
  return workbook.length + rels.length + strings.length + sheet.length;
}

/** The CLI's per-file stage from lib/: readInput, then the core's analyse. */
function analyser() {
  const lib = new URL("../lib/", import.meta.url).pathname;
  const core = require(join(lib, "core", "index.js"));
  const { readInput } = require(join(lib, "cli", "read-input.js"));
  const options = {
    rubric: core.DEFAULT_RUBRIC,
    today: new Date(2019, 4, 20),
    acceptOtherRubric: false,
  };
  const fingerprint = core.rubricFingerprint(options.rubric);
  return (file, index) => {
    const a = core.analyse(readInput(file), index, options, fingerprint);
    if (a.outcome.status !== "accepted") throw new Error(`${file}: ${a.outcome.reasons.join(" ")}`);
    return a.candidates.length;
  };
}
const analyse = mode === "analyse" ? analyser() : undefined;

const started = performance.now();
const files = readdirSync(dir)
  .filter((name) => name.toLowerCase().endsWith(".xlsx") && !name.startsWith("."))
  .sort()
  .map((name) => join(dir, name));
let bytesRead = 0;
let chars = 0;
let branches = 0;
for (const [index, file] of files.entries()) {
  if (analyse) {
    branches += analyse(file, index);
    continue;
  }
  const bytes = readFileSync(file);
  bytesRead += bytes.length;
  if (mode === "floor") chars += floor(bytes);
}
const ms = performance.now() - started;
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(
  `${JSON.stringify({ ms, files: files.length, bytes: bytesRead, chars, branches, maxRssKb: usage.maxRSS, cpuMs })}\n`
);
