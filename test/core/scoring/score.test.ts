import { stageReach, type Entry, type ItemScore } from "../../../src/core";
import { assessed, type FillingChanges } from "../../support/engine-filling";

/** The 自评得分 of one item when the rest of the sheet has full marks. */
function self(code: string, entries: Record<string, Entry>, changes: FillingChanges = {}): number {
  return item(code, entries, changes).self;
}

function item(
  code: string,
  entries: Record<string, Entry>,
  changes: FillingChanges = {}
): ItemScore {
  const found = assessed(entries, changes).items.find((i) => i.code === code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
}

describe("JUDGE: the branch enters a score (B2 支委分工明确, max 3)", () => {
  it.each([
    [3, 3],
    [2.5, 2.5],
    [0, 0],
  ])("%p is scored as entered: %p", (entered, score) => {
    expect(self("B2", { B2: entered })).toBe(score);
  });

  it("rounds a score off the 0.5 grid down: 2.7 → 2.5, 0.4 → 0", () => {
    expect(self("B2", { B2: 2.7 })).toBe(2.5);
    expect(self("B2", { B2: 0.4 })).toBe(0);
  });

  it("clamps to 0..max: 5 → 3, −1 → 0", () => {
    expect(self("B2", { B2: 5 })).toBe(3);
    expect(self("B2", { B2: -1 })).toBe(0);
  });

  it("gives 0 for an empty entry", () => {
    expect(self("B2", { B2: null })).toBe(0);
  });
});

describe("JUDGE ladder: 好/较好/一般/差 (C5 先锋模范作用发挥, max 4)", () => {
  it.each([
    ["好", 4],
    ["较好", 3],
    ["一般", 2],
    ["差", 0],
  ] as const)("%s → %p", (level, score) => {
    expect(self("C5", { C5: level })).toBe(score);
  });

  it("gives 0 for an empty entry", () => {
    expect(self("C5", { C5: null })).toBe(0);
  });
});

describe("BOOL: 是 full marks, 否 nothing (B3 支部书记讲党课, max 2)", () => {
  it("是 → 2, 否 → 0, empty → 0", () => {
    expect(self("B3", { B3: true })).toBe(2);
    expect(self("B3", { B3: false })).toBe(0);
    expect(self("B3", { B3: null })).toBe(0);
  });
});

describe("COUNT", () => {
  it("D1 支部党员大会: 1 point off for each quarter without a meeting", () => {
    expect(self("D1", { D1: 4 })).toBe(4);
    expect(self("D1", { D1: 3 })).toBe(3);
    expect(self("D1", { D1: 1 })).toBe(1);
    expect(self("D1", { D1: 0 })).toBe(0);
  });

  it("D2 支委会: 0.5 off per month without a meeting, never below 0", () => {
    expect(self("D2", { D2: 12 })).toBe(4);
    expect(self("D2", { D2: 10 })).toBe(3);
    expect(self("D2", { D2: 5 })).toBe(0.5);
    expect(self("D2", { D2: 4 })).toBe(0);
    expect(self("D2", { D2: 0 })).toBe(0);
  });

  it("D3 党小组会: 12 group-months required per 党小组 in the header", () => {
    expect(self("D3", { D3: 24 })).toBe(3);
    expect(self("D3", { D3: 20 })).toBe(1);
    expect(self("D3", { D3: 12 }, { header: { groups: 1 } })).toBe(3);
    expect(self("D3", { D3: 24 }, { header: { groups: 3 } })).toBe(0);
  });

  it("gives no bonus for more than required: D4 党课 8 times → 4, D3 30 group-months with 2 groups → 3", () => {
    expect(self("D4", { D4: 8 })).toBe(4);
    expect(self("D3", { D3: 30 })).toBe(3);
  });

  it("gives 0 for an empty count", () => {
    expect(self("D5", { D5: null })).toBe(0);
  });
});

describe("CHECK: deductions per missing element, floor 0 (A2 支委会及书记设置合规, max 3)", () => {
  it("3 for each of 应设未设支委会, 1 for 委员人数不合规, 0.5 for each missing 分工", () => {
    expect(self("A2", { "A2.1": 0, "A2.2": 0, "A2.3": 0 })).toBe(3);
    expect(self("A2", { "A2.3": 1 })).toBe(2.5);
    expect(self("A2", { "A2.3": 3 })).toBe(1.5);
    expect(self("A2", { "A2.2": 1, "A2.3": 2 })).toBe(1);
    expect(self("A2", { "A2.1": 1 })).toBe(0);
  });

  it("stops at 0 when the deductions exceed the max (扣完为止)", () => {
    expect(self("A2", { "A2.1": 1, "A2.2": 1, "A2.3": 3 })).toBe(0);
  });

  it("counts an empty clause cell as nothing missing", () => {
    expect(self("A2", { "A2.1": null, "A2.2": null, "A2.3": null })).toBe(3);
  });
});

describe("CHECK + COVER: deductions on the base, plus coverage rounded down to 0.5", () => {
  it("C2 经常性教育: 3 base points less 无计划 1 and 无记录 2, plus 2 × 达标人数 ÷ 党员总数", () => {
    expect(self("C2", { "C2.3": 20, "C2.4": 20 })).toBe(5);
    expect(self("C2", { "C2.3": 15, "C2.4": 20 })).toBe(4.5);
    expect(self("C2", { "C2.3": 13, "C2.4": 20 })).toBe(4); // 1.3 → 1
    expect(self("C2", { "C2.1": 1, "C2.3": 20, "C2.4": 20 })).toBe(4);
  });

  it("C2: the deductions cannot eat the coverage points", () => {
    expect(self("C2", { "C2.1": 1, "C2.2": 1, "C2.3": 20, "C2.4": 20 })).toBe(2);
  });

  it("C2: more covered than required counts as full coverage", () => {
    expect(self("C2", { "C2.3": 30, "C2.4": 20 })).toBe(5);
  });

  it("F1 焦作党建e家: 3 × 录入条数 ÷ 应开展次数, rounded down to 0.5", () => {
    expect(self("F1", { "F1.3": 7, "F1.4": 10 })).toBe(5); // 2.1 → 2
    expect(self("F1", { "F1.3": 10, "F1.4": 30 })).toBe(4);
    expect(self("F1", { "F1.1": 2, "F1.2": 1, "F1.3": 10, "F1.4": 10 })).toBe(3);
  });

  it("gives no coverage points when nothing is required (required 0 → 0)", () => {
    expect(self("F1", { "F1.3": 10, "F1.4": 0 })).toBe(3);
    expect(self("C2", { "C2.3": 0, "C2.4": 0 })).toBe(3);
  });
});

describe("COVER with a fixed requirement (D8 谈心谈话: 3 types, max 2)", () => {
  it.each([
    [3, 2],
    [2, 1], // 1.33 → 1
    [1, 0.5], // 0.67 → 0.5
    [0, 0],
    [5, 2],
  ])("%p types covered → %p", (covered, score) => {
    expect(self("D8", { D8: covered })).toBe(score);
  });
});

describe("不适用", () => {
  it("gives full marks, marked 不适用, where the rubric allows it (D2 无支委会, D3 无党小组)", () => {
    const a = assessed(
      { D2: "不适用", D3: "不适用" },
      { header: { hasCommittee: false, groups: 0 } }
    );
    expect(a.items.find((i) => i.code === "D2")).toMatchObject({ self: 4, na: true });
    expect(a.items.find((i) => i.code === "D3")).toMatchObject({ self: 3, na: true });
  });

  it("gives nothing where the rubric does not allow it (D1 党员大会, B2 JUDGE)", () => {
    expect(item("D1", { D1: "不适用" })).toMatchObject({ self: 0, na: false });
    expect(item("B2", { B2: "不适用" })).toMatchObject({ self: 0, na: false });
  });

  it("leaves items scored normally unmarked", () => {
    expect(item("D2", { D2: 12 }).na).toBe(false);
  });
});

describe("section and stage totals", () => {
  it("sums items into sections of 10, 14, 20, 30, 10 and 16 and a total of 100 at full marks", () => {
    const a = assessed();
    expect(a.sections.map((s) => [s.code, s.max, s.self])).toEqual([
      ["A", 10, 10],
      ["B", 14, 14],
      ["C", 20, 20],
      ["D", 30, 30],
      ["E", 10, 10],
      ["F", 16, 16],
    ]);
    expect(a.totals).toEqual({ self: 100, review: null, sample: null, final: 100 });
  });

  it("takes each item's loss from its own section: D2 10 months −1 in D, A2.1 −3 in A", () => {
    const a = assessed({ D2: 10, "A2.1": 1 });
    const by = Object.fromEntries(a.sections.map((s) => [s.code, s.self]));
    expect(by).toEqual({ A: 7, B: 14, C: 20, D: 29, E: 10, F: 16 });
    expect(a.totals.self).toBe(96);
    expect(a.totals.final).toBe(96);
  });

  it("keeps 审核 and 抽验 totals null until someone enters a score", () => {
    const a = assessed({ D2: 10 });
    expect(a.totals.review).toBeNull();
    expect(a.totals.sample).toBeNull();
    expect(a.sections.every((s) => s.review === null && s.sample === null)).toBe(true);
    expect(a.items.every((i) => i.review === null && i.sample === null)).toBe(true);
  });

  it("makes each item's 最终 抽验 if present, else 审核 if present, else 自评", () => {
    const a = assessed({}, { reviews: { A1: 2, B2: 1.5 }, samples: { A1: 1 } });
    expect(item("A1", {}, { reviews: { A1: 2 }, samples: { A1: 1 } })).toMatchObject({
      self: 3,
      review: 2,
      sample: 1,
      final: 1,
    });
    expect(a.items.find((i) => i.code === "B2")).toMatchObject({
      self: 3,
      review: 1.5,
      sample: null,
      final: 1.5,
    });
    expect(a.items.find((i) => i.code === "C1")).toMatchObject({
      self: 5,
      review: null,
      sample: null,
      final: 5,
    });
    // A stage partly scored counts the items left blank at the stage before (审核 else 自评).
    expect(a.totals).toEqual({ self: 100, review: 97.5, sample: 96.5, final: 96.5 });
    const by = Object.fromEntries(a.sections.map((s) => [s.code, [s.review, s.sample, s.final]]));
    expect(by.A).toEqual([9, 8, 8]);
    expect(by.B).toEqual([12.5, null, 12.5]);
    expect(by.C).toEqual([null, null, 20]);
  });

  it("says whether a stage was scored for no item, some items (部分审核) or every item", () => {
    const all = Object.fromEntries(assessed().items.map((i) => [i.code, i.max] as const));
    expect(stageReach(assessed().items, "review")).toBe("none");
    expect(stageReach(assessed({}, { reviews: { A1: 2 } }).items, "review")).toBe("partial");
    expect(stageReach(assessed({}, { reviews: all }).items, "review")).toBe("all");
    expect(stageReach(assessed({}, { reviews: all }).items, "sample")).toBe("none");
    // Every item reviewed: 审核总分 is the sum of 审核 alone.
    expect(assessed({}, { reviews: { ...all, A1: 0 } }).totals.review).toBe(97);
  });

  it("counts a 审核 of 0 as entered, not as missing", () => {
    expect(item("B3", {}, { reviews: { B3: 0 } })).toMatchObject({ self: 2, review: 0, final: 0 });
    expect(assessed({}, { reviews: { B3: 0 } }).totals).toMatchObject({ review: 98, final: 98 });
  });

  it("holds 审核 and 抽验 scores to the item's range and 0.5 grid, like 自评", () => {
    expect(item("B2", {}, { reviews: { B2: 2.7 } }).final).toBe(2.5);
    expect(item("B2", {}, { reviews: { B2: 8 } }).final).toBe(3);
    expect(item("B2", {}, { samples: { B2: -1 } }).final).toBe(0);
  });
});
