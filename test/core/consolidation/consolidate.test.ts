import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  analyse,
  buildReport,
  cellRef,
  COL,
  consolidate,
  consolidateAnalysed,
  rubricFingerprint,
  DEFAULT_RUBRIC,
  layoutTemplate,
  SCORESHEET,
  TIERS,
  unlistedCounts,
  type BranchRow,
  type ConsolidateOptions,
  type Consolidation,
  type ConsolidationInput,
  type Rubric,
  type WorkbookSpec,
} from "../../../src/core";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import { tamper } from "../../../src/cli/demo-command";
import { itWithSoffice, recalcXlsx } from "../../support/libreoffice";
import {
  inputOf,
  openWorkbook,
  saveWorkbook,
  scoresheetBytes,
  submitted,
  TODAY,
  typeInto,
  unrelatedWorkbook,
} from "../../support/submissions";

const rubric = DEFAULT_RUBRIC;
const run = (
  inputs: Iterable<ConsolidationInput>,
  options: Partial<ConsolidateOptions> = {}
): Consolidation => consolidate(inputs, { rubric, today: TODAY, ...options });

/** Each input analysed on its own and passed through a structured clone, as a worker would send it, then merged. */
const runApart = (
  inputs: readonly ConsolidationInput[],
  options: Partial<ConsolidateOptions> = {}
): Consolidation => {
  const all = { rubric, today: TODAY, ...options };
  const fingerprint = rubricFingerprint(rubric);
  const sent = inputs.map((input, i) => structuredClone(analyse(input, i, all, fingerprint)));
  return consolidateAnalysed(sent, all);
};

const statuses = (c: Consolidation): Record<string, string> =>
  Object.fromEntries(c.inputs.map((i) => [i.file, i.status]));
const branchNamed = (c: Consolidation, name: string): BranchRow => {
  const found = c.branches.filter((b) => b.header.name === name);
  if (found.length !== 1) throw new Error(`expected one branch ${name}, found ${found.length}`);
  return found[0] as BranchRow;
};
const CHINESE = /[\u4e00-\u9fff]/;

/** The report workbook a committee writes: every sheet of buildReport, as .xlsx bytes. */
async function reportBytes(c: Consolidation): Promise<Uint8Array> {
  return writeXlsx(
    buildReport(c, {
      generatedAt: "2019-05-20T09:00:00.000Z",
      rubric,
      sample: { ratio: 0.3, seed: 2019 },
    })
  );
}

/** Replaces one cell of the 打分表 (by 0-based row and column) with what `cell` makes of it. */
function onScoresheet(
  row: number,
  col: number,
  cell: (
    c: WorkbookSpec["sheets"][number]["cells"][number]
  ) => WorkbookSpec["sheets"][number]["cells"][number]
) {
  const ref = cellRef(row, col);
  return (spec: WorkbookSpec): WorkbookSpec => ({
    ...spec,
    sheets: spec.sheets.map((s) =>
      s.name !== SCORESHEET ? s : { ...s, cells: s.cells.map((c) => (c.ref === ref ? cell(c) : c)) }
    ),
  });
}

