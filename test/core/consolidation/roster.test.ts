import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import {
  allCells,
  consolidate,
  readRoster,
  reportAt,
  rosterSheet,
  singleSheetWorkbook,
  DEFAULT_RUBRIC,
  type CommitteeSummary,
  type Consolidation,
  type ConsolidationInput,
  type Roster,
  type RosterRow,
  type WorkbookSnapshot,
} from "../../../src/core";
import { specToSnapshot } from "../../support/spec-to-snapshot";
import { inputOf, submitted, TODAY, type Submission } from "../../support/submissions";

// The committee's whole set of branches, through the core's door: the roster read by its labels,
// 未报送 and 名册外 by normalised identity, 党支部数 as the denominator, per-committee quotas, and a
// roll-up that keeps all of it.

const FIN = "市财政局机关党委";
const EDU = "市教育局机关党委";

/** A one-sheet workbook from rows of cell texts (row 0 first). */
function book(rows: readonly (readonly (string | null)[])[], name = "名册"): WorkbookSnapshot {
  return {
    sheets: [
      {
        name,
        hidden: false,
        rows: rows.map((r) => r.map((v) => (v === null ? undefined : { v }))),
      },
    ],
  };
}

const rosterOfRows = (rows: readonly RosterRow[]): Roster => {
  const read = readRoster(specToSnapshot(singleSheetWorkbook(rosterSheet(rows))));
  if (!read.ok) throw new Error(read.issues.map((i) => i.message).join("\n"));
  return read.roster;
};
const row = (committee: string, name: string, leader: string | null = null): RosterRow => ({
  committee,
  name,
  leader,
  contact: leader ? "13800000000" : null,
  type: null,
  stars: null,
});

const submit = (file: string, s: Submission): Promise<ConsolidationInput> => submitted(file, s);
const run = (inputs: readonly ConsolidationInput[], roster?: Roster): Consolidation =>
  consolidate(inputs, { rubric: DEFAULT_RUBRIC, today: TODAY, ...(roster ? { roster } : {}) });
const committee = (c: Consolidation, name: string): CommitteeSummary => {
  const k = c.committees.find((x) => x.name === name);
  if (!k) throw new Error(`no committee ${name}`);
  return k;
};

