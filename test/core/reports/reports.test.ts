import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import {
  allCells,
  buildReport,
  DEFAULT_RUBRIC,
  HEADER_FIELDS,
  isFormulaCell,
  parseRef,
  type Consolidation,
  type SheetSpec,
  type WorkbookSpec,
} from "../../../src/core";
import { branchRow, consolidationOf } from "../../support/branch-rows";
import { itWithSoffice, toPdf } from "../../support/libreoffice";
import { REPORT_FORMAT, REPORT_SHEETS } from "../../../src/core/consolidation/report-format";

const FIN = "市财政局机关党委";
const EDU = "市教育局机关党委";
const HOSTILE = '=HYPERLINK("http://evil.example","点击")';

/** Two committees, every tier, a veto, an overdue 换届, committee typing, a vanished branch, a rejected and a superseded file. */
function fixture(): Consolidation {
  const overdue = {
    severity: "警告",
    rule: "V10",
    sheet: "打分表",
    cell: "C14",
    message: "上次换届时间为2014-03-01，任期3年已届满，请按期换届。",
  } as const;
  return consolidationOf(
    [
      branchRow({ committee: FIN, name: "第一党支部", stars: 5, leader: "王建国" }),
      branchRow({
        committee: FIN,
        name: "第二党支部",
        stars: 5,
        lose: 12,
        changes: { notes: { D2: "支委会少开4次" } },
      }),
      branchRow({
        committee: FIN,
        name: "第三党支部",
        type: "国有企业",
        lose: 25,
        issues: [overdue],
      }),
      branchRow({
        committee: FIN,
        name: "第四党支部",
        changes: { vetoes: { X2: true } },
        flags: ["公式被改动"],
      }),
      branchRow({
        committee: EDU,
        name: "第一党支部",
        lose: 4,
        changes: { reviews: { B2: 2 }, samples: { B2: 1.5 } },
        remark: "已核实",
        naming: "示范",
      }),
      branchRow({
        committee: EDU,
        name: HOSTILE,
        leader: "@admin",
        lose: 15,
        remark: "+1 请核实",
        changes: { notes: { D2: "-3分，见附件" } },
      }),
      branchRow({ committee: EDU, name: "已撤并党支部", vanished: true }),
    ],
    {
      inputs: [
        {
          file: "坏文件.xlsx",
          status: "rejected",
          reasons: ["文件已损坏，无法打开。"],
          branch: null,
          kind: "unknown",
          branches: 0,
          committee: null,
        },
        {
          file: "市财政局机关党委-第一党支部(旧).xlsx",
          status: "superseded",
          reasons: ["同一党支部有更晚的报送，以后者为准。"],
          branch: `${FIN}｜第一党支部`,
          kind: "scoresheet",
          branches: 0,
          committee: FIN,
        },
      ],
    }
  );
}

const OPTIONS = {
  generatedAt: "2019-05-20T09:00:00+08:00",
  unit: "市财政局党组",
  sample: { ratio: 0.2, seed: 2019 },
};
const report = buildReport(fixture(), OPTIONS);