describe("every input is accounted for", () => {
  let inputs: ConsolidationInput[];
  let c: Consolidation;
  const files = {
    good: "市财政局机关党委-第一党支部.xlsx",
    errors: "市财政局机关党委-第二党支部.xlsx",
    damaged: "市财政局机关党委-第三党支部.xlsx",
    unrelated: "工资表.xlsx",
    notXlsx: "说明.xlsx",
    earlier: "市财政局机关党委-第一党支部（初报）.xlsx",
  };

  beforeAll(async () => {
    const whole = await scoresheetBytes({ name: "第三党支部" });
    inputs = [
      await submitted(files.earlier, { name: "第一党支部", lose: 5 }, { modified: 1_000 }),
      await submitted(files.good, { name: "第一党支部" }, { modified: 2_000 }),
      await submitted(files.errors, { name: "第二党支部", entries: { B2: "八分", D1: 9 } }),
      inputOf(files.damaged, whole.slice(0, Math.floor(whole.length / 2))),
      inputOf(files.unrelated, await unrelatedWorkbook()),
      inputOf(files.notXlsx, new TextEncoder().encode("请各党支部于5月31日前报送。")),
    ];
    c = run(inputs);
  });

  it("merges inputs analysed apart and sent as plain data into exactly the same result", () => {
    const apart = runApart(inputs);
    expect(apart).toEqual(c);
    expect(JSON.stringify(apart)).toBe(JSON.stringify(c));
  });

  it("refuses to merge analysed inputs out of order, which would settle duplicates wrongly", () => {
    const all = { rubric, today: TODAY };
    const fingerprint = rubricFingerprint(rubric);
    const [first, second] = inputs
      .slice(0, 2)
      .map((input, i) => analyse(input, i, all, fingerprint));
    expect(() => consolidateAnalysed([second!, first!], all)).toThrow(/merged at 0/);
  });

  it("gives every input exactly one outcome: accepted + rejected + superseded = inputs", () => {
    expect(c.inputs.map((i) => i.file).sort()).toEqual(Object.values(files).sort());
    const by = (s: string): number => c.inputs.filter((i) => i.status === s).length;
    expect(by("accepted") + by("rejected") + by("superseded")).toBe(6);
    expect(statuses(c)).toEqual({
      [files.good]: "accepted",
      [files.errors]: "accepted",
      [files.earlier]: "superseded",
      [files.damaged]: "rejected",
      [files.unrelated]: "rejected",
      [files.notXlsx]: "rejected",
    });
  });

  it("rejects a truncated file and a non-.xlsx file as damaged, in Chinese", () => {
    for (const file of [files.damaged, files.notXlsx]) {
      const outcome = c.inputs.find((i) => i.file === file);
      expect(outcome?.reasons).toHaveLength(1);
      expect(outcome?.reasons[0]).toMatch(/损坏|不是 \.xlsx/);
      expect(outcome?.branch).toBeNull();
    }
  });

  it("rejects a workbook that is not a scoresheet, saying the 打分表 is missing", () => {
    const outcome = c.inputs.find((i) => i.file === files.unrelated);
    expect(outcome?.reasons.join("")).toMatch(/打分表/);
    expect(outcome?.reasons.join("")).toMatch(CHINESE);
  });

  it("accepts a scoresheet with entry errors and lists its errors for the committee", () => {
    const row = branchNamed(c, "第二党支部");
    expect(row.errors).toBeGreaterThanOrEqual(2);
    const listed = c.issues.filter((i) => i.file === files.errors && i.severity === "错误");
    expect(listed).toHaveLength(row.errors);
    expect(listed.map((i) => i.message).join("\n")).toMatch(/八分/);
    expect(listed.some((i) => i.cell !== undefined && i.message.includes("9"))).toBe(true);
  });

  it("says which file superseded an earlier one and counts the branch once", () => {
    const outcome = c.inputs.find((i) => i.file === files.earlier);
    expect(outcome?.reasons.join("")).toContain(files.good);
    expect(c.branches.map((b) => b.header.name).sort()).toEqual(["第一党支部", "第二党支部"]);
    expect(branchNamed(c, "第一党支部").totals.final).toBe(100);
    expect(TIERS.reduce((n, t) => n + c.counts[t], 0)).toBe(2);
  });

  it("keeps going after a bad file, whatever its position", async () => {
    const bad = inputOf("坏.xlsx", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]));
    const again = run([bad, await submitted("好.xlsx", { name: "第一党支部" })]);
    expect(again.inputs.map((i) => i.status)).toEqual(["rejected", "accepted"]);
    expect(again.branches).toHaveLength(1);
  });
});

