import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { settled } from "../../../src/core/records";
import { runInChild } from "../../support/measure-child";
import { scoresheetBytes } from "../../support/submissions";

describe("what a consolidation keeps per branch", () => {
  // 5,000 branches keep ten such records each until the report is written. Built key by key, V8
  // held the larger ones as hash tables: 7.3 MB for 1,000 branches, 1.8 MB once settled. Measured
  // in a fresh process, as the CLI runs: this file's own helpers build objects with the same keys,
  // and the hidden classes they leave behind make the records compact here even without settled.
  it("holds a branch's records by slot and by item in under 40 bytes a key (a hash table took 73)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dabiao-records-"));
    try {
      const file = join(dir, "某党支部.xlsx");
      await writeFile(file, await scoresheetBytes());
      const m = await runInChild<{ records: number; keys: number; bytes: number }>(
        "measure-records",
        [file, "1000"],
        ["--expose-gc"]
      );
      expect(m.records).toBeGreaterThanOrEqual(1000 * 4);
      expect(m.keys / 1000).toBeGreaterThan(90);
      expect(m.bytes / m.keys).toBeLessThan(40);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("settled copies a record key by key, in the same order, as a new object", () => {
    const built: Record<string, number | null> = {};
    for (let i = 0; i < 70; i++) built[`A${i}.1`] = i % 3 === 0 ? null : i / 2;
    const copy = settled(built);
    expect(copy).not.toBe(built);
    expect(Object.entries(copy)).toEqual(Object.entries(built));
  });
});