function sheet(book: WorkbookSpec, name: string): SheetSpec {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The value at an A1 address (formulas would show as "=…", and no report cell should be one). */
function at(s: SheetSpec, ref: string): unknown {
  const c = [...allCells(s)].find((x) => x.ref === ref);
  return c === undefined ? undefined : isFormulaCell(c) ? `=${c.formula}` : c.value;
}

function styleAt(s: SheetSpec, ref: string): string | undefined {
  return [...allCells(s)].find((x) => x.ref === ref)?.style;
}

/** The values of one 1-based row from column A, up to the last written cell. */
function row(s: SheetSpec, r: number): unknown[] {
  const out: unknown[] = [];
  for (const c of allCells(s)) {
    const p = parseRef(c.ref);
    if (p && p.row === r - 1) out[p.col] = isFormulaCell(c) ? `=${c.formula}` : c.value;
  }
  return Array.from(out, (v) => v ?? null);
}

/** The 1-based rows whose column holds the value. */
function rowsWhere(s: SheetSpec, col: string, value: unknown): number[] {
  return [...allCells(s)]
    .filter((c) => c.ref.replace(/\d+$/, "") === col && !isFormulaCell(c) && c.value === value)
    .map((c) => Number(c.ref.replace(/^[A-Z]+/, "")));
}

const summary = sheet(report, REPORT_SHEETS.summary);
const detail = sheet(report, REPORT_SHEETS.detail);

describe("the report workbook", () => {
  it("has the nine sheets in order, then the hidden _dabiao marking it as a report and _收齐 for the roll-up", () => {
    expect(report.sheets.map((s) => s.name)).toEqual([
      "汇总表",
      "明细",
      "问题清单",
      "统计",
      "收齐情况",
      "推荐名单",
      "公示名单",
      "抽验名单",
      "工作情况",
      "回执单",
      "重报对比",
      "_dabiao",
      "_收齐",
    ]);
    expect(sheet(report, "_收齐").state).toBe("hidden");
    const meta = sheet(report, "_dabiao");
    expect(meta.state).toBe("hidden");
    expect([1, 2, 3, 4, 5].map((r) => row(meta, r))).toEqual([
      ["格式版本", REPORT_FORMAT],
      ["评分标准名称", DEFAULT_RUBRIC.name],
      ["评分标准版本", DEFAULT_RUBRIC.version],
      ["评分标准指纹", fixture().fingerprint],
      ["生成时间", OPTIONS.generatedAt],
    ]);
  });

  it("refuses a rubric other than the one the consolidation was scored with", () => {
    const other = { ...DEFAULT_RUBRIC, thresholds: { ...DEFAULT_RUBRIC.thresholds, 示范: 92 } };
    expect(() => buildReport(fixture(), { ...OPTIONS, rubric: other })).toThrow(
      /scored with rubric/
    );
  });

  it("writes no formula anywhere: every cell is a literal", () => {
    expect(report.sheets.flatMap((s) => [...allCells(s)]).filter(isFormulaCell)).toEqual([]);
  });
});

describe("汇总表", () => {
  it("heads one column per section with its max, between 星级 and 自评总分, and hides _key at the far right", () => {
    expect(row(summary, 1)).toEqual([
      "序号",
      "所属党委",
      "党支部名称",
      "支部类型",
      "负责人",
      "联系方式",
      "星级",
      ...DEFAULT_RUBRIC.sections.map(
        (s) => `${s.code}${s.title}(${s.items.reduce((a, i) => a + i.max, 0)})`
      ),
      "自评总分",
      "审核总分",
      "抽验总分",
      "审核情况",
      "最终总分",
      "等次",
      "等次说明",
      "否决项",
      "标记",
      "待核实",
      "错误数",
      "警告数",
      "来源文件",
      "备注",
      "命名",
      "核实",
      "_key",
    ]);
    expect(at(summary, "H1")).toBe("A组织体系设置(10)");
    expect(summary.columns[summary.columns.length - 1]).toMatchObject({ hidden: true });
    expect(summary.columns.filter((c) => c.hidden)).toHaveLength(1);
  });

  it("is frozen below the header and beside the name, filterable over the whole table, landscape A4 with the header repeated", () => {
    expect(summary.freeze).toEqual({ rows: 1, columns: 3 });
    expect(summary.autoFilter).toBe("A1:AD8");
    expect(summary.print).toMatchObject({
      paper: "A4",
      orientation: "landscape",
      fitToWidth: true,
      titleRows: "1:1",
    });
    expect(summary.print?.footer).toContain("&P");
  });

  it("sorts by 所属党委 (财 before 教 in pinyin), then 最终总分 best first, ties by key", () => {
    const names = [2, 3, 4, 5, 6, 7, 8].map(
      (r) => `${String(at(summary, `B${r}`))}/${String(at(summary, `C${r}`))}`
    );
    expect(names).toEqual([
      `${FIN}/第一党支部`,
      `${FIN}/第四党支部`,
      `${FIN}/第二党支部`,
      `${FIN}/第三党支部`,
      `${EDU}/已撤并党支部`,
      `${EDU}/第一党支部`,
      `${EDU}/${HOSTILE}`,
    ]);
    expect([2, 3, 4, 5, 6, 7, 8].map((r) => at(summary, `R${r}`))).toEqual([
      100, 100, 88, 75, 100, 94.5, 85,
    ]);
  });

  it("shows a branch's stages, tier, veto, flags, counts and the committee's 备注 and 命名 as unlocked inputs", () => {
    const [r] = rowsWhere(summary, "C", "第一党支部").filter((n) => at(summary, `B${n}`) === EDU);
    const line = row(summary, r!);
    expect(line.slice(1, 7)).toEqual([EDU, "第一党支部", "机关", "王建国", "0391-3560001", "四星"]);
    // The committee scored B2 alone (审核 2, 抽验 1.5): the other items count at 自评 (部分审核).
    expect(line.slice(13, 22)).toEqual([
      96,
      95,
      94.5,
      "部分审核；部分抽验",
      94.5,
      "示范",
      null,
      null,
      null,
    ]);
    expect(line.slice(26, 30)).toEqual(["已核实", "示范", null, `${EDU}｜第一党支部`]);
    expect(styleAt(summary, `AA${r}`)).toBe("input");
    expect(styleAt(summary, `AC${r}`)).toBe("input");
    const [vetoed] = rowsWhere(summary, "C", "第四党支部");
    expect([
      at(summary, `S${vetoed}`),
      at(summary, `T${vetoed}`),
      at(summary, `U${vetoed}`),
      at(summary, `V${vetoed}`),
    ]).toEqual(["未达标", "存在一票否决项（X2）", "X2", "公式被改动"]);
  });

  it("says 本次未收到文件 for a branch only remembered from the previous report", () => {
    const [r] = rowsWhere(summary, "C", "已撤并党支部");
    expect(at(summary, `V${r}`)).toBe("本次未收到文件");
  });
});

describe("明细: the long form the next level recomputes from", () => {
  const headers = [
    "_key",
    "所属党委",
    "党支部名称",
    "编号",
    "项目",
    "填报",
    "分值",
    "自评得分",
    "审核得分",
    "抽验得分",
    "最终得分",
    "扣分说明",
  ];
  /** The 1-based rows of one branch, by its 编号. */
  function rowsOf(key: string): Map<string, number> {
    return new Map(
      rowsWhere(detail, "A", key)
        .filter((r) => r > 1)
        .map((r) => [String(at(detail, `D${r}`)), r])
    );
  }
  const edu = rowsOf(`${EDU}｜第一党支部`);
  const cell = (code: string, col: string): unknown => at(detail, `${col}${edu.get(code) ?? 0}`);
  const labelOf = (key: string): string => HEADER_FIELDS.find((f) => f.key === key)?.label ?? key;

  it("has the columns the roll-up reads, _key hidden, frozen and filterable", () => {
    expect(row(detail, 1)).toEqual(headers);
    expect(detail.columns[0]).toMatchObject({ hidden: true });
    expect(detail.freeze).toEqual({ rows: 1, columns: 0 });
    expect(detail.autoFilter).toMatch(/^A1:L\d+$/);
    expect(detail.print?.orientation).toBe("landscape");
  });

  it("starts each branch with its header fields as the form shows them", () => {
    expect(row(detail, 2)).toEqual([
      `${FIN}｜第一党支部`,
      FIN,
      "第一党支部",
      "党支部名称",
      "基本信息",
      "第一党支部",
    ]);
    // 编号 names each header field in Chinese, never by a program key.
    const labels = HEADER_FIELDS.map((f) => f.label);
    expect([
      cell(labelOf("lastElection"), "F"),
      cell(labelOf("stars"), "F"),
      cell(labelOf("hasCommittee"), "F"),
      cell(labelOf("members"), "F"),
      cell(labelOf("satisfaction"), "F"),
    ]).toEqual(["2018-06-15", "四星", "是", 12, null]);
    const codes = [...allCells(detail)]
      .filter((c) => c.ref.startsWith("D"))
      .map((c) => at(detail, c.ref));
    expect(codes.filter((c) => HEADER_FIELDS.some((f) => f.key === c))).toEqual([]);
    expect(labels.every((l) => codes.includes(l))).toBe(true);
  });

  it("gives every item a scored row, its single entry on that row, and its sub-entries on rows below", () => {
    // B2 (JUDGE) is entered on its own row; A2 (CHECK) on A2.1–A2.3 below it.
    expect(row(detail, edu.get("B2")!).slice(3)).toEqual([
      "B2",
      "支委分工明确",
      3,
      3,
      3,
      2,
      1.5,
      1.5,
      null,
    ]);
    expect(cell("B3", "F")).toBe("是");
    expect(cell("A2", "F")).toBeNull();
    expect(edu.get("A2.1")).toBe(edu.get("A2")! + 1);
    expect([cell("A2.1", "E"), cell("A2.1", "F")]).toEqual(["应设未设支委会", 0]);
    expect(cell("C1.1", "F")).toBe(4);
    expect(cell("C1", "K")).toBe(1);
  });

  it("lists every slot and veto of the rubric for every branch, with the branch's entries", () => {
    const branch = fixture().branches.find((b) => b.key === `${EDU}｜第一党支部`)!;
    for (const [key, entry] of Object.entries(branch.entries)) {
      const shown = typeof entry === "boolean" ? (entry ? "是" : "否") : entry;
      expect([key, cell(key, "F")]).toEqual([key, shown]);
    }
    expect([cell("X1", "F"), cell("X5", "F")]).toEqual(["否", "否"]);
    const vetoed = rowsOf(`${FIN}｜第四党支部`);
    expect(at(detail, `F${vetoed.get("X2") ?? 0}`)).toBe("是");
  });

  it("leaves 审核得分 and 抽验得分 open for the committee to type (unlocked inputs)", () => {
    expect(styleAt(detail, `I${edu.get("B2") ?? 0}`)).toBe("inputScore");
    expect(styleAt(detail, `J${edu.get("D1") ?? 0}`)).toBe("inputScore");
    expect(report.styles.inputScore?.locked).toBe(false);
  });

  it("carries the 扣分说明", () => {
    const rows = rowsOf(`${FIN}｜第二党支部`);
    expect(at(detail, `L${rows.get("D2") ?? 0}`)).toBe("支委会少开4次");
  });

  it("makes its rows when asked, the same rows in any order: the same number for every branch, the filter over all of them", () => {
    expect(detail.blocks).toHaveLength(1);
    const block = detail.blocks![0]!;
    const inOrder = Array.from({ length: block.rowCount }, (_, i) => block.rowAt(i));
    const backwards = Array.from({ length: block.rowCount }, (_, i) =>
      block.rowAt(block.rowCount - 1 - i)
    ).reverse();
    expect(backwards).toEqual(inOrder);
    const branches = fixture().branches;
    expect(block.rowCount).toBe(branches.length * edu.size);
    for (const b of branches) expect(rowsOf(b.key).size).toBe(edu.size);
    expect(detail.autoFilter).toBe(`A1:L${block.rowCount + 1}`);
    expect(() => block.rowAt(block.rowCount)).toThrow(RangeError);
  });
});

describe("问题清单", () => {
  const issues = sheet(report, REPORT_SHEETS.issues);

  it("lists every issue and every file not taken, sorted by file", () => {
    expect(row(issues, 1)).toEqual([
      "序号",
      "文件",
      "党支部",
      "工作表",
      "单元格",
      "严重程度",
      "规则",
      "问题说明",
      "_key",
    ]);
    expect(issues.columns[8]).toMatchObject({ hidden: true });
    expect([2, 3, 4].map((r) => at(issues, `B${r}`))).toEqual(
      ["坏文件.xlsx", `${FIN}-第三党支部.xlsx`, "市财政局机关党委-第一党支部(旧).xlsx"].sort()
    );
    expect(issues.autoFilter).toBe("A1:I4");
  });

  it("gives a rejected file an 错误 row and a superseded one a 提示 row, with the reasons", () => {
    const [bad] = rowsWhere(issues, "B", "坏文件.xlsx");
    expect(row(issues, bad!).slice(1)).toEqual([
      "坏文件.xlsx",
      null,
      null,
      null,
      "错误",
      "文件",
      "文件已损坏，无法打开。",
      null,
    ]);
    const [old] = rowsWhere(issues, "B", "市财政局机关党委-第一党支部(旧).xlsx");
    expect(row(issues, old!).slice(5)).toEqual([
      "提示",
      "文件",
      "同一党支部有更晚的报送，以后者为准。",
      null,
    ]);
  });

  it("gives a branch's issue its sheet, cell and rule", () => {
    const [r] = rowsWhere(issues, "G", "V10");
    expect(row(issues, r!).slice(1, 7)).toEqual([
      `${FIN}-第三党支部.xlsx`,
      `${FIN}｜第三党支部`,
      "打分表",
      "C14",
      "警告",
      "V10",
    ]);
  });
});

describe("统计", () => {
  const stats = sheet(report, REPORT_SHEETS.stats);

  it("counts branches by type and tier, with a 合计 row (vanished branches are not counted)", () => {
    expect(at(stats, "A1")).toBe("标准化规范化建设达标创建统计");
    expect(at(stats, "A4")).toBe("一、党支部等次分布（已报送的党支部；未提供名册）");
    const tiers = (r: number): unknown[] => [0, 3, 5, 7, 9, 11].map((i) => row(stats, r)[i]);
    expect(tiers(5)).toEqual(["支部类型", "示范", "先进", "达标", "未达标", "合计"]);
    expect(tiers(6)).toEqual(["机关", 2, 2, 0, 1, 5]);
    expect(tiers(7)).toEqual(["国有企业", 0, 0, 1, 0, 1]);
    expect(tiers(8)).toEqual(["合计", 2, 2, 1, 1, 6]);
    expect(stats.merges).toEqual(expect.arrayContaining(["A5:C5", "D5:E5", "L5:N5"]));
  });

  it("gives 达标比例 as a percentage, the 20% check, inputs in = accepted + rejected + superseded, overdue 换届", () => {
    expect([at(stats, "A10"), at(stats, "D10"), styleAt(stats, "D10")]).toEqual([
      "达标比例",
      5 / 6,
      "percent",
    ]);
    expect(at(stats, "F10")).toBe(
      "达标及以上 5 个 ÷ 已报送的党支部 6 个（未提供名册，未报送的党支部无法计入）"
    );
    expect(report.styles.percent?.numFmt).toBe("0.0%");
    expect([at(stats, "A11"), at(stats, "D11")]).toEqual(["示范推荐（不少于20%）", "符合"]);
    expect(at(stats, "F11")).toBe("已推荐 2 个，按已报送的党支部 6 个应推荐不少于 2 个");
    expect([at(stats, "D12"), at(stats, "F12")]).toEqual([8, "采用 6 + 退回 1 + 被替代 1"]);
    expect([at(stats, "A13"), at(stats, "D13")]).toEqual(["换届逾期的党支部", 1]);
    expect([at(stats, "A14"), at(stats, "D14")]).toEqual(["本次未收到文件的党支部", 1]);
  });

  it("has a row per committee: 党支部数, 已报, 未报送, each tier, 达标比例, 应推荐, 已推荐, 符合/不足", () => {
    const [head] = rowsWhere(stats, "A", "所属党委");
    expect(row(stats, head ?? 0).slice(3)).toEqual([
      "党支部数",
      "已报",
      "未报送",
      "示范",
      "先进",
      "达标",
      "未达标",
      "达标比例",
      "应推荐",
      "已推荐",
      "结论",
    ]);
    const [fin] = rowsWhere(stats, "A", FIN);
    expect(row(stats, fin ?? 0).slice(3)).toEqual([4, 4, "—", 1, 1, 1, 1, 0.75, 1, 1, "符合"]);
    const [edu] = rowsWhere(stats, "A", EDU);
    expect(row(stats, edu ?? 0).slice(3)).toEqual([2, 2, "—", 1, 1, 0, 0, 1, 1, 1, "符合"]);
    expect(
      rowsWhere(stats, "A", "未提供名册：党支部数按已报送的党支部计，“未报送”无法确定。")
    ).toHaveLength(1);
  });

  it("says 不足 when the committees cannot recommend 20%, with the shortfall below the committee table", () => {
    const short = buildReport(
      consolidationOf([
        branchRow({ tier: "示范" }),
        ...Array.from({ length: 9 }, (_, i) => branchRow({ name: `支部${i}`, lose: 15 })),
        branchRow({ committee: EDU, name: "教育达标支部", tier: "达标" }),
      ]),
      OPTIONS
    );
    const stats2 = sheet(short, REPORT_SHEETS.stats);
    const [r] = rowsWhere(stats2, "A", "示范推荐（不少于20%）");
    expect(at(stats2, `D${r}`)).toBe("不足");
    expect(at(stats2, `F${r}`)).toBe(
      "已推荐 2 个，按已报送的党支部 11 个应推荐不少于 3 个；1 个党委推荐不足，见下表"
    );
    const [edu] = rowsWhere(stats2, "A", EDU);
    expect(at(stats2, `N${edu}`)).toBe("不足，缺 1 个");
    expect(
      rowsWhere(
        stats2,
        "A",
        `${EDU}：按不少于党支部数20%的要求应推荐 1 个，没有可推荐的示范或先进党支部，尚缺 1 个。`
      )
    ).toHaveLength(1);
  });

  it("lists the most-deducted items first, with total, per-branch average and how many branches lost points", () => {
    const [head] = rowsWhere(stats, "A", "序号").filter((r) => at(stats, `C${r}`) === "项目");
    const compact = (r: number): unknown[] => row(stats, r).filter((v) => v !== null);
    expect(compact(head ?? 0)).toEqual([
      "序号",
      "编号",
      "项目",
      "分值",
      "扣分合计",
      "平均每支部扣分",
      "失分支部数",
    ]);
    expect(compact((head ?? 0) + 1)).toEqual([1, "C1", "发展党员程序规范", 5, 16, 2.67, 4]);
    expect(compact((head ?? 0) + 2).slice(1)).toEqual(["D5", "主题党日", 6, 15, 2.5, 3]);
  });

  it("counts each veto", () => {
    const [x2] = rowsWhere(stats, "B", "X2");
    expect(at(stats, `L${x2}`)).toBe(1);
    const [x1] = rowsWhere(stats, "B", "X1");
    expect(at(stats, `L${x1}`)).toBe(0);
  });
});

describe("推荐名单: the notice's 附件2", () => {
  const form = sheet(report, REPORT_SHEETS.recommend);
  const finOnly = consolidationOf(fixture().branches.filter((x) => x.header.committee === FIN));
  const single = sheet(buildReport(finOnly, OPTIONS), REPORT_SHEETS.recommend);

  it("reproduces 附件2: title, 单位（盖章）, 填写时间, the five columns in order, the 备注 line", () => {
    expect(at(single, "A1")).toBe("附件2");
    expect(at(single, "A2")).toBe("推荐标准化规范化建设示范党支部名单");
    expect(single.merges).toContain("A2:E2");
    expect(report.styles[styleAt(single, "A2") ?? ""]?.font).toMatchObject({
      bold: true,
      size: 16,
    });
    expect(at(single, "A3")).toBe("单位（盖章）：市财政局党组");
    expect(at(single, "C3")).toBe("填写时间：2019年\u3000\u3000月\u3000\u3000日");
    expect(row(single, 4)).toEqual(["序号", "党支部名称", "党支部负责人", "联系方式", "支部类型"]);
    expect(at(single, "A8")).toBe(
      "备注：支部类型填写农村、社区、机关、国有企业、非公企业和社会组织等。"
    );
  });

  it("lists the recommended branches, 示范 best first, with leader, contact and type", () => {
    expect(row(single, 5)).toEqual([1, "第一党支部", "王建国", "0391-3560001", "机关"]);
    // Committee by committee, in the order of their names (财 before 教).
    expect(fixture().recommendation.chosen.map((b) => b.key)).toEqual([
      `${FIN}｜第一党支部`,
      `${EDU}｜第一党支部`,
    ]);
  });

  it("prints on A4 portrait, fitted to the width, the column heads repeated", () => {
    expect(single.print).toMatchObject({
      paper: "A4",
      orientation: "portrait",
      fitToWidth: true,
      titleRows: "4:4",
    });
    expect(single.print?.breaks).toBeUndefined();
  });

  it("gives each committee its own 附件2, with the committee as 单位（盖章）, each starting a printed page", () => {
    const units = rowsWhere(form, "A", "附件2").map((r) => at(form, `A${r + 2}`));
    expect(units).toEqual([`单位（盖章）：${FIN}`, `单位（盖章）：${EDU}`]);
    const starts = rowsWhere(form, "A", "附件2");
    expect(form.print?.breaks).toEqual(starts.slice(1).map((r) => r - 1));
    expect(form.print?.titleRows).toBeUndefined();
    expect(starts.map((r) => at(form, `B${r + 4}`))).toEqual(["第一党支部", "第一党支部"]);
  });

  it("leaves the unit and year to fill by hand when not given and no branch says which committee", () => {
    const blank = buildReport(consolidationOf([]), {
      ...OPTIONS,
      unit: undefined,
      generatedAt: "",
    });
    const f = sheet(blank, REPORT_SHEETS.recommend);
    expect([at(f, "A3"), at(f, "C3")]).toEqual([
      "单位（盖章）：",
      `填写时间：${"\u3000".repeat(4)}年\u3000\u3000月\u3000\u3000日`,
    ]);
  });

  it("keeps the shortfall off the form (it is said in 统计) when 示范 + 先进 are too few", () => {
    const few = consolidationOf([
      branchRow({ name: "唯一先进", tier: "先进" }),
      ...Array.from({ length: 10 }, (_, i) => branchRow({ name: `支部${i}`, tier: "达标" })),
    ]);
    const built = buildReport(few, OPTIONS);
    const f = sheet(built, REPORT_SHEETS.recommend);
    expect(row(f, 5).slice(0, 2)).toEqual([1, "唯一先进"]);
    expect(at(f, "A8")).toMatch(/^备注/);
    expect(at(f, "A9")).toBeUndefined();
    const stats = sheet(built, REPORT_SHEETS.stats);
    const text = `${FIN}：按不少于党支部数20%的要求应推荐 3 个，示范和先进党支部只有 1 个，已全部列入，尚缺 2 个。`;
    expect(rowsWhere(stats, "A", text)).toHaveLength(1);
  });
});

describe("公示名单, 抽验名单, 工作情况", () => {
  it("公示名单 lists 示范-tier, 先进 and 达标 branches, best first; 示范 is stated only once named, before that 先进（拟推荐示范）", () => {
    const p = sheet(report, REPORT_SHEETS.publicity);
    expect(at(p, "A1")).toBe("标准化规范化建设先进、达标党支部公示名单");
    expect(row(p, 3)).toEqual(["序号", "所属党委", "党支部名称", "等次", "最终总分"]);
    // EDU's 第一党支部 was named 示范 (命名) by the 工委; FIN's is only proposed.
    expect(at(p, "A2")).toBe("示范 1 个，先进 3 个（其中拟推荐示范 1 个），达标 1 个");
    expect([4, 5, 6, 7, 8].map((r) => [at(p, `C${r}`), at(p, `D${r}`)])).toEqual([
      ["第一党支部", "先进（拟推荐示范）"],
      ["第一党支部", "示范"],
      ["第二党支部", "先进"],
      [HOSTILE, "先进"],
      ["第三党支部", "达标"],
    ]);
    expect(at(p, "A9")).toBeUndefined();
    expect(p.autoFilter).toBe("A3:E8");
  });

  it("抽验名单 puts five-star branches first as 五星级必验, then held ones, then the draw, and states how many for which reason", () => {
    const s = sheet(report, REPORT_SHEETS.sample);
    expect(row(s, 3)).toEqual([
      "序号",
      "所属党委",
      "党支部名称",
      "星级",
      "等次",
      "最终总分",
      "抽取方式",
      "抽验得分",
    ]);
    expect(at(s, "A2")).toBe(
      "共抽验 3 个：五星级党支部（重点对象）2 个、待核实或有标记的党支部 0 个全部抽验；其余示范、先进、达标党支部 3 个中按 20% 随机抽取 1 个（随机种子 2019，同一名单、同一种子可重现本次抽取）。"
    );
    expect(row(s, 4)).toEqual([1, FIN, "第一党支部", "五星", "示范", 100, "五星级必验", null]);
    expect(row(s, 5)).toEqual([2, FIN, "第二党支部", "五星", "先进", 88, "五星级必验", null]);
    expect(at(s, "G6")).toBe("随机抽取");
    expect([at(s, "H6"), styleAt(s, "H6")]).toEqual([null, "inputScore"]);
    expect(at(s, "A7")).toBeUndefined();
    const flagged = consolidationOf([
      branchRow({ name: "改过党支部", tier: "先进", flags: ["公式被改动"] }),
      branchRow({ name: "普通党支部", tier: "达标" }),
    ]);
    const t = sheet(buildReport(flagged, OPTIONS), REPORT_SHEETS.sample);
    expect([at(t, "C4"), at(t, "G4")]).toEqual(["改过党支部", "待核实必验"]);
  });

  it("工作情况 has the notice's four parts, sentences made from the numbers, and an open area for 下步打算", () => {
    const w = sheet(report, REPORT_SHEETS.work);
    const texts = [...allCells(w)]
      .map((c) => (isFormulaCell(c) ? "" : String(c.value ?? "")))
      .join("\n");
    expect(at(w, "A1")).toBe("党支部标准化规范化建设达标创建工作情况报告");
    for (const part of ["一、基本情况", "二、达标比例", "三、存在问题", "四、下步打算"])
      expect(texts).toContain(part);
    expect(texts).toContain("本次共收到报送文件 8 份，其中采用 6 份，退回 1 份");
    expect(texts).toContain("达标比例（达标及以上）为 83.3%");
    // The committee typed 审核得分 here, so the tiers may be called 经审核评定.
    expect(texts).toContain(
      "经审核评定，已命名示范党支部 1 个、先进党支部 3 个，其中拟推荐示范 1 个"
    );
    const unreviewed = consolidationOf(fixture().branches.filter((b) => b.totals.review === null));
    const plain = [...allCells(sheet(buildReport(unreviewed, OPTIONS), REPORT_SHEETS.work))]
      .map((c) => (isFormulaCell(c) ? "" : String(c.value ?? "")))
      .join("\n");
    expect(plain).not.toContain("经审核评定");
    expect(plain).toContain("根据各党支部自评，经重新核算，先进党支部");
    expect(texts).toContain("C1“发展党员程序规范”（4 个党支部失分，共扣 16 分）");
    expect(texts).toContain("1 个党支部存在一票否决情形");
    expect(texts).toContain("1 个党支部任期届满未按期换届");
    const area = [...allCells(w)].find((c) => c.style === "inputArea");
    expect(area && !isFormulaCell(area) ? area.value : "missing").toBeNull();
    expect(report.styles.inputArea?.locked).toBe(false);
    expect(w.merges).toContain(`${area?.ref ?? "?"}:H${Number(area?.ref.slice(1)) + 7}`);
    const hint = [...allCells(w)].find((c) => !isFormulaCell(c) && c.value === "（由党委填写）");
    expect(hint?.style).toBe("note");
    expect(w.print?.orientation).toBe("portrait");
  });
});

/** The XML of every worksheet part of an .xlsx. */
function worksheetXml(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes);
  return Object.keys(files)
    .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
    .map((p) => strFromU8(files[p]!));
}