describe("reading a roster", () => {
  it("finds the header by its labels (full or half width, spaces, with or without （党总支）) below a title", () => {
    const read = readRoster(
      book([
        ["2019年党支部名册"],
        ["序号", "所属党委", "党支部 名称", "负责人", "联系电话", "支部类型", "星级"],
        ["1", FIN, "第一党支部", "王强", "13800000001", "机关", "五星"],
        ["2", `${FIN} `, "第二党支部", null, null, "国有企业", "4星"],
      ])
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(
      read.roster.entries.map((e) => [e.name, e.leader, e.contact, e.type, e.stars, e.source])
    ).toEqual([
      ["第一党支部", "王强", "13800000001", "机关", 5, "名册!C3"],
      ["第二党支部", null, null, "国有企业", 4, "名册!C4"],
    ]);
    const halfWidth = readRoster(
      book([
        ["所属党委(党总支)", "党支部名称"],
        [FIN, "第一党支部"],
      ])
    );
    expect(halfWidth.ok).toBe(true);
  });

  it("reads the 名册 sheet when there is one, else the first visible sheet", () => {
    const two: WorkbookSnapshot = {
      sheets: [
        { name: "说明", hidden: false, rows: [[{ v: "请在名册中填写" }]] },
        book([
          ["所属党委（党总支）", "党支部名称"],
          [FIN, "第一党支部"],
        ]).sheets[0]!,
      ],
    };
    expect(readRoster(two).ok).toBe(true);
  });

  it("lists every problem with its cell: no columns, empty names, a duplicate by identity, a bad type or 星级", () => {
    expect(readRoster(book([["单位", "名称"]]))).toMatchObject({
      ok: false,
      issues: [{ cell: "A1", severity: "错误" }],
    });
    const read = readRoster(
      book([
        ["所属党委（党总支）", "党支部名称", "支部类型", "星级"],
        [FIN, "市财政局第2党支部", null, null],
        [FIN, "市财政局 第２党支部", null, null],
        [null, "第三党支部", null, null],
        [FIN, null, null, null],
        [FIN, "第五党支部", "政府", "六星"],
        [null, null, null, null],
      ])
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.issues.map((i) => [i.cell, i.message.split("。")[0]])).toEqual([
      ["B3", "“市财政局 第２党支部”在名册中出现了两次（第一次在 B2）"],
      ["A4", "第 4 行没有填写所属党委（党总支）"],
      ["B5", "第 5 行没有填写党支部名称"],
      ["C6", "支部类型“政府”无法识别"],
      ["D6", "星级“六星”无法识别"],
    ]);
  });

  it("a roster with a header and no branch is refused, at the row the first branch belongs in", () => {
    const read = readRoster(book([["所属党委（党总支）", "党支部名称"]]));
    expect(read).toMatchObject({ ok: false, issues: [{ cell: "A2" }] });
  });
});

describe("consolidating against a roster", () => {
  it("matches the roster by normalised identity: 未报送 are the roster's branches without a file, 名册外 the files not on it", async () => {
    const roster = rosterOfRows([
      row(FIN, "市财政局 第２党支部", "李明"),
      row(FIN, "市财政局第1党支部"),
      row(FIN, "市财政局第3党支部", "张三"),
    ]);
    const c = run(
      [
        await submit("1.xlsx", { committee: FIN, name: "市财政局第1党支部" }),
        await submit("2.xlsx", { committee: FIN, name: "市财政局第2党支部", lose: 12 }),
        await submit("外.xlsx", { committee: FIN, name: "市财政局新设党支部", lose: 25 }),
      ],
      roster
    );
    expect(c.roster?.expected).toBe(3);
    expect(c.roster?.submitted).toBe(2);
    expect(c.roster?.missing.map((e) => [e.name, e.leader])).toEqual([
      ["市财政局第3党支部", "张三"],
    ]);
    expect(c.roster?.unlisted.map((b) => b.header.name)).toEqual(["市财政局新设党支部"]);
    const k = committee(c, FIN);
    expect([k.expected, k.submitted, k.branches, k.hasRoster]).toEqual([3, 3, 4, true]);
  });

  it("divides by 党支部数: 30 branches of which 20 submit and 18 pass is 60 %, and 6 to recommend (not 90 % and 4)", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `第${i + 1}党支部`);
    const roster = rosterOfRows(names.map((n) => row(FIN, n)));
    const inputs = await Promise.all(
      names
        .slice(0, 20)
        .map((name, i) =>
          submit(`${i}.xlsx`, { committee: FIN, name, lose: i < 18 ? (i % 3) * 6 : 31.5 })
        )
    );
    const withRoster = run(inputs, roster);
    expect(withRoster.passRate).toBeCloseTo(18 / 30);
    expect(withRoster.recommendation.required).toBe(6);
    expect(committee(withRoster, FIN).missing).toHaveLength(10);
    const without = run(inputs);
    expect(without.roster).toBeNull();
    expect(without.passRate).toBeCloseTo(18 / 20);
    expect(without.recommendation.required).toBe(4);
    expect(committee(without, FIN)).toMatchObject({
      hasRoster: false,
      expected: null,
      branches: 20,
    });
  });

  it("recommends per committee, ⌈20 % × its 党支部数⌉ each, and names the committees that fall short", async () => {
    const roster = rosterOfRows([
      ...Array.from({ length: 6 }, (_, i) => row(FIN, `财政第${i + 1}党支部`)),
      ...Array.from({ length: 4 }, (_, i) => row(EDU, `教育第${i + 1}党支部`)),
    ]);
    const c = run(
      [
        await submit("f1.xlsx", { committee: FIN, name: "财政第1党支部" }),
        await submit("f2.xlsx", { committee: FIN, name: "财政第2党支部" }),
        await submit("e1.xlsx", { committee: EDU, name: "教育第1党支部", lose: 25 }),
      ],
      roster
    );
    const fin = committee(c, FIN);
    const edu = committee(c, EDU);
    expect([fin.recommendation.required, fin.recommendation.chosen.length]).toEqual([2, 2]);
    expect(fin.recommendation.shortfall).toBeNull();
    expect([edu.recommendation.required, edu.recommendation.chosen.length]).toEqual([1, 0]);
    expect(edu.recommendation.shortfall).toBe(
      "按不少于党支部数20%的要求应推荐 1 个，没有可推荐的示范或先进党支部，尚缺 1 个。"
    );
    expect(c.recommendation.required).toBe(3);
    expect(c.recommendation.shortfall).toBe(
      `按不少于党支部数20%的要求，1 个党委推荐不足：${EDU}应推荐 1 个，没有可推荐的示范或先进党支部，尚缺 1 个。`
    );
  });

  it("a committee of the roster with no file at all is still counted, and never silently passes", async () => {
    const roster = rosterOfRows([row(FIN, "第一党支部"), row(EDU, "教育第一党支部")]);
    const c = run([await submit("f.xlsx", { committee: FIN, name: "第一党支部" })], roster);
    expect(committee(c, EDU)).toMatchObject({ branches: 1, submitted: 0, passRate: 0 });
    expect(committee(c, EDU).recommendation.shortfall).toMatch(/没有可推荐的示范或先进党支部/);
  });
});