describe("scores are recomputed from the entries, never trusted", () => {
  const layout = layoutTemplate(rubric);
  const d2 = layout.itemRow.get("D2") ?? -1;

  it("flags a file whose score formula was typed over and whose 分值 was raised, and scores its entries", async () => {
    // D2 counts 支委会 months: 6 of 12 months costs points; the tamperer typed a score over the formula.
    const honest = run([await submitted("诚实.xlsx", { name: "第一党支部", entries: { D2: 6 } })]);
    const c = run([
      await submitted(
        "改过.xlsx",
        { name: "第一党支部", entries: { D2: 6 } },
        { change: (s) => tamper(s, rubric) }
      ),
    ]);
    const row = branchNamed(c, "第一党支部");
    expect(row.flags).toEqual(expect.arrayContaining(["公式被改动", "分值被改动"]));
    expect(row.totals).toEqual(branchNamed(honest, "第一党支部").totals);
    expect(row.items.find((i) => i.code === "D2")?.self).toBe(
      branchNamed(honest, "第一党支部").items.find((i) => i.code === "D2")?.self
    );
    expect(branchNamed(honest, "第一党支部").flags).toEqual([]);
  });

  it("flags a file whose cached total differs from the recomputed one, and not one whose cache agrees", async () => {
    const planted = (result: number) =>
      onScoresheet(layout.totalRow, COL.self, (cell) => ({ ...cell, result }) as typeof cell);
    const lied = run([
      await submitted("谎报.xlsx", { name: "第一党支部", lose: 12 }, { change: planted(98) }),
    ]);
    const row = branchNamed(lied, "第一党支部");
    expect(row.totals.self).toBe(88);
    expect(row.flags).toContain("合计与重算不符");
    expect(lied.issues.some((i) => i.message.includes("98") && i.message.includes("88"))).toBe(
      true
    );
    const truthful = run([
      await submitted("如实.xlsx", { name: "第一党支部", lose: 12 }, { change: planted(88) }),
    ]);
    expect(branchNamed(truthful, "第一党支部").flags).toEqual([]);
  });

  it("flags a D2 score typed over its formula even when the typed number looks plausible", async () => {
    const typedOver = onScoresheet(d2, COL.self, (cell) => ({
      ref: cell.ref,
      value: 4,
      ...(cell.style !== undefined && { style: cell.style }),
    }));
    const c = run([
      await submitted(
        "改过.xlsx",
        { name: "第一党支部", entries: { D2: 2 } },
        { change: typedOver }
      ),
    ]);
    const row = branchNamed(c, "第一党支部");
    expect(row.flags).toContain("公式被改动");
    expect(row.items.find((i) => i.code === "D2")?.self).toBeLessThan(4);
  });

  it("flags a tier typed over its formula, and a deleted item row, and scores the deleted item as nothing", async () => {
    const tierTyped = onScoresheet(layout.result.finalTier, COL.standard, (cell) => ({
      ref: cell.ref,
      value: "示范",
      ...(cell.style !== undefined && { style: cell.style }),
    }));
    const c = run([
      await submitted("改等次.xlsx", { name: "第一党支部", lose: 12 }, { change: tierTyped }),
    ]);
    expect(branchNamed(c, "第一党支部").tier).toBe("先进");
    expect(branchNamed(c, "第一党支部").flags).toContain("等次与重算不符");

    const b2 = layout.itemRow.get("B2") ?? -1;
    const rowDeleted = (spec: WorkbookSpec): WorkbookSpec => ({
      ...spec,
      sheets: spec.sheets.map((s) =>
        s.name !== SCORESHEET
          ? s
          : {
              ...s,
              cells: s.cells.filter((cell) => !cell.ref.match(new RegExp(`^[A-Z]+${b2 + 1}$`))),
            }
      ),
    });
    const d = run([await submitted("删行.xlsx", { name: "第一党支部" }, { change: rowDeleted })]);
    const row = branchNamed(d, "第一党支部");
    expect(row.flags).toContain("表格结构被改动");
    expect(row.totals.final).toBe(100 - 3);
  });

  itWithSoffice(
    "does not flag honest files saved by LibreOffice (formulas rewritten, caches recalculated)",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "dabiao-honest-"));
      try {
        const cases = [
          { name: "第一党支部" },
          { name: "第二党支部", lose: 12, reviews: { D5: 3 } },
          { name: "第三党支部", lose: 25, entries: { D2: "不适用", C5: "一般", B3: "否" } },
          { name: "第四党支部", vetoes: { X2: "是" }, samples: { A1: 2 } },
        ];
        const paths = await Promise.all(
          cases.map(async (s, i) => {
            const path = join(dir, `${i}.xlsx`);
            await writeFile(path, await scoresheetBytes(s));
            return path;
          })
        );
        const saved = await recalcXlsx(paths, join(dir, "lo"));
        const direct = run(
          await Promise.all(paths.map(async (p) => inputOf(p, await readFile(p))))
        );
        const c = run(await Promise.all(saved.map(async (p) => inputOf(p, await readFile(p)))));
        expect(c.branches.map((b) => [b.header.name, b.flags])).toEqual(
          cases.map((s) => [s.name, []])
        );
        expect(c.branches.map((b) => [b.totals, b.tier])).toEqual(
          direct.branches.map((b) => [b.totals, b.tier])
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  );

  describe("a file scored on another rubric", () => {
    const other: Rubric = {
      ...rubric,
      version: "2020.1",
      thresholds: { ...rubric.thresholds, 示范: 95 },
    };

    it("is rejected by default, naming the rubric mismatch", async () => {
      const c = run([await submitted("旧标准.xlsx", { name: "第一党支部" }, { rubric: other })]);
      expect(c.inputs[0]?.status).toBe("rejected");
      expect(c.inputs[0]?.reasons.join("")).toMatch(/评分标准.*不同/);
      expect(c.branches).toEqual([]);
    });

    it("is accepted, rescored on this rubric and flagged with acceptOtherRubric", async () => {
      const c = run(
        [await submitted("旧标准.xlsx", { name: "第一党支部", lose: 8 }, { rubric: other })],
        { acceptOtherRubric: true }
      );
      expect(c.inputs[0]?.status).toBe("accepted");
      const row = branchNamed(c, "第一党支部");
      expect(row.flags).toContain("使用了不同的评分标准");
      // 92 is 示范 here (≥ 90), whatever the other rubric's threshold of 95 says.
      expect(row.totals.final).toBe(92);
      expect(row.tier).toBe("示范");
    });
  });
});