describe("text from submissions that looks like a formula", () => {
  it("is written as a literal in the spec and as a string cell, never a formula, in the file", async () => {
    const [r] = rowsWhere(summary, "C", HOSTILE);
    expect([at(summary, `E${r}`), at(summary, `AA${r}`)]).toEqual(["@admin", "+1 请核实"]);
    expect([...allCells(detail)].some((c) => !isFormulaCell(c) && c.value === "-3分，见附件")).toBe(
      true
    );
    const xml = worksheetXml(await writeXlsx(report));
    expect(xml).toHaveLength(13);
    for (const part of xml) expect(part).not.toContain("<f>");
    const summaryXml = xml[0]!;
    for (const ref of [`C${r}`, `E${r}`, `Z${r}`])
      expect(summaryXml).toMatch(new RegExp(`<c r="${ref}"[^>]* t="s"`));
  });
});

describe("the report on paper (LibreOffice)", () => {
  /** How many pages a PDF has (its /Type /Page objects; LibreOffice writes them uncompressed). */
  function pageCount(pdf: Buffer): number {
    return [...pdf.toString("latin1").matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
  }
  /** The page sizes a PDF declares, in points, from its /MediaBox entries. */
  function boxes(pdf: Buffer): { width: number; height: number }[] {
    return [
      ...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g),
    ].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  }
  const only = (name: string): WorkbookSpec => ({ ...report, sheets: [sheet(report, name)] });

  itWithSoffice(
    "renders the whole report, 推荐名单 one portrait page per committee and 汇总表 on landscape pages",
    async () => {
      // DABIAO_RENDER_DIR keeps the PDFs for a look; otherwise they go to a temporary folder.
      const dir =
        process.env.DABIAO_RENDER_DIR ?? (await mkdtemp(join(tmpdir(), "dabiao-report-")));
      try {
        const files: [string, WorkbookSpec][] = [
          ["report", report],
          ["recommend", only(REPORT_SHEETS.recommend)],
          ["summary", only(REPORT_SHEETS.summary)],
        ];
        const pdfs: Buffer[] = [];
        for (const [name, book] of files) {
          await writeFile(join(dir, `${name}.xlsx`), await writeXlsx(book));
          pdfs.push(await readFile(await toPdf(join(dir, `${name}.xlsx`), dir)));
        }
        const [whole, recommendPdf, summaryPdf] = pdfs as [Buffer, Buffer, Buffer];
        expect(whole.subarray(0, 5).toString()).toBe("%PDF-");
        expect(whole.length).toBeGreaterThan(30_000);
        expect(pageCount(whole)).toBeGreaterThanOrEqual(8);
        expect(pageCount(recommendPdf)).toBe(2);
        for (const p of boxes(recommendPdf)) expect(p.height).toBeGreaterThan(p.width);
        // 26 columns fitted to one landscape page across: the 7 rows fit on one page.
        expect(pageCount(summaryPdf)).toBe(1);
        for (const p of boxes(summaryPdf)) expect(p.width).toBeGreaterThan(p.height);
      } finally {
        if (process.env.DABIAO_RENDER_DIR === undefined)
          await rm(dir, { recursive: true, force: true });
      }
    }
  );
});
