import { drawSample, recommend, requiredCount, type BranchRow } from "../../../src/core";
import { branchRow, many } from "../../support/branch-rows";

const keys = (rows: readonly BranchRow[]): string[] => rows.map((b) => b.key);

describe("requiredCount: at least ⌈ratio × branches⌉", () => {
  it.each([
    [1, 1],
    [5, 1],
    [10, 2],
    [11, 3],
    [15, 3],
    [0, 0],
  ])("%p branches at 20%% → %p", (n, required) => {
    expect(requiredCount(n, 0.2)).toBe(required);
  });

  it("is not pushed up by binary float error (0.07 × 100 and 0.55 × 100 come out a hair above 7 and 55)", () => {
    expect(0.07 * 100).toBeGreaterThan(7);
    expect(requiredCount(100, 0.07)).toBe(7);
    expect(requiredCount(100, 0.55)).toBe(55);
    expect(requiredCount(50, 0.14)).toBe(7);
  });

  it("takes none at 0% and all at 100%", () => {
    expect(requiredCount(7, 0)).toBe(0);
    expect(requiredCount(7, 1)).toBe(7);
  });

  it("refuses a ratio outside 0..1 (the CLI must check --ratio first)", () => {
    expect(() => requiredCount(10, 1.5)).toThrow(RangeError);
    expect(() => requiredCount(10, Number.NaN)).toThrow(RangeError);
  });
});

describe("recommend: 示范 first, then 先进 by merit, at least 20%", () => {
  it.each([
    [1, 1],
    [5, 1],
    [10, 2],
    [11, 3],
  ])("with %p branches, all 先进, recommends %p", (n, required) => {
    const r = recommend(many(n, "先进"));
    expect(r.required).toBe(required);
    expect(r.chosen).toHaveLength(required);
    expect(r.shortfall).toBeNull();
  });

  it("puts every 示范 branch first, even one scoring below the 先进 ones", () => {
    const model = branchRow({ name: "示范支部", tier: "示范", final: 85 });
    const r = recommend([...many(9, "先进"), model]);
    expect(r.chosen.map((b) => b.header.name)).toEqual(["示范支部", "先进第1党支部"]);
  });

  it("includes all 示范 branches when they are more than required, and no 先进 then", () => {
    const r = recommend([...many(4, "示范"), ...many(6, "先进")]);
    expect(r.required).toBe(2);
    expect(r.chosen.every((b) => b.tier === "示范")).toBe(true);
    expect(r.chosen).toHaveLength(4);
  });

  it("fills with 先进 by final score, best first", () => {
    const rows = [80, 88, 84, 86, 82].map((final, i) =>
      branchRow({ name: `支部${i}`, tier: "先进", final })
    );
    const r = recommend([...rows, ...many(5, "达标")]);
    expect(r.chosen.map((b) => b.totals.final)).toEqual([88, 86]);
  });

  it("breaks a tie of scores by stars, then by fewer warnings, then by key", () => {
    const tied = [
      branchRow({ name: "丁", tier: "先进", final: 85, stars: 3, warnings: 0 }),
      branchRow({ name: "丙", tier: "先进", final: 85, stars: 5, warnings: 2 }),
      branchRow({ name: "乙", tier: "先进", final: 85, stars: 5, warnings: 0 }),
      branchRow({ name: "甲", tier: "先进", final: 85, stars: 5, warnings: 0 }),
    ];
    const r = recommend([...tied, ...many(16, "达标")]);
    expect(r.required).toBe(4);
    // 乙 and 甲 tie on everything but the key; "乙" (U+4E59) sorts before "甲" (U+7532).
    expect(r.chosen.map((b) => b.header.name)).toEqual(["乙", "甲", "丙", "丁"]);
  });

  it("does not depend on the order of the input", () => {
    const rows = [...many(3, "示范"), ...many(8, "先进"), ...many(9, "达标")];
    expect(keys(recommend([...rows].reverse()).chosen)).toEqual(keys(recommend(rows).chosen));
  });

  it("never recommends 达标 or 未达标 branches", () => {
    const r = recommend([...many(5, "达标"), ...many(5, "未达标")]);
    expect(r.chosen).toEqual([]);
  });

  it("lists all 示范 and 先进 and says plainly how many are missing when they are too few", () => {
    const rows = [
      branchRow({ name: "甲", tier: "示范" }),
      branchRow({ name: "乙", tier: "先进" }),
      ...many(9, "达标"),
    ];
    const r = recommend(rows);
    expect(r.chosen).toHaveLength(2);
    expect(r.shortfall).toBe(
      "按不少于党支部数20%的要求应推荐 3 个，示范和先进党支部只有 2 个，已全部列入，尚缺 1 个。"
    );
  });

  it("counts only branches that submitted this round: a vanished branch is neither counted nor chosen", () => {
    const gone = many(5, "示范", "已撤销党委").map((b) => ({ ...b, vanished: true }));
    const r = recommend([...many(10, "先进"), ...gone]);
    expect(r.required).toBe(2);
    expect(r.chosen.some((b) => b.vanished)).toBe(false);
  });
});