describe("branch identity", () => {
  it("treats full-width, half-width and whitespace variants of (所属党委, 党支部名称) as one branch", async () => {
    const c = run([
      await submitted(
        "a.xlsx",
        { committee: "市财政局机关党委", name: "第1党支部(综合科)" },
        { modified: 1_000 }
      ),
      await submitted(
        "b.xlsx",
        { committee: "市财政局　机关党委 ", name: "第１党支部（综合科）" },
        { modified: 2_000 }
      ),
      await submitted("c.xlsx", { committee: "市财政局机关党委", name: "第2党支部" }),
    ]);
    expect(statuses(c)).toEqual({
      "a.xlsx": "superseded",
      "b.xlsx": "accepted",
      "c.xlsx": "accepted",
    });
    expect(c.branches).toHaveLength(2);
    expect(TIERS.reduce((n, t) => n + c.counts[t], 0)).toBe(2);
    expect(c.recommendation.required).toBe(1);
  });

  it("ignores invisible characters pasted into a name (zero-width space, BOM, non-breaking space)", async () => {
    const c = run([
      await submitted("a.xlsx", { committee: "市财政局机关党委", name: "第一党支部" }),
      await submitted("b.xlsx", {
        committee: "\ufeff市财政局机关党委\u00a0",
        name: "第一\u200b党支部",
      }),
    ]);
    expect(c.inputs.map((i) => i.status)).toEqual(["superseded", "accepted"]);
    expect(c.branches).toHaveLength(1);
  });

  it("keeps branches of different committees with the same name apart", async () => {
    const c = run([
      await submitted("a.xlsx", { committee: "市财政局机关党委", name: "机关第一党支部" }),
      await submitted("b.xlsx", { committee: "市教育局机关党委", name: "机关第一党支部" }),
    ]);
    expect(c.inputs.map((i) => i.status)).toEqual(["accepted", "accepted"]);
    expect(c.branches).toHaveLength(2);
  });

  it("keeps the resubmission with the later modified time, whatever the input order, and names it", async () => {
    const c = run([
      await submitted(
        "第一党支部（更正）.xlsx",
        { name: "第一党支部", lose: 2 },
        { modified: Date.UTC(2019, 4, 20) }
      ),
      await submitted(
        "第一党支部.xlsx",
        { name: "第一党支部", lose: 20 },
        { modified: Date.UTC(2019, 4, 19) }
      ),
    ]);
    expect(statuses(c)).toEqual({
      "第一党支部（更正）.xlsx": "accepted",
      "第一党支部.xlsx": "superseded",
    });
    expect(branchNamed(c, "第一党支部").totals.final).toBe(98);
    const reason = c.inputs.find((i) => i.file === "第一党支部.xlsx")?.reasons.join("") ?? "";
    expect(reason).toContain("第一党支部（更正）.xlsx");
    expect(reason).toMatch(/修改时间较晚/);
  });

  it("supersedes an identical second copy as 重复报送 and counts it once", async () => {
    const bytes = await scoresheetBytes({ name: "第一党支部", lose: 12 });
    const c = run([
      inputOf("第一党支部.xlsx", bytes),
      inputOf("第一党支部 - 副本.xlsx", bytes),
      await submitted("第二党支部.xlsx", { name: "第二党支部" }),
    ]);
    const superseded = c.inputs.filter((i) => i.status === "superseded");
    expect(superseded).toHaveLength(1);
    expect(superseded[0]?.reasons.join("")).toMatch(/重复报送/);
    expect(c.branches).toHaveLength(2);
    expect(c.counts).toEqual({ 示范: 1, 先进: 1, 达标: 0, 未达标: 0 });
    expect(c.passRate).toBe(1);
  });
});

