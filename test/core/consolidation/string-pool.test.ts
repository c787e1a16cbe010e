import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { StringPool } from "../../../src/core/consolidation/string-pool";

setFlagsFromString("--expose-gc");

/** A string with the same text that is not the same string in memory (as a worker's answer brings). */
const copy = (text: string): string => [...text].join("");

describe("StringPool", () => {
  it("gives every string inside plain data the one copy the pool keeps, leaving the data equal", () => {
    const pool = new StringPool();
    const first = { file: copy("第一.xlsx"), issues: [{ severity: copy("警告"), cells: ["D5"] }] };
    const second = { file: copy("第二.xlsx"), issues: [{ severity: copy("警告"), cells: [] }] };
    const before = structuredClone([first, second]);
    pool.shared(first);
    pool.shared(second);
    expect([first, second]).toEqual(before);
  });

  it("lets the copies go: 5,000 answers holding the same 2,000 characters keep one of them", () => {
    // Which copy a string is cannot be seen from JavaScript; the memory it holds can.
    const gc = runInNewContext("gc") as () => void;
    const text = "有 1 个季度未召开党员大会，条例要求每季度召开1次。".repeat(80);
    const answers = Array.from({ length: 5_000 }, () => ({ issues: [{ message: copy(text) }] }));
    gc();
    const held = process.memoryUsage().heapUsed;
    const pool = new StringPool();
    for (const a of answers) pool.shared(a);
    gc();
    const freed = held - process.memoryUsage().heapUsed;
    // 5,000 × 2,000 characters × 2 bytes = 20 MB, of which one copy stays.
    expect(freed).toBeGreaterThan(15e6);
    expect(answers.every((a) => a.issues[0]?.message === text)).toBe(true);
  });

  it("returns what it was given, walks shared and circular objects once, and leaves frozen ones and byte arrays alone", () => {
    const pool = new StringPool();
    const shared: Record<string, unknown> = { name: copy("打分表") };
    shared["self"] = shared;
    const frozen = Object.freeze({ name: copy("打分表") });
    const bytes = new Uint8Array([1, 2, 3]);
    const value = { a: shared, b: shared, frozen, bytes, n: 1.5, none: null, yes: true };
    expect(pool.shared(value)).toBe(value);
    expect(value).toMatchObject({ a: { name: "打分表" }, frozen: { name: "打分表" }, n: 1.5 });
    expect([...value.bytes]).toEqual([1, 2, 3]);
  });
});
