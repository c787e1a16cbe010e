import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildTemplate,
  DEFAULT_RUBRIC,
  demoBranches,
  fillTemplate,
  rubricFingerprint,
} from "../../src/core";
import { writeXlsx } from "../../src/adapters/xlsx/write/writer";

// N filled scoresheets of N distinct branches as .xlsx files (the demo's entries, each branch named
// apart by its number), generated once and cached under out/ (gitignored), like the bench's
// .bench-cache: regenerated only when the rubric or the generator changes.

const ROOT = join(__dirname, "..", "..");
/** Bump when what the files hold changes. */
const GENERATOR = 2;

/** The paths of `count` submissions of demo branches (seed 2019), made on first use. */
export async function submissionFiles(count: number): Promise<string[]> {
  const dir = join(ROOT, "out", `e2e-submissions-${count}`);
  const identity = JSON.stringify({ GENERATOR, fingerprint: rubricFingerprint(DEFAULT_RUBRIC) });
  const stamp = join(dir, "identity.json");
  const names = (): string[] =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".xlsx"))
      .sort()
      .map((f) => join(dir, f));
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === identity && names().length === count)
    return names();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-05-01T00:00:00Z" });
  for (const [i, b] of demoBranches(DEFAULT_RUBRIC, count, 2019).entries()) {
    const name = `${String(i + 1).padStart(5, "0")}-${b.file}`;
    writeFileSync(
      join(dir, name),
      await writeXlsx(fillTemplate(template, DEFAULT_RUBRIC, b.typed))
    );
  }
  writeFileSync(stamp, identity);
  return names();
}
