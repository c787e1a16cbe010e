import { assess, DEFAULT_RUBRIC, tierByTotal } from "../../../src/core";
import { assessed, filling, losing } from "../../support/engine-filling";

describe("thresholds: 示范 ≥ 90, 先进 ≥ 80, 达标 ≥ 70, else 未达标", () => {
  it.each([
    [100, "示范"],
    [90.5, "示范"],
    [90, "示范"],
    [89.5, "先进"],
    [80.5, "先进"],
    [80, "先进"],
    [79.5, "达标"],
    [70.5, "达标"],
    [70, "达标"],
    [69.5, "未达标"],
    [0, "未达标"],
  ])("a total of %p is %s", (total, tier) => {
    expect(tierByTotal(DEFAULT_RUBRIC, total)).toBe(tier);
  });

  it.each([
    [10, 90, "示范"],
    [10.5, 89.5, "先进"],
    [20, 80, "先进"],
    [20.5, 79.5, "达标"],
    [30, 70, "达标"],
    [30.5, 69.5, "未达标"],
  ])("a sheet losing %p points totals %p and is %s", (lost, total, tier) => {
    const a = assessed(losing(lost));
    expect(a.totals.final).toBe(total);
    expect(a.tier.tier).toBe(tier);
    expect(a.tier.byTotal).toBe(tier);
  });

  it("follows the rubric's own thresholds", () => {
    const strict = { ...DEFAULT_RUBRIC, thresholds: { 示范: 95, 先进: 85, 达标: 75 } };
    expect(tierByTotal(strict, 94.5)).toBe("先进");
    expect(tierByTotal(strict, 75)).toBe("达标");
    expect(tierByTotal(strict, 74.5)).toBe("未达标");
  });
});

describe("caps", () => {
  it.each(["X1", "X2", "X3", "X4", "X5"])("veto %s answered 是 makes full marks 未达标", (code) => {
    const a = assessed({}, { vetoes: { [code]: true } });
    expect(a.totals.final).toBe(100);
    expect(a.tier).toMatchObject({ tier: "未达标", byTotal: "示范" });
    expect(a.tier.caps).toContainEqual({
      rule: "veto",
      tier: "未达标",
      reason: `存在一票否决项（${code}）`,
    });
    expect(a.vetoes).toEqual([code]);
  });

  it("ignores a disabled veto", () => {
    const rubric = {
      ...DEFAULT_RUBRIC,
      vetoes: DEFAULT_RUBRIC.vetoes.map((v) => (v.code === "X4" ? { ...v, enabled: false } : v)),
    };
    expect(assess(rubric, filling({}, { vetoes: { X4: true } })).tier.tier).toBe("示范");
  });

  it("组织生活会 not held (D6.1) holds 96 points at 达标", () => {
    const a = assessed({ "D6.1": 1 });
    expect(a.totals.final).toBe(96);
    expect(a.tier).toMatchObject({ tier: "达标", byTotal: "示范" });
    expect(a.tier.caps).toContainEqual({
      rule: "clause",
      tier: "达标",
      reason: "组织生活会：全年未召开组织生活会，等次最高为达标",
    });
  });

  it("民主评议 not held (D7.1) holds 97 points at 达标", () => {
    const a = assessed({ "D7.1": 1 });
    expect(a.totals.final).toBe(97);
    expect(a.tier.tier).toBe("达标");
  });

  it("a cap is a ceiling, not a floor: D6.1 with 69.5 points stays 未达标", () => {
    const a = assessed({ ...losing(26.5), "D6.1": 1 });
    expect(a.totals.final).toBe(69.5);
    expect(a.tier.tier).toBe("未达标");
  });

  it.each([
    ["not measured", "示范", null],
    ["100%", "示范", 100],
    ["80%", "示范", 80],
    ["79.5%", "先进", 79.5],
    ["60%", "先进", 60],
    ["59.5%", "达标", 59.5],
    ["0%", "达标", 0],
  ])("full marks with satisfaction %s is %s", (_shown, tier, satisfaction) => {
    expect(assessed({}, { header: { satisfaction } }).tier.tier).toBe(tier);
  });

  it("names the satisfaction caps", () => {
    expect(assessed({}, { header: { satisfaction: 59.5 } }).tier.caps).toEqual([
      { rule: "satisfaction", tier: "达标", reason: "群众满意度59.5%低于60%，等次最高为达标" },
      { rule: "示范条件", tier: "先进", reason: "群众满意度59.5%低于80%，不能评为示范" },
    ]);
  });

  it("示范 needs every section at 80% of its max: A at 60% holds 96 points at 先进", () => {
    const a = assessed({ "A3.1": 1 });
    expect(a.totals.final).toBe(96);
    expect(a.tier).toMatchObject({ tier: "先进", byTotal: "示范" });
    expect(a.tier.caps).toEqual([
      {
        rule: "示范条件",
        tier: "先进",
        reason: "组织体系设置得分低于该部分满分的80%，不能评为示范",
      },
    ]);
  });

  it("a section at exactly 80% is enough for 示范 (A 8 of 10)", () => {
    const a = assessed({ "A1.1": 2 });
    expect(a.sections.find((s) => s.code === "A")?.self).toBe(8);
    expect(a.tier.tier).toBe("示范");
  });

  it("names every weak section (B 11 of 14, D 23 of 30)", () => {
    const a = assessed({ B2: 0, D5: 0, D4: 3 });
    expect(a.tier.caps.map((c) => c.reason)).toEqual([
      "支部班子建设、党支部组织生活得分低于该部分满分的80%，不能评为示范",
    ]);
  });

  it("judges the final tier on 最终 scores and the self tier on 自评 scores", () => {
    const a = assessed({}, { reviews: { C1: 0, F2: 0, D5: 0 } });
    expect(a.totals).toMatchObject({ self: 100, final: 83 });
    expect(a.selfTier.tier).toBe("示范");
    expect(a.tier.tier).toBe("先进");
  });
});

