import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import { tamper } from "../../../src/cli/demo-command";
import {
  buildTemplate,
  cellRef,
  COL,
  layoutTemplate,
  SCORESHEET,
  consolidate,
  DEFAULT_RUBRIC,
  publicitySheet,
  reportAt,
  REPORT_SHEETS,
  allCells,
  type BranchRow,
  type Consolidation,
  type ConsolidationInput,
  type WorkbookSnapshot,
} from "../../../src/core";
import { inputOf, submitted, TODAY } from "../../support/submissions";

// 待核实: a branch whose file was altered, has 错误, arrived with the committee's columns typed, or
// reads to another tier than its own formulas show, never reaches 推荐名单 or 公示名单 unmarked.

const FIN = "市财政局机关党委";
const rubric = DEFAULT_RUBRIC;
const run = (inputs: readonly ConsolidationInput[], previous?: WorkbookSnapshot): Consolidation =>
  consolidate(inputs, { rubric, today: TODAY, ...(previous ? { previous } : {}) });
const named = (c: Consolidation, name: string): BranchRow => {
  const b = c.branches.find((x) => x.header.name === name);
  if (!b) throw new Error(`no branch ${name}`);
  return b;
};
const published = (c: Consolidation): unknown[] =>
  [...allCells(publicitySheet(c))].map((cell) => ("value" in cell ? cell.value : null));

/** Five honest 先进 branches and one more of the given kind. */
async function batch(extra: ConsolidationInput): Promise<Consolidation> {
  const honest = await Promise.all(
    ["第一", "第二", "第三", "第四", "第五"].map((n, i) =>
      submitted(`${n}.xlsx`, { committee: FIN, name: `${n}党支部`, lose: 11 + i * 0.5 })
    )
  );
  return run([...honest, extra]);
}

describe("held back (待核实)", () => {
  it("a tampered file is held with its reasons, kept off 推荐名单 and 公示名单, and the quota filled from the others", async () => {
    const c = await batch(
      await submitted(
        "改过.xlsx",
        { committee: FIN, name: "改过党支部" },
        { change: (s) => tamper(s, rubric) }
      )
    );
    const b = named(c, "改过党支部");
    expect(b.totals.final).toBe(100);
    expect(b.held).toEqual(
      expect.arrayContaining([
        "打分表被改动或与重新核算不符：公式被改动",
        "打分表被改动或与重新核算不符：分值被改动",
      ])
    );
    expect(c.recommendation.required).toBe(2);
    expect(c.recommendation.chosen.map((x) => x.header.name)).not.toContain("改过党支部");
    expect(c.recommendation.chosen).toHaveLength(2);
    expect(published(c)).not.toContain("改过党支部");
    expect(published(c)).toContain("第一党支部");
  });

  it("a branch that typed its own 抽验 scores is held: 自评 31 is never reported as 最终 100 unmarked", async () => {
    const samples = Object.fromEntries(
      rubric.sections.flatMap((s) => s.items.map((i) => [i.code, i.max]))
    );
    const c = await batch(
      await submitted("自己填了抽验.xlsx", {
        committee: FIN,
        name: "自填党支部",
        lose: 31.5,
        samples,
      })
    );
    const b = named(c, "自填党支部");
    expect(b.totals.final).toBe(100);
    expect(b.held).toContain("报送的打分表中已填有抽验得分（该列应由党委填写）");
    expect(c.recommendation.chosen.map((x) => x.header.name)).not.toContain("自填党支部");
    expect(published(c)).not.toContain("自填党支部");
  });

  it('entries the engine reads but the sheet\'s formulas do not ("4次") hold the branch when they change its tier', async () => {
    const c = await batch(
      await submitted("写了单位.xlsx", {
        committee: FIN,
        name: "带单位党支部",
        entries: { D1: "4次", D4: "4次", D5: "12次" },
      })
    );
    const b = named(c, "带单位党支部");
    expect(b.tier).toBe("示范");
    expect(b.held.join("")).toMatch(
      /^表内公式显示的等次为“(先进|达标|未达标)”，按填报内容核算为“示范”/
    );
    // The same messy text on a branch whose tier it does not change holds nothing.
    const same = await batch(
      await submitted("一处单位.xlsx", {
        committee: FIN,
        name: "一处党支部",
        entries: { D1: "4次" },
      })
    );
    expect(named(same, "一处党支部").held).toEqual([]);
  });

  it("is released by 已核实 typed in its 汇总表 row, carried over by the next consolidation with --previous", async () => {
    const tampered = await submitted(
      "改过.xlsx",
      { committee: FIN, name: "改过党支部" },
      { change: (s) => tamper(s, rubric) }
    );
    const first = run([tampered]);
    expect(first.recommendation.chosen).toEqual([]);
    // The committee types 已核实 into the branch's 核实 cell of the 汇总表, as in Excel.
    const read = inputOf("汇总报告.xlsx", await writeXlsx(reportAt(first, rubric, TODAY))).book;
    if (!read) throw new Error("report unreadable");
    const previous: WorkbookSnapshot = {
      sheets: read.sheets.map((sheet) => {
        if (sheet.name !== REPORT_SHEETS.summary) return sheet;
        const col = (sheet.rows[0] ?? []).findIndex((c) => c?.v === "核实");
        expect(col).toBeGreaterThan(0);
        const rows = sheet.rows.map((r, n) =>
          n === 1 ? Object.assign([...(r ?? [])], { [col]: { v: "已核实" } }) : r
        );
        return { ...sheet, rows };
      }),
    };
    const second = run([tampered], previous);
    const b = named(second, "改过党支部");
    expect(b.verified).toBe(true);
    expect(b.held.length).toBeGreaterThan(0);
    expect(second.recommendation.chosen.map((x) => x.header.name)).toEqual(["改过党支部"]);
    // And the release survives one more round, read back from the new report.
    const again = inputOf("汇总报告2.xlsx", await writeXlsx(reportAt(second, rubric, TODAY))).book;
    expect(again && named(run([tampered], again), "改过党支部").verified).toBe(true);
  });

  it("a committee report keeps the hold on the way up", async () => {
    const tampered = await submitted(
      "改过.xlsx",
      { committee: FIN, name: "改过党支部" },
      { change: (s) => tamper(s, rubric) }
    );
    const level = run([tampered]);
    const up = run([
      inputOf("财政局汇总报告.xlsx", await writeXlsx(reportAt(level, rubric, TODAY))),
    ]);
    const flagged = named(level, "改过党支部").held.filter((r) => r.startsWith("打分表被改动"));
    expect(flagged.length).toBeGreaterThan(0);
    expect(named(up, "改过党支部").held).toEqual(expect.arrayContaining(flagged));
    expect(up.recommendation.chosen).toEqual([]);
  });
});