describe("rolling committee reports up", () => {
  it("keeps each committee's roster, 未报送 and 名册外: the same as consolidating every branch file with the union of the rosters", async () => {
    const finRoster = rosterOfRows([
      row(FIN, "财政一"),
      row(FIN, "财政二", "李明"),
      row(FIN, "财政三"),
    ]);
    const eduRoster = rosterOfRows([row(EDU, "教育一"), row(EDU, "教育二")]);
    const fin = [
      await submit("财政一.xlsx", { committee: FIN, name: "财政一" }),
      await submit("财政三.xlsx", { committee: FIN, name: "财政三", lose: 12 }),
      await submit("财政外.xlsx", { committee: FIN, name: "财政新设", lose: 25 }),
    ];
    const edu = [await submit("教育一.xlsx", { committee: EDU, name: "教育一", lose: 4 })];
    const reportOf = async (file: string, c: Consolidation): Promise<ConsolidationInput> =>
      inputOf(file, await writeXlsx(reportAt(c, DEFAULT_RUBRIC, TODAY)));
    const up = run([
      await reportOf("财政局汇总报告.xlsx", run(fin, finRoster)),
      await reportOf("教育局汇总报告.xlsx", run(edu, eduRoster)),
    ]);
    const direct = run([...fin, ...edu], {
      entries: [...finRoster.entries, ...eduRoster.entries],
      sheet: "名册",
    });
    const view = (c: Consolidation) =>
      c.committees.map((k) => ({
        name: k.name,
        expected: k.expected,
        submitted: k.submitted,
        branches: k.branches,
        missing: k.missing.map((e) => [e.name, e.leader, e.contact]),
        unlisted: k.unlisted.map((b) => b.header.name),
        counts: k.counts,
        passRate: k.passRate,
        required: k.recommendation.required,
        recommended: k.recommendation.chosen.map((b) => b.header.name),
      }));
    expect(view(up)).toEqual(view(direct));
    expect(up.roster?.expected).toBe(5);
    expect(up.passRate).toBeCloseTo(direct.passRate);
    // The 工委's 党支部数 is the sum of the committees'.
    expect(up.committees.reduce((a, k) => a + k.branches, 0)).toBe(6);
    // And its 工作情况 speaks for the 工委, of the committees' reports, not in a committee's voice.
    const work = reportAt(up, DEFAULT_RUBRIC, TODAY).sheets.find((s) => s.name === "工作情况");
    if (!work) throw new Error("no 工作情况");
    const texts = [...allCells(work)].map((c) => ("value" in c ? String(c.value ?? "") : ""));
    expect(texts.join("\n")).toContain(
      "本次共收到各党委（党总支）报送的汇总报告 2 份，涵盖党委 2 个、党支部 6 个"
    );
    expect(texts.join("\n")).not.toContain("我单位组织所属党支部");
  });

  it("carries the files a committee rejected or replaced into the next level's 收齐情况 data", async () => {
    const damaged = inputOf("坏.xlsx", new Uint8Array([1, 2, 3]));
    const old = await submitted(
      "财政一（初报）.xlsx",
      { committee: FIN, name: "财政一", lose: 6 },
      { modified: 1 }
    );
    const newer = await submitted(
      "财政一.xlsx",
      { committee: FIN, name: "财政一" },
      { modified: 2 }
    );
    const level = run([damaged, old, newer], rosterOfRows([row(FIN, "财政一")]));
    const report = inputOf(
      "财政局汇总报告.xlsx",
      await writeXlsx(reportAt(level, DEFAULT_RUBRIC, TODAY))
    );
    const up = run([report]);
    const k = committee(up, FIN);
    expect(k.carried.map((x) => [x.status, x.file, x.via])).toEqual([
      ["rejected", "坏.xlsx", "财政局汇总报告.xlsx"],
      ["superseded", "财政一（初报）.xlsx", "财政局汇总报告.xlsx"],
    ]);
    expect(k.carried[0]?.reason).toMatch(/无法解压|不是 \.xlsx/);
  });
});