describe("the gap to the next tier", () => {
  it("says how many points are short and where they can be won, most first", () => {
    const a = assessed({ "C1.1": 5, "F2.1": 6, D5: 0, "A3.1": 1, "E2.1": 3 });
    expect(a.totals.final).toBe(77.5);
    expect(a.gap).toMatchObject({ next: "先进", pointsShort: 2.5, blockers: [] });
    expect(a.gap.chances.map((c) => [c.code, c.points])).toEqual([
      ["D5", 6],
      ["F2", 6],
      ["C1", 5],
    ]);
    expect(a.gap.summary).toBe(
      "距先进还差 2.5 分；D5 主题党日 可得 6 分，F2 纸质档案分类归档 可得 6 分，C1 发展党员程序规范 可得 5 分"
    );
  });

  it("from 先进 aims at 示范", () => {
    const a = assessed(losing(10.5));
    expect(a.gap.next).toBe("示范");
    expect(a.gap.pointsShort).toBe(0.5);
    expect(a.gap.summary).toMatch(/^距示范还差 0\.5 分；.+ 可得 \d+(\.5)? 分/);
  });

  it("names the cap that holds the branch back when the points are already there", () => {
    const a = assessed({ "D6.1": 1 });
    expect(a.gap).toMatchObject({
      next: "先进",
      pointsShort: 0,
      blockers: ["组织生活会：全年未召开组织生活会，等次最高为达标"],
    });
    expect(a.gap.summary).toBe("组织生活会：全年未召开组织生活会，等次最高为达标");
  });

  it("names a veto as the blocker of a 未达标 branch with enough points", () => {
    const a = assessed({}, { vetoes: { X2: true } });
    expect(a.gap).toMatchObject({
      next: "达标",
      pointsShort: 0,
      blockers: ["存在一票否决项（X2）"],
    });
  });

  it("names both the points and the blocker when both hold the branch back", () => {
    const a = assessed({ ...losing(12), "A3.1": 1 });
    expect(a.totals.final).toBe(84);
    expect(a.gap.next).toBe("示范");
    expect(a.gap.pointsShort).toBe(6);
    expect(a.gap.blockers).toEqual(["组织体系设置得分低于该部分满分的80%，不能评为示范"]);
    expect(a.gap.summary).toMatch(
      /^距示范还差 6 分；组织体系设置得分低于该部分满分的80%，不能评为示范；.+ 可得 /
    );
  });

  it("does not count a cap above the next tier as a blocker", () => {
    const a = assessed({ ...losing(22), "A3.1": 1 });
    expect(a.tier.tier).toBe("达标");
    expect(a.tier.caps.some((c) => c.rule === "示范条件")).toBe(true);
    expect(a.gap.blockers).toEqual([]);
  });

  it("has no next tier at 示范", () => {
    expect(assessed().gap).toEqual({
      next: null,
      pointsShort: 0,
      blockers: [],
      chances: [],
      summary: "已达到最高等次“示范”。",
    });
  });
});