describe("re-consolidating never loses the committee's work", () => {
  const names = { a: "第一党支部", b: "第二党支部", c: "第三党支部" };
  let files: ConsolidationInput[];
  let first: Consolidation;
  let edited: Uint8Array;

  beforeAll(async () => {
    files = [
      await submitted("一.xlsx", { name: names.a }),
      await submitted("二.xlsx", { name: names.b, lose: 12 }),
      await submitted("三.xlsx", { name: names.c, lose: 25 }),
    ];
    first = run(files);
    const book = await openWorkbook(await reportBytes(first));
    // The committee reviews 第一党支部: D5 (6 points) down to 1, C5 (4) to 1; the work committee samples B2 (3) at 0.5.
    typeInto(book, "明细", { name: names.a, code: "D5" }, "审核得分", 1);
    typeInto(book, "明细", { name: names.a, code: "C5" }, "审核得分", 1);
    typeInto(book, "明细", { name: names.a, code: "B2" }, "抽验得分", 0.5);
    typeInto(book, "汇总表", { name: names.b }, "备注", "材料已现场核实");
    typeInto(book, "汇总表", { name: names.b }, "命名", "市级示范党支部");
    edited = await saveWorkbook(book);
  });

  function expectCarriedOver(again: Consolidation): void {
    const a = branchNamed(again, names.a);
    const item = (code: string) => a.items.find((i) => i.code === code);
    expect(item("D5")?.review).toBe(1);
    expect(item("C5")?.review).toBe(1);
    expect(item("B2")?.sample).toBe(0.5);
    expect(a.totals.self).toBe(100);
    // 审核 of two items only: the others count at 自评 in 审核总分 (部分审核).
    expect(a.totals.review).toBe(100 - 5 - 3);
    expect(a.totals.sample).toBe(100 - 5 - 3 - 2.5);
    expect(a.totals.final).toBe(100 - 5 - 3 - 2.5);
    expect(branchNamed(first, names.a).tier).toBe("示范");
    expect(a.tier).toBe("先进");
    const b = branchNamed(again, names.b);
    expect(b.remark).toBe("材料已现场核实");
    expect(b.naming).toBe("市级示范党支部");
    const gone = branchNamed(again, names.c);
    const before = branchNamed(first, names.c);
    expect(gone.vanished).toBe(true);
    expect(gone.totals).toEqual(before.totals);
    expect(gone.tier).toBe(before.tier);
    expect(gone.header).toEqual(before.header);
    // The vanished branch is shown, not counted.
    expect(again.counts).toEqual({ 示范: 0, 先进: 2, 达标: 0, 未达标: 0 });
  }

  it("carries typed 审核/抽验 scores, 备注 and 命名 over by branch identity, and keeps a vanished branch", () => {
    const previous = inputOf("汇总报告.xlsx", edited).book ?? undefined;
    const again = run(files.slice(0, 2), { previous });
    expectCarriedOver(again);
    expect(JSON.stringify(runApart(files.slice(0, 2), { previous }))).toBe(JSON.stringify(again));
  });

  it("keeps a vanished branch through further rounds, and counts it again, with what was typed for it, when its file comes back", async () => {
    const book = await openWorkbook(edited);
    typeInto(book, "明细", { name: names.c, code: "D1" }, "审核得分", 2);
    const second = run(files.slice(0, 2), {
      previous: inputOf("第二次.xlsx", await saveWorkbook(book)).book ?? undefined,
    });
    const third = run(files.slice(0, 2), {
      previous: inputOf("第三次.xlsx", await reportBytes(second)).book ?? undefined,
    });
    const still = branchNamed(third, names.c);
    expect(still.vanished).toBe(true);
    expect(still.totals).toEqual(branchNamed(second, names.c).totals);
    expect(still.items.find((i) => i.code === "D1")?.review).toBe(2);
    expect(still.flags.filter((f) => f.includes("未收到"))).toHaveLength(1);
    const back = run(files, {
      previous: inputOf("第四次.xlsx", await reportBytes(third)).book ?? undefined,
    });
    const returned = branchNamed(back, names.c);
    expect(returned.vanished).toBe(false);
    expect(returned.flags).toEqual([]);
    expect(returned.items.find((i) => i.code === "D1")?.review).toBe(2);
    expect(TIERS.reduce((n, t) => n + back.counts[t], 0)).toBe(3);
  });

  it("lists in 问题清单 every issue 汇总表 counts, also those the carried-over scores raise and a vanished branch's", () => {
    const previous = inputOf("汇总报告.xlsx", edited).book ?? undefined;
    const again = run(files.slice(0, 2), { previous });
    const a = branchNamed(again, names.a);
    // Two of 29 items reviewed: the carried 审核 makes the row 部分审核 and raises V25 for the rest.
    const partial = a.issues.filter((i) => i.rule === "V25" && i.message.includes("只填了部分"));
    expect(partial.length).toBeGreaterThan(0);
    const listed = again.issues.filter((i) => i.key === a.key);
    for (const issue of partial) expect(listed.map((i) => i.message)).toContain(issue.message);
    const gone = branchNamed(again, names.c);
    expect(gone.warnings).toBeGreaterThan(0);
    expect(again.issues.filter((i) => i.key === gone.key && i.severity === "警告")).toHaveLength(
      gone.warnings
    );
    expect(unlistedCounts(again)).toEqual([]);
  });

  it("refuses to return counts the 问题清单 does not back (the check every consolidation passes)", () => {
    const c = run(files);
    const b = c.branches.find((x) => x.warnings > 0);
    expect(b).toBeDefined();
    const dropped = { ...c, issues: c.issues.filter((i) => i.key !== b?.key) };
    expect(unlistedCounts(c)).toEqual([]);
    expect(unlistedCounts(dropped)).toEqual([
      `市财政局机关党委 / ${b?.header.name}：汇总表记错误 ${b?.errors}、警告 ${b?.warnings}，问题清单列出错误 0、警告 0`,
    ]);
  });

  itWithSoffice("does the same when the edited report was re-saved by LibreOffice", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dabiao-carry-"));
    try {
      await writeFile(join(dir, "汇总报告.xlsx"), edited);
      const [resaved] = await recalcXlsx([join(dir, "汇总报告.xlsx")], join(dir, "out"));
      const again = run(files.slice(0, 2), {
        previous: inputOf("汇总报告.xlsx", await readFile(resaved ?? "")).book ?? undefined,
      });
      expectCarriedOver(again);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("multi-level: a committee's report is an input of the work committee's consolidation", () => {
  /** What must survive the roll-up for one branch. */
  const essence = (b: BranchRow) => ({
    header: b.header,
    items: b.items.map((i) => ({
      code: i.code,
      self: i.self,
      review: i.review,
      sample: i.sample,
      final: i.final,
    })),
    sections: b.sections,
    totals: b.totals,
    tier: b.tier,
    selfTier: b.selfTier,
    vetoes: b.vetoes,
    entries: b.entries,
    notes: b.notes,
    flags: b.flags,
    vanished: b.vanished,
    errors: b.errors,
    warnings: b.warnings,
    issues: b.issues.map((i) => [i.severity, i.rule, i.sheet, i.cell, i.message].join(" ")).sort(),
    held: [...b.held].sort(),
  });
  const byKey = (c: Consolidation) =>
    Object.fromEntries(c.branches.map((b) => [b.key, essence(b)]));

  it("gives every branch the same header, item scores at every stage, totals, tier and vetoes as consolidating the branch files directly", async () => {
    const finance = "市财政局机关党委";
    const education = "市教育局机关党委";
    const ofFinance = [
      await submitted("财1.xlsx", {
        committee: finance,
        name: "第一党支部",
        stars: "五星",
        header: { satisfaction: 95 },
      }),
      await submitted("财2.xlsx", {
        committee: finance,
        name: "第二党支部",
        lose: 12,
        reviews: { D5: 3, C5: 3 },
      }),
      await submitted("财3.xlsx", {
        committee: finance,
        name: "第三党支部",
        lose: 3,
        vetoes: { X5: "是" },
      }),
      await submitted("财4.xlsx", {
        committee: finance,
        name: "第四党支部",
        entries: { B2: "2.5分", D2: "不适用", C5: "较好" },
        header: { members: "１５人", type: "国有企业" },
      }),
    ];
    const ofEducation = [
      await submitted("教1.xlsx", {
        committee: education,
        name: "后勤党支部",
        lose: 25,
        samples: { A1: 1, B2: 2 },
        reviews: { A1: 2 },
      }),
      await submitted("教2.xlsx", {
        committee: education,
        name: "离退休党支部",
        lose: 31.5,
        stars: "未评",
        header: { hasCommittee: "否", committeeSize: 0, members: 6, groups: 0 },
      }),
      await submitted("教3.xlsx", {
        committee: education,
        name: "教研党支部",
        entries: { B2: "八分" },
        header: { satisfaction: 70 },
      }),
    ];
    const direct = run([...ofFinance, ...ofEducation]);
    const reportA = inputOf("财政局汇总.xlsx", await reportBytes(run(ofFinance)));
    const reportB = inputOf("教育局汇总.xlsx", await reportBytes(run(ofEducation)));
    const rolledUp = run([reportA, reportB]);

    expect(rolledUp.inputs.map((i) => [i.status, i.kind, i.branches])).toEqual([
      ["accepted", "report", 4],
      ["accepted", "report", 3],
    ]);
    expect(Object.keys(byKey(rolledUp)).sort()).toEqual(Object.keys(byKey(direct)).sort());
    expect(byKey(rolledUp)).toEqual(byKey(direct));
    expect(rolledUp.counts).toEqual(direct.counts);
    expect(rolledUp.passRate).toBe(direct.passRate);
    expect(rolledUp.recommendation.chosen.map((b) => b.key)).toEqual(
      direct.recommendation.chosen.map((b) => b.key)
    );
    // The cases above really are varied: every tier, a veto, a review and a sample stage.
    expect(TIERS.every((t) => direct.counts[t] > 0)).toBe(true);
    expect(direct.branches.some((b) => b.vetoes.length > 0)).toBe(true);
    expect(direct.branches.some((b) => b.totals.sample !== null)).toBe(true);
    // A branch's source stays traceable through the roll-up.
    expect(rolledUp.branches.find((b) => b.header.name === "第一党支部")?.file).toBe(
      "财政局汇总.xlsx → 财1.xlsx"
    );
  });

  it("keeps a branch's integrity flags and its 'sent nothing this round' mark through the roll-up, and does not count it", async () => {
    const tampered = await submitted(
      "财1.xlsx",
      { name: "第一党支部", entries: { D2: 6 } },
      { change: (s) => tamper(s, rubric) }
    );
    const others = [
      await submitted("财2.xlsx", { name: "第二党支部", lose: 12 }),
      await submitted("财3.xlsx", { name: "第三党支部", lose: 25 }),
    ];
    const lastRound = inputOf("上次汇总.xlsx", await reportBytes(run([tampered, ...others])));
    const committee = run([tampered, others[0] as ConsolidationInput], {
      previous: lastRound.book ?? undefined,
    });
    expect(branchNamed(committee, "第三党支部").vanished).toBe(true);
    const work = run([inputOf("财政局汇总.xlsx", await reportBytes(committee))]);

    expect(branchNamed(work, "第一党支部").flags).toEqual(
      branchNamed(committee, "第一党支部").flags
    );
    expect(branchNamed(work, "第一党支部").flags).toEqual(
      expect.arrayContaining(["公式被改动", "分值被改动"])
    );
    // What only the branch's own file could show (altered formulas and maxima) is still counted and listed.
    for (const name of ["第一党支部", "第二党支部", "第三党支部"]) {
      const up = branchNamed(work, name);
      const below = branchNamed(committee, name);
      expect([up.errors, up.warnings, up.held]).toEqual([below.errors, below.warnings, below.held]);
      expect(up.issues.map((i) => i.message).sort()).toEqual(
        below.issues.map((i) => i.message).sort()
      );
    }
    expect(branchNamed(work, "第一党支部").errors).toBeGreaterThanOrEqual(2);
    const gone = branchNamed(work, "第三党支部");
    expect(gone.vanished).toBe(true);
    expect(gone.totals).toEqual(branchNamed(committee, "第三党支部").totals);
    expect(work.counts).toEqual(committee.counts);
    expect(work.passRate).toBe(committee.passRate);
    expect(work.recommendation.required).toBe(committee.recommendation.required);
  });

  it("prefers a branch's own file to a committee report's copy kept from an earlier round, however new the report", async () => {
    const lastRound = inputOf(
      "上次汇总.xlsx",
      await reportBytes(run([await submitted("财3.xlsx", { name: "第三党支部", lose: 25 })]))
    );
    const committee = run([await submitted("财2.xlsx", { name: "第二党支部" })], {
      previous: lastRound.book ?? undefined,
    });
    const report = inputOf("财政局汇总.xlsx", await reportBytes(committee), 2_000);
    const late = await submitted(
      "财3（补报）.xlsx",
      { name: "第三党支部", lose: 12 },
      { modified: 1_000 }
    );
    const c = run([report, late]);
    const third = branchNamed(c, "第三党支部");
    expect(third.vanished).toBe(false);
    expect(third.totals.final).toBe(88);
    expect(c.inputs.map((i) => i.status)).toEqual(["accepted", "accepted"]);
    expect(TIERS.reduce((n, t) => n + c.counts[t], 0)).toBe(2);
  });

  it("lets a branch file sent straight to the work committee supersede the same branch inside a committee's report", async () => {
    const ofFinance = [
      await submitted("财1.xlsx", { name: "第一党支部", lose: 12 }),
      await submitted("财2.xlsx", { name: "第二党支部" }),
    ];
    const report = inputOf("财政局汇总.xlsx", await reportBytes(run(ofFinance)), 1_000);
    const corrected = await submitted(
      "财1（更正）.xlsx",
      { name: "第一党支部", lose: 2 },
      { modified: 2_000 }
    );
    const c = run([report, corrected]);
    expect(c.branches).toHaveLength(2);
    expect(branchNamed(c, "第一党支部").totals.final).toBe(98);
    const outcome = c.inputs.find((i) => i.file === "财政局汇总.xlsx");
    expect(outcome?.status).toBe("accepted");
    expect(outcome?.branches).toBe(1);
    expect(outcome?.reasons.join("")).toContain("财1（更正）.xlsx");
  });
});

describe("hostile text in a submission", () => {
  it("stays text in the report and through the roll-up, never becoming a formula", async () => {
    const c = run([
      await submitted("恶意.xlsx", {
        committee: "@SUM(1,2)",
        name: '=HYPERLINK("http://x","点我")',
        leader: "+1+1",
      }),
    ]);
    const bytes = await reportBytes(c);
    const summary = (await openWorkbook(bytes)).getWorksheet("汇总表");
    const row = summary?.getRow(2);
    expect([row?.getCell(2).value, row?.getCell(3).value, row?.getCell(5).value]).toEqual([
      "@SUM(1,2)",
      '=HYPERLINK("http://x","点我")',
      "+1+1",
    ]);
    const up = run([inputOf("汇总.xlsx", bytes)]);
    expect(up.branches.map((b) => [b.header.committee, b.header.name, b.header.leader])).toEqual([
      ["@SUM(1,2)", '=HYPERLINK("http://x","点我")', "+1+1"],
    ]);
  });
});

describe("recommendation through consolidation", () => {
  it("recommends at least ⌈20%⌉ of the branches, 示范 first, then the best 先进", async () => {
    const inputs = [
      await submitted("1.xlsx", { name: "示范党支部", lose: 9 }),
      await submitted("2.xlsx", { name: "先进甲党支部", lose: 12 }),
      await submitted("3.xlsx", { name: "先进乙党支部", lose: 15 }),
      ...(await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          submitted(`达标${i}.xlsx`, { name: `达标${i}党支部`, lose: 25 })
        )
      )),
    ];
    const c = run(inputs);
    expect(c.recommendation.required).toBe(3);
    expect(c.recommendation.chosen.map((b) => b.header.name)).toEqual([
      "示范党支部",
      "先进甲党支部",
      "先进乙党支部",
    ]);
    expect(c.recommendation.shortfall).toBeNull();
  });

  it("says plainly when 示范 and 先进 together are fewer than ⌈20%⌉, and lists them all", async () => {
    const inputs = [
      await submitted("1.xlsx", { name: "先进党支部", lose: 12 }),
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          submitted(`达标${i}.xlsx`, { name: `达标${i}党支部`, lose: 25 })
        )
      )),
    ];
    const c = run(inputs);
    expect(c.recommendation.required).toBe(3);
    expect(c.recommendation.chosen.map((b) => b.header.name)).toEqual(["先进党支部"]);
    expect(c.recommendation.shortfall).toMatch(/应推荐 3 个.*只有 1 个.*尚缺 2 个/);
  });
});
