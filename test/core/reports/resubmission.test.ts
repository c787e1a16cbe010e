import {
  consolidate,
  DEFAULT_RUBRIC,
  reportAt,
  resubmissionSheet,
  type ConsolidationInput,
} from "../../../src/core";
import { readXlsx } from "../../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import { submitted, TODAY } from "../../support/submissions";

/** Three problems: no 党支部负责人, "十个月" for a count, a deduction left unexplained. */
const FIRST = {
  name: "第二党支部",
  leader: "",
  entries: { D2: "十个月", B2: 2.5 },
  notes: { B2: "" },
};
/** The same branch again, two of them fixed: a leader named, D2 a number; B2 still unexplained. */
const SECOND = { ...FIRST, leader: "李四", entries: { D2: 12, B2: 2.5 } };

const run = (inputs: readonly ConsolidationInput[], previous?: Uint8Array) =>
  consolidate(inputs, {
    rubric: DEFAULT_RUBRIC,
    today: TODAY,
    ...(previous ? { previous: readXlsx(previous) } : {}),
  });

describe("what a resubmission changed (重报对比)", () => {
  it("a newer file in the same batch: 2 of 3 problems fixed, 1 remaining, the entry and the score before and after", async () => {
    const c = run([
      await submitted("二支部.xlsx", FIRST, { modified: 1 }),
      await submitted("一支部.xlsx", { name: "第一党支部" }),
      await submitted("二支部-改.xlsx", SECOND, { modified: 2 }),
    ]);
    const row = c.branches.find((b) => b.header.name === "第二党支部");
    const r = row?.resubmission;
    expect(r?.source).toBe("superseded");
    expect(r?.earlierFile).toBe("二支部.xlsx");
    expect(r?.fixed.map((i) => i.cell)).toEqual(["G4", "E51"]);
    expect(r?.fixed).toHaveLength(2);
    expect(r?.remaining.map((i) => [i.cell, i.rule])).toEqual([["G27", "V4"]]);
    expect(r?.changes).toEqual([{ key: "D2", before: "十个月", after: "12" }]);
    expect(r?.after).toEqual({ self: row?.totals.self, final: row?.totals.final, tier: row?.tier });
    expect(r?.before.final).not.toBe(r?.after.final);
    expect(c.branches.find((b) => b.header.name === "第一党支部")?.resubmission).toBeUndefined();
    const sheet = resubmissionSheet(c);
    const values = sheet.blocks?.flatMap((b) =>
      Array.from({ length: b.rowCount }, (_, i) => b.rowAt(i).values)
    );
    expect(values).toHaveLength(1);
    expect(values?.[0]?.slice(1, 6)).toEqual([
      "市财政局机关党委",
      "第二党支部",
      "被替代的文件 二支部.xlsx",
      "二支部-改.xlsx",
      "D2：十个月 → 12",
    ]);
    expect(String(values?.[0]?.[6])).toMatch(/^2 个：G4 /);
    expect(String(values?.[0]?.[7])).toMatch(/^1 个：G27 /);
  });

  it("the same file sent twice is no resubmission and is not listed", async () => {
    const c = run([
      await submitted("一支部.xlsx", { name: "第一党支部", lose: 5 }, { modified: 1 }),
      await submitted("一支部-再发.xlsx", { name: "第一党支部", lose: 5 }, { modified: 2 }),
    ]);
    expect(c.branches[0]?.resubmission).toBeUndefined();
    expect(resubmissionSheet(c).blocks ?? []).toEqual([]);
  });

  it("against the previous report: what changed since, from the report's own data", async () => {
    const first = run([await submitted("二支部.xlsx", FIRST)]);
    const report = await writeXlsx(reportAt(first, DEFAULT_RUBRIC, TODAY));
    const c = run([await submitted("二支部-改.xlsx", SECOND)], report);
    const r = c.branches[0]?.resubmission;
    expect(r?.source).toBe("previous");
    expect(r?.changes.map((x) => [x.key, x.after])).toEqual([["D2", "12"]]);
    expect(r?.fixed.map((i) => i.message)).toEqual(
      expect.arrayContaining([expect.stringContaining("党支部负责人未填写")])
    );
    expect(r?.remaining.map((i) => i.rule)).toContain("V4");
    expect(r?.before.final).toBe(first.branches[0]?.totals.final);
  });
});