describe("drawSample: the work committee's 抽验 sample", () => {
  const five = (name: string, tier: BranchRow["tier"]): BranchRow =>
    branchRow({ name, tier, stars: 5 });
  const branches = [
    five("五星先进", "先进"),
    five("五星达标", "达标"),
    five("五星示范", "示范"),
    five("五星未达标", "未达标"),
    ...many(6, "示范"),
    ...many(20, "先进"),
    ...many(14, "达标"),
    ...many(5, "未达标"),
    { ...five("五星已撤销", "先进"), vanished: true },
  ];

  it("takes every five-star branch that passed (示范, 先进, 达标) and every held or flagged one as mandatory", () => {
    const s = drawSample(branches, { ratio: 0.2, seed: 1 });
    expect(s.mandatory.map((b) => b.header.name).sort()).toEqual(
      ["五星先进", "五星达标", "五星示范"].sort()
    );
    expect([...s.why.values()]).toEqual(["fiveStar", "fiveStar", "fiveStar"]);
    const flagged = branchRow({ name: "改过党支部", tier: "示范", flags: ["公式被改动"] });
    const t = drawSample([...branches, flagged], { ratio: 0.2, seed: 1 });
    expect(t.why.get(flagged.key)).toBe("held");
    expect(keys(t.drawn)).not.toContain(flagged.key);
  });

  it("draws ⌈ratio × pool⌉ from the other 示范/先进/达标 branches; 未达标 and vanished ones are never drawn", () => {
    const s = drawSample(branches, { ratio: 0.2, seed: 7 });
    expect(s.pool).toBe(6 + 20 + 14);
    expect(s.drawn).toHaveLength(8);
    expect(new Set(keys(s.drawn)).size).toBe(8);
    for (const b of s.drawn) {
      expect(b.tier).not.toBe("未达标");
      expect(b.vanished).toBe(false);
      expect(keys(s.mandatory)).not.toContain(b.key);
    }
  });

  it("gives the same sample for the same seed, whatever the input order", () => {
    const a = drawSample(branches, { ratio: 0.2, seed: 20190531 });
    const b = drawSample([...branches].reverse(), { ratio: 0.2, seed: 20190531 });
    expect(keys(b.drawn)).toEqual(keys(a.drawn));
    expect(keys(b.mandatory)).toEqual(keys(a.mandatory));
  });

  it("gives different samples for different seeds (19 of 20 seeds give distinct draws)", () => {
    const draws = new Set(
      Array.from({ length: 20 }, (_, seed) =>
        keys(drawSample(branches, { ratio: 0.2, seed }).drawn).join(",")
      )
    );
    expect(draws.size).toBeGreaterThanOrEqual(19);
  });

  it("draws exactly this list for seed 42 on every machine (mulberry32 + Fisher–Yates on keys)", () => {
    const s = drawSample(branches, { ratio: 0.1, seed: 42 });
    // ⌈10 % × 40⌉ = 4 from the pool of 40 (the five-star 示范 branch is mandatory, not in the pool).
    expect(s.drawn.map((b) => b.header.name)).toEqual([
      "先进第5党支部",
      "先进第20党支部",
      "达标第10党支部",
      "达标第6党支部",
    ]);
  });
});