describe("who decides what", () => {
  it("a branch on 推荐名单 that is not five-star gets a 提示 in 问题清单 (示范 一般在五星级基层党组织中产生)", async () => {
    const c = run([
      await submitted("四星.xlsx", { committee: FIN, name: "四星党支部", stars: "四星" }),
      await submitted("五星.xlsx", { committee: FIN, name: "五星党支部", stars: "五星" }),
    ]);
    expect(c.recommendation.chosen.map((b) => b.header.name).sort()).toEqual(
      ["四星党支部", "五星党支部"].sort()
    );
    const notes = c.issues.filter((i) => i.rule === "V23" && i.message.startsWith("列入推荐名单"));
    expect(notes).toEqual([
      expect.objectContaining({
        severity: "提示",
        branch: `${FIN} / 四星党支部`,
        message:
          "列入推荐名单，但现为四星级；示范党支部一般在五星级基层党组织中产生，上报前请核实。",
      }),
    ]);
  });
});

describe("every scoresheet prompt tells the truth about its own row", () => {
  it("D1's cell names D1 and asks for the quarters with a 党员大会; no two entry rows share one prompt", () => {
    const spec = buildTemplate(rubric, { generatedAt: "2019-05-01T00:00:00Z" });
    const sheet = spec.sheets.find((s) => s.name === SCORESHEET);
    const layout = layoutTemplate(rubric);
    const d1 = cellRef(layout.slotRow.get("D1") ?? 0, COL.entry);
    const rule = sheet?.validations.find((v) => v.ranges.includes(d1));
    expect(rule?.prompt.title).toBe("D1 支部党员大会");
    expect(rule?.prompt.text).toMatch(/^D1 支部党员大会：填.*季度.*（0～4/);
    expect(rule?.error.text).toMatch(/^D1 支部党员大会：/);
    const entryRules = sheet?.validations.filter((v) =>
      v.ranges.some((r) => r.startsWith(cellRef(0, COL.entry).replace(/\d+$/, "")))
    );
    const prompts = (entryRules ?? []).map((v) => v.prompt.text);
    expect(new Set(prompts).size).toBe(prompts.length);
  });

  it("the counts the sheet determines say how: C2.4 from the header, F1.4 from D1–D5 and 党小组数", () => {
    const spec = buildTemplate(rubric, { generatedAt: "2019-05-01T00:00:00Z" });
    const sheet = spec.sheets.find((s) => s.name === SCORESHEET);
    const layout = layoutTemplate(rubric);
    const promptOf = (key: string): string | undefined =>
      sheet?.validations.find((v) =>
        v.ranges.includes(cellRef(layout.slotRow.get(key) ?? 0, COL.entry))
      )?.prompt.text;
    expect(promptOf("C2.4")).toContain("应等于表头正式党员人数＋预备党员人数");
    expect(promptOf("F1.4")).toContain("D1 4＋D2 12＋D3 12×党小组数＋D4 4＋D5 12");
    expect((promptOf("F1.4") ?? "").length).toBeLessThanOrEqual(255);
  });
});
