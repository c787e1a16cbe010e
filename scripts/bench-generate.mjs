// Worker for scripts/bench.mjs: writes filled scoresheets [start, end) of a benchmark set.
// Each file is the official template filled by demoBranches (realistic fictional fillings) with a
// unique (所属党委, 党支部名称), so every submission is a distinct branch and nothing is superseded.
// File i is the same in every set (same seed, same names), so a smaller set may be copied from a larger one.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";

const require = createRequire(import.meta.url);

/** Fixed, so the cached sets are the same from run to run (and the template's 生成时间 too). */
export const SEED = 20191;
export const GENERATED_AT = "2019-11-01T08:00:00.000Z";
/**
 * Bump when what a generated file contains changes, so stale caches are regenerated
 * (2: the demo types C2/F1's counts as the sheet determines them).
 */
export const GENERATOR_VERSION = 2;

/** demoBranches cycles 3 committees × 10 units; from the second round on the name gets a number. */
export function uniqueBranches(core, rubric, count) {
  const samples = core.demoBranches(rubric, count, SEED);
  const seen = new Map();
  return samples.map((s) => {
    const { committee, name } = s.typed.header;
    const key = `${committee}｜${name}`;
    const round = (seen.get(key) ?? 0) + 1;
    seen.set(key, round);
    if (round === 1) return { file: s.file, typed: s.typed };
    const numbered = String(name).replace(/党支部$/, `第${round}党支部`);
    return {
      file: `${committee}-${numbered.replace(String(committee).replace("机关党委", ""), "")}.xlsx`,
      typed: { ...s.typed, header: { ...s.typed.header, name: numbered } },
    };
  });
}

/** The file name in the cache: numbered first, so the directory order is the generation order. */
export function cacheName(index, file) {
  return `${String(index + 1).padStart(5, "0")}-${file}`;
}

if (parentPort && workerData) {
  const { lib, dir, count, start, end } = workerData;
  const core = require(join(lib, "core", "index.js"));
  const { writeXlsx } = require(join(lib, "adapters", "xlsx", "write", "writer.js"));
  const rubric = core.DEFAULT_RUBRIC;
  const template = core.buildTemplate(rubric, { generatedAt: GENERATED_AT });
  const branches = uniqueBranches(core, rubric, count);
  let written = 0;
  for (let i = start; i < end; i++) {
    const b = branches[i];
    const bytes = await writeXlsx(core.fillTemplate(template, rubric, b.typed));
    writeFileSync(join(dir, cacheName(i, b.file)), bytes);
    if (++written % 25 === 0 || i === end - 1) parentPort.postMessage({ written });
  }
}
