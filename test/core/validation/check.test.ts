import {
  buildTemplate,
  cellRef,
  checkWorkbook,
  COL,
  dateToSerial,
  DEFAULT_RUBRIC,
  fillTemplate,
  layoutTemplate,
  parseRef,
  SCORESHEET,
  type HeaderKey,
  type Issue,
  type SnapshotCell,
  type TypedFilling,
  type TypedValue,
  type WorkbookSnapshot,
} from "../../../src/core";
import { fullMarksEntries, noVetoes, validHeader } from "../../support/fillings";
import { specToSnapshot } from "../../support/spec-to-snapshot";

const RUBRIC = DEFAULT_RUBRIC;
const TODAY = new Date(Date.UTC(2019, 11, 31));
const TEMPLATE = buildTemplate(RUBRIC, { generatedAt: "2019-12-31T00:00:00Z" });
const LAYOUT = layoutTemplate(RUBRIC);

// Where things sit on the 打分表, found the way a person finds them: by item code and column.
const row = (code: string): number =>
  LAYOUT.slotRow.get(code) ?? LAYOUT.itemRow.get(code) ?? fail(`no row ${code}`);
const itemRow = (code: string): number => LAYOUT.itemRow.get(code) ?? fail(`no item ${code}`);
const entryCell = (key: string): string => cellRef(row(key), COL.entry);
const maxCell = (code: string): string => cellRef(itemRow(code), COL.max);
const selfCell = (code: string): string => cellRef(itemRow(code), COL.self);
const noteCell = (code: string): string => cellRef(itemRow(code), COL.note);
const reviewCell = (code: string): string => cellRef(itemRow(code), COL.review);
const finalCell = (code: string): string => cellRef(itemRow(code), COL.final);
const vetoCell = (code: string): string =>
  cellRef(LAYOUT.vetoRows.find((v) => v.veto.code === code)?.row ?? fail(code), COL.entry);
const headerCell = (key: HeaderKey): string =>
  cellRef(LAYOUT.header[key].row, LAYOUT.header[key].valueCol);
const sectionSelfCell = (code: string): string =>
  cellRef(LAYOUT.sectionRow.get(code) ?? fail(code), COL.self);
const TOTAL_SELF = cellRef(LAYOUT.totalRow, COL.self);
const TOTAL_FINAL = cellRef(LAYOUT.totalRow, COL.final);
const FINAL_TIER = cellRef(LAYOUT.result.finalTier, COL.standard);

function fail(what: string): never {
  throw new Error(what);
}

interface Changes {
  readonly header?: TypedFilling["header"];
  readonly entries?: Readonly<Record<string, TypedValue>>;
  readonly reviews?: Readonly<Record<string, TypedValue>>;
  readonly samples?: Readonly<Record<string, TypedValue>>;
  readonly notes?: Readonly<Record<string, TypedValue>>;
  readonly vetoes?: Readonly<Record<string, TypedValue>>;
}

/** The template as a 机关 branch with full marks would fill it, with the given cells typed differently. */
function book(c: Changes = {}): WorkbookSnapshot {
  const typed: TypedFilling = {
    header: validHeader(c.header),
    entries: { ...fullMarksEntries(), ...c.entries },
    vetoes: { ...noVetoes(), ...c.vetoes },
    reviews: c.reviews ?? {},
    samples: c.samples ?? {},
    notes: c.notes ?? {},
  };
  return specToSnapshot(fillTemplate(TEMPLATE, RUBRIC, typed));
}

function check(b: WorkbookSnapshot, today = TODAY) {
  const result = checkWorkbook(b, RUBRIC, today);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

const issuesOf = (c: Changes = {}, today = TODAY): readonly Issue[] => check(book(c), today).issues;
const ofRule = (issues: readonly Issue[], rule: string): Issue[] =>
  issues.filter((i) => i.rule === rule);

/** An issue on the 打分表 at `cell` (undefined: no cell), its message containing `text`. */
function issue(
  severity: Issue["severity"],
  rule: string,
  cell: string | undefined,
  text: string
): Issue {
  const where = cell === undefined ? {} : { cell };
  return expect.objectContaining({
    severity,
    rule,
    sheet: SCORESHEET,
    ...where,
    message: expect.stringContaining(text),
  }) as Issue;
}

/** The snapshot with one cell of a sheet replaced (undefined empties it). */
function edit(
  b: WorkbookSnapshot,
  ref: string,
  cell: SnapshotCell | undefined,
  sheet = SCORESHEET
): WorkbookSnapshot {
  const at = parseRef(ref) ?? fail(ref);
  return {
    sheets: b.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const rows = [...s.rows];
      const cells = [...(rows[at.row] ?? [])];
      cells[at.col] = cell;
      rows[at.row] = cells;
      return { ...s, rows };
    }),
  };
}

const cellOf = (b: WorkbookSnapshot, ref: string): SnapshotCell => {
  const at = parseRef(ref) ?? fail(ref);
  return (
    b.sheets.find((s) => s.name === SCORESHEET)?.rows[at.row]?.[at.col] ?? fail(`empty ${ref}`)
  );
};

/** The snapshot as if a recalculating program had cached `v` as the result of the formula at `ref`. */
const cached = (b: WorkbookSnapshot, ref: string, v: SnapshotCell["v"]): WorkbookSnapshot =>
  edit(b, ref, { ...cellOf(b, ref), v });

/** The snapshot with a 打分表 row deleted, the rows below moving up. */
function withoutRow(b: WorkbookSnapshot, r: number): WorkbookSnapshot {
  return {
    sheets: b.sheets.map((s) =>
      s.name === SCORESHEET ? { ...s, rows: [...s.rows].filter((_, i) => i !== r) } : s
    ),
  };
}

describe("the sheet a person sees", () => {
  it("has D2's 填报 in E51, B2's 扣分说明 in G27, 正式党员人数 in G5 and the 最终等次 in C93", () => {
    expect([entryCell("D2"), noteCell("B2"), headerCell("members"), FINAL_TIER]).toEqual([
      "E51",
      "G27",
      "G5",
      "C93",
    ]);
  });
});

describe("a clean sheet", () => {
  it("full marks, all vetoes 否, a valid header: no issue at all, 示范", () => {
    const r = check(book());
    expect(r.issues).toEqual([]);
    expect(r.assessment.totals.final).toBe(100);
    expect(r.assessment.tier.tier).toBe("示范");
  });

  it("deductions, each explained, reviewed in full: no 错误 and no V4", () => {
    const issues = issuesOf({
      entries: { B2: 2.5, D5: 11, "E2.1": 1 },
      notes: { B2: "分工文件未及时更新", D5: "8月未开展，见活动记录本", E2: "缺发展党员流程图" },
      reviews: Object.fromEntries(
        RUBRIC.sections.flatMap((s) => s.items).map((i) => [i.code, i.code === "B2" ? 2.5 : i.max])
      ),
    });
    expect(issues.filter((i) => i.severity === "错误")).toEqual([]);
    expect(ofRule(issues, "V4")).toEqual([]);
  });

  it("every issue says where and what in Chinese, with a rule code", () => {
    const issues = issuesOf({
      header: { members: 2, name: null },
      entries: { D2: "八", B2: 2.7, D1: 3 },
      vetoes: { X1: "可能" },
    });
    expect(issues.length).toBeGreaterThan(4);
    for (const i of issues) {
      expect(i.rule).toMatch(/^V\d+$/);
      expect(i.message).toMatch(/[\u4e00-\u9fff]/);
      expect(i.sheet).toBe(SCORESHEET);
    }
  });

  it("lists errors first, then by row", () => {
    const issues = issuesOf({
      entries: { D1: 3, B2: 2.7 },
      notes: { B2: "x", D1: "x" },
      vetoes: { X1: "可能" },
    });
    const severities = issues.map((i) => i.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ["错误", "警告", "提示"].indexOf(a) - ["错误", "警告", "提示"].indexOf(b)
      )
    );
  });
});

describe("V1 entries: type and range", () => {
  it("an empty entry is an error at its cell", () => {
    expect(issuesOf({ entries: { B2: null } })).toContainEqual(
      issue("错误", "V1", entryCell("B2"), "B2 支委分工明确的填报未填写，请填0～3的数。")
    );
    expect(issuesOf({ entries: { "A2.3": null } })).toContainEqual(
      issue("错误", "V1", entryCell("A2.3"), "A2.3（组织、宣传、纪检委员分工缺少的项数）未填写")
    );
  });

  it("an out-of-range entry is an error", () => {
    expect(issuesOf({ entries: { D2: 13 } })).toContainEqual(
      issue("错误", "V1", entryCell("D2"), "填的 13 超出范围，应在 0～12 之间。")
    );
    expect(issuesOf({ entries: { B2: 3.5 } })).toContainEqual(
      issue("错误", "V1", entryCell("B2"), "超出范围，应在 0～3 之间")
    );
    expect(issuesOf({ entries: { "A2.3": 4 } })).toContainEqual(
      issue("错误", "V1", entryCell("A2.3"), "超出范围，应在 0～3 之间")
    );
  });

  it("a score off the 0.5 grid is an error that says how it was scored", () => {
    const r = check(book({ entries: { B2: 2.7 }, notes: { B2: "酌情扣分" } }));
    expect(r.issues).toContainEqual(
      issue("错误", "V1", entryCell("B2"), "填的 2.7 不是0.5分的整数倍，已按 2.5 分计算，请改正。")
    );
    expect(r.assessment.items.find((i) => i.code === "B2")?.self).toBe(2.5);
  });

  it("a count that is not whole is an error", () => {
    expect(issuesOf({ entries: { D2: 10.5 } })).toContainEqual(
      issue("错误", "V1", entryCell("D2"), "填的 10.5 不是整数，请填整数。")
    );
  });

  it.each(["八", "8-9", "约8", "1,5"])(
    "the entry %p cannot be read: an error quoting it",
    (typed) => {
      expect(issuesOf({ entries: { D2: typed } })).toContainEqual(
        issue("错误", "V1", entryCell("D2"), `填的“${typed}”无法识别，请填0～12的整数。`)
      );
    }
  );

  it("a number typed with a unit is read, with a warning that the sheet's formulas do not read it", () => {
    const r = check(book({ entries: { B2: "2.5分" }, notes: { B2: "分工未落实" } }));
    expect(r.issues).toContainEqual(
      issue(
        "警告",
        "V1",
        entryCell("B2"),
        "B2 支委分工明确的填报填的是“2.5分”（数字存成了文本、带了单位），已按 2.5 计算；表内公式不认这种写法，请改为 2.5。"
      )
    );
    expect(r.filling.entries.B2).toBe(2.5);
    expect(r.assessment.items.find((i) => i.code === "B2")?.self).toBe(2.5);
  });

  it("full-width digits, spaces and text-stored numbers are read with a warning each", () => {
    const issues = issuesOf({ entries: { D2: "１２", D5: " 12 ", D4: "4" } });
    expect(issues).toContainEqual(issue("警告", "V1", entryCell("D2"), "用了全角字符"));
    expect(issues).toContainEqual(issue("警告", "V1", entryCell("D5"), "前后有空格"));
    expect(issues).toContainEqual(issue("警告", "V1", entryCell("D4"), "数字存成了文本"));
    expect(issues.filter((i) => i.severity === "错误")).toEqual([]);
  });

  it("不适用 where the rubric does not allow it is an error and scores nothing", () => {
    const r = check(book({ entries: { D1: "不适用" } }));
    expect(r.issues).toContainEqual(
      issue("错误", "V1", entryCell("D1"), "D1 支部党员大会的填报不能填“不适用”")
    );
    expect(r.assessment.items.find((i) => i.code === "D1")?.self).toBe(0);
  });

  it("a ladder level must be one of 好、较好、一般、差", () => {
    expect(issuesOf({ entries: { C5: "很好" } })).toContainEqual(
      issue("错误", "V1", entryCell("C5"), "填的“很好”无法识别，请填好、较好、一般或差。")
    );
    expect(issuesOf({ entries: { C5: null } })).toContainEqual(
      issue("错误", "V1", entryCell("C5"), "未填写，请填好、较好、一般或差。")
    );
  });

  it("是/否 typed as a symbol or TRUE is read with a warning, since the sheet only counts 是", () => {
    const r = check(book({ entries: { B3: "√", B4: true }, vetoes: { X1: "×" } }));
    expect(r.issues).toContainEqual(
      issue("警告", "V1", entryCell("B3"), "填的是“√”（用了符号），已按 是 计算")
    );
    expect(r.issues).toContainEqual(
      issue("警告", "V1", entryCell("B4"), "填的是“TRUE”（用了符号），已按 是 计算")
    );
    expect(r.issues).toContainEqual(
      issue("警告", "V1", vetoCell("X1"), "否决项 X1填的是“×”（用了符号），已按 否 计算")
    );
    expect(r.filling.entries).toMatchObject({ B3: true, B4: true });
  });

  it("a ladder level or 不适用 with stray spaces is read with a warning, since the sheet's formulas miss it", () => {
    const r = check(
      book({
        entries: { C5: "较好 ", D2: " 不适用" },
        header: { hasCommittee: "否", committeeSize: 0, members: 6 },
        notes: { C5: "志愿服务次数偏少" },
      })
    );
    expect(r.filling.entries).toMatchObject({ C5: "较好", D2: "不适用" });
    expect(r.issues).toContainEqual(
      issue("警告", "V1", entryCell("C5"), "填的是“较好 ”（前后有空格），已按 较好 计算")
    );
    expect(r.issues).toContainEqual(
      issue("警告", "V1", entryCell("D2"), "填的是“ 不适用”（前后有空格），已按 不适用 计算")
    );
  });

  it("a review score is checked like a self score, and an empty one is fine", () => {
    const issues = issuesOf({ reviews: { B2: 2.7, D5: 7, A1: null } });
    expect(issues).toContainEqual(
      issue("错误", "V1", reviewCell("B2"), "B2 审核得分填的 2.7 不是0.5分的整数倍")
    );
    expect(issues).toContainEqual(
      issue("错误", "V1", reviewCell("D5"), "D5 审核得分填的 7 超出范围，应在 0～6 之间。")
    );
    expect(ofRule(issues, "V1").some((i) => i.cell === reviewCell("A1"))).toBe(false);
  });

  it("header: a required field left empty, an unknown branch type, a year out of range", () => {
    expect(issuesOf({ header: { name: null } })).toContainEqual(
      issue("错误", "V1", headerCell("name"), "党支部名称未填写。填写党支部全称")
    );
    expect(issuesOf({ header: { type: "事业单位" } })).toContainEqual(
      issue("错误", "V1", headerCell("type"), "支部类型填的“事业单位”无法识别")
    );
    expect(issuesOf({ header: { year: 2018 } })).toContainEqual(
      issue("错误", "V1", headerCell("year"), "评分年度填的 2018 超出范围")
    );
    expect(issuesOf({ header: { members: "12人" } })).toContainEqual(
      issue("警告", "V1", headerCell("members"), "已按 12 计算")
    );
  });

  it("header: 机关党支部, 3星 and a text date are read; the text date is noted", () => {
    const r = check(
      book({ header: { type: "机关党支部", stars: "3星", lastElection: "2018年6月15日" } })
    );
    expect(r.filling.header).toMatchObject({
      type: "机关",
      stars: 3,
      lastElection: { year: 2018, month: 6, day: 15 },
    });
    expect(r.issues).toContainEqual(
      issue(
        "提示",
        "V1",
        headerCell("lastElection"),
        "上次换届时间“2018年6月15日”是文本，已按 2018年6月15日 读取。"
      )
    );
    expect(r.issues.filter((i) => i.severity === "错误")).toEqual([]);
  });

  it("header: an impossible date is an error", () => {
    expect(issuesOf({ header: { lastElection: "2018-02-30" } })).toContainEqual(
      issue("错误", "V1", headerCell("lastElection"), "上次换届时间填的“2018-02-30”无法识别")
    );
  });
});

describe("V2 structure and totals", () => {
  it("an altered 分值 is an error at that cell; the rubric's max still counts", () => {
    const r = check(edit(book(), maxCell("D2"), { v: 10 }));
    expect(r.issues).toContainEqual(
      issue(
        "错误",
        "V2",
        maxCell("D2"),
        "D2 的分值被改成了“10”，评分标准规定为 4 分；已按 4 分计算，请勿修改分值。"
      )
    );
    expect(r.assessment.totals.self).toBe(100);
  });

  it("a deleted item row is an error naming the item", () => {
    const issues = check(withoutRow(book(), row("D2"))).issues;
    expect(issues).toContainEqual(
      issue(
        "错误",
        "V2",
        undefined,
        "打分表缺少 D2 这一行（表格结构被改动），请使用上级下发的模板重新填写。"
      )
    );
  });

  it("a deleted item row above its sub-rows is reported too (A2 above A2.1–A2.3)", () => {
    const issues = check(withoutRow(book(), itemRow("A2"))).issues;
    expect(issues).toContainEqual(issue("错误", "V2", undefined, "打分表缺少 A2 这一行"));
  });

  it("a deleted veto row is an error", () => {
    const vetoRow = LAYOUT.vetoRows.find((v) => v.veto.code === "X3")?.row ?? fail("X3");
    expect(check(withoutRow(book(), vetoRow)).issues).toContainEqual(
      issue("错误", "V2", undefined, "打分表缺少 X3 这一行")
    );
  });

  it("a row the rubric does not know is a warning at its code", () => {
    const ref = cellRef(LAYOUT.totalRow + 1, COL.code);
    expect(check(edit(book(), ref, { v: "G1" })).issues).toContainEqual(
      issue("警告", "V2", ref, "打分表中的 G1 不是本评分标准的项目，该行不计分。")
    );
  });

  it("a cached total that differs from the recomputed one is an error; one that agrees is not", () => {
    const shown99 = check(cached(book(), TOTAL_SELF, 99)).issues;
    expect(shown99).toContainEqual(
      issue(
        "错误",
        "V2",
        TOTAL_SELF,
        "自评总分表内显示为 99，按填报内容计算应为 100；以计算结果为准"
      )
    );
    expect(check(cached(book(), TOTAL_FINAL, 95.5)).issues).toContainEqual(
      issue("错误", "V2", TOTAL_FINAL, "最终总分表内显示为 95.5，按填报内容计算应为 100")
    );
    expect(check(cached(cached(book(), TOTAL_SELF, 100), TOTAL_FINAL, 100)).issues).toEqual([]);
  });

  it("a cached section subtotal that differs is a warning", () => {
    expect(check(cached(book(), sectionSelfCell("D"), 28)).issues).toContainEqual(
      issue(
        "警告",
        "V2",
        sectionSelfCell("D"),
        "党支部组织生活小计表内显示为 28，按填报内容计算应为 30"
      )
    );
  });

  it("a workbook without the hidden _dabiao sheet is a warning and is still scored", () => {
    const b = book();
    const r = check({ sheets: b.sheets.filter((s) => s.name !== "_dabiao") });
    expect(r.issues).toEqual([issue("警告", "V2", undefined, "打分表缺少隐藏的“_dabiao”工作表")]);
    expect(r.issues[0]?.cell).toBeUndefined();
    expect(r.assessment.totals.final).toBe(100);
  });

  it("a scoresheet made for another rubric is a warning naming both fingerprints", () => {
    const b = book();
    const meta = b.sheets.find((s) => s.name === "_dabiao") ?? fail("_dabiao");
    const fpRow = meta.rows.findIndex((r) => r?.[0]?.v === "评分标准指纹");
    const ours = String(meta.rows[fpRow]?.[1]?.v);
    const theirs = edit(b, cellRef(fpRow, 1), { v: "0123456789abcdef" }, "_dabiao");
    expect(check(theirs).issues).toEqual([
      issue(
        "警告",
        "V2",
        undefined,
        `此表使用的评分标准（指纹 0123456789abcdef）与当前评分标准（指纹 ${ours}）不同`
      ),
    ]);
  });

  it("a workbook without the item table is not a scoresheet", () => {
    const result = checkWorkbook(
      { sheets: [{ name: "Sheet1", hidden: false, rows: [[{ v: "党支部名称" }]] }] },
      RUBRIC,
      TODAY
    );
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("找不到“打分表”工作表") });
  });
});

describe("V3 formulas", () => {
  it("an overwritten 自评得分 formula is an error at that cell", () => {
    const r = check(
      edit(book({ entries: { B2: 1 }, notes: { B2: "无书面分工" } }), selfCell("B2"), { v: 3 })
    );
    expect(r.issues).toContainEqual(
      issue(
        "错误",
        "V3",
        selfCell("B2"),
        "B2 的自评得分公式被改动或删除；得分已按填报内容重新计算，请勿修改公式。"
      )
    );
    expect(r.assessment.items.find((i) => i.code === "B2")?.self).toBe(1);
  });

  it("an edited 最终得分 formula is an error at the item's 自评得分", () => {
    const b = book();
    const edited = edit(b, finalCell("D5"), { v: null, f: `${selfCell("D5")}+1` });
    expect(check(edited).issues).toContainEqual(
      issue("错误", "V3", selfCell("D5"), "D5 的自评得分公式被改动或删除")
    );
  });

  it("a formula with $ signs, spaces, lower case or a leading = is the same formula", () => {
    const b = book();
    const f = cellOf(b, selfCell("D2")).f ?? fail("formula");
    const restyled = `= ${f
      .replace(/E(\d+)/g, "$$E$$$1")
      .toLowerCase()
      .replace(/,/g, ", ")}`;
    expect(check(edit(b, selfCell("D2"), { v: null, f: restyled })).issues).toEqual([]);
  });

  it("a cached item score that differs from the recomputed one is a warning", () => {
    expect(check(cached(book(), selfCell("D2"), 3.5)).issues).toContainEqual(
      issue("警告", "V3", selfCell("D2"), "D2 自评得分表内显示为 3.5，按填报内容计算应为 4")
    );
  });
});

describe("V4 deductions need an explanation", () => {
  it("a score below max without 扣分说明 is a warning at the 扣分说明 cell", () => {
    expect(issuesOf({ entries: { B2: 2 } })).toContainEqual(
      issue(
        "警告",
        "V4",
        noteCell("B2"),
        "B2 支委分工明确 扣了 1 分，但“扣分说明及佐证材料”未填写，请写明扣分原因和佐证材料。"
      )
    );
    expect(issuesOf({ entries: { "F3.1": 1 } })).toContainEqual(
      issue("警告", "V4", noteCell("F3"), "F3 年度工作计划与总结 扣了 2 分")
    );
  });

  it("is satisfied by an explanation", () => {
    expect(ofRule(issuesOf({ entries: { B2: 2 }, notes: { B2: "分工文件未上墙" } }), "V4")).toEqual(
      []
    );
  });

  it("does not ask about 不适用 (full marks)", () => {
    const issues = issuesOf({
      header: { groups: 0 },
      entries: { ...fullMarksEntries(RUBRIC, 0), D3: "不适用" },
    });
    expect(ofRule(issues, "V4")).toEqual([]);
    expect(issues).toEqual([]);
  });
});

describe("V5–V9 members and committee", () => {
  const small = { hasCommittee: "否", committeeSize: 0 } as const;

  it("V5: fewer than 3 正式党员 is a warning at 正式党员人数", () => {
    expect(
      issuesOf({ header: { ...small, members: 2 }, entries: { D2: "不适用" } })
    ).toContainEqual(
      issue(
        "警告",
        "V5",
        headerCell("members"),
        "正式党员 2 人，不足3人的一般应与邻近单位成立联合党支部"
      )
    );
    expect(
      ofRule(issuesOf({ header: { ...small, members: 3 }, entries: { D2: "不适用" } }), "V5")
    ).toEqual([]);
  });

  it("V6: more than 50 党员 including 预备党员 is a warning", () => {
    expect(issuesOf({ header: { members: 50, probationary: 1 } })).toContainEqual(
      issue("警告", "V6", headerCell("members"), "党员总数 51 人，超过50人")
    );
    expect(ofRule(issuesOf({ header: { members: 49, probationary: 1 } }), "V6")).toEqual([]);
  });

  it("V7: 7 or more 正式党员 without a 支委会 is an error, and A2.1 must carry it", () => {
    const issues = issuesOf({
      header: { members: 7, hasCommittee: "否", committeeSize: 0 },
      entries: { D2: "不适用" },
    });
    expect(issues).toContainEqual(
      issue(
        "错误",
        "V7",
        headerCell("hasCommittee"),
        "正式党员 7 人（7人以上）应设支委会，现填“否”。"
      )
    );
    expect(issues).toContainEqual(
      issue("错误", "V7", entryCell("A2.1"), "A2.1“应设未设支委会”应填1")
    );
    const carried = issuesOf({
      header: { members: 7, hasCommittee: "否", committeeSize: 0 },
      entries: { D2: "不适用", "A2.1": 1 },
      notes: { A2: "未设支委会" },
    });
    expect(ofRule(carried, "V7").map((i) => i.cell)).toEqual([headerCell("hasCommittee")]);
  });

  it("V8: a 支委会 of fewer than 3 or more than 7 is an error, 6–7 a warning, none given an error", () => {
    expect(issuesOf({ header: { committeeSize: 2 } })).toContainEqual(
      issue(
        "错误",
        "V8",
        headerCell("committeeSize"),
        "支委人数 2 人，支委会应由3至5人组成、一般不超过7人。"
      )
    );
    expect(issuesOf({ header: { committeeSize: 8 } })).toContainEqual(
      issue("错误", "V8", headerCell("committeeSize"), "支委人数 8 人")
    );
    expect(issuesOf({ header: { committeeSize: 6 } })).toContainEqual(
      issue(
        "警告",
        "V8",
        headerCell("committeeSize"),
        "支委人数 6 人，支委会一般由3至5人组成，请确认。"
      )
    );
    expect(issuesOf({ header: { committeeSize: null } })).toContainEqual(
      issue("错误", "V8", headerCell("committeeSize"), "设了支委会，请填写支委人数（3～7人）。")
    );
    expect(ofRule(issuesOf({ header: { committeeSize: 5 } }), "V8")).toEqual([]);
  });

  it("V9: a 支委会 with fewer than 7 正式党员 is a warning", () => {
    expect(issuesOf({ header: { members: 6 } })).toContainEqual(
      issue("警告", "V9", headerCell("hasCommittee"), "正式党员 6 人（不足7人）")
    );
  });
});

describe("V10 换届 by branch type", () => {
  const electedOn = (year: number, month: number, day: number) =>
    dateToSerial({ year, month, day });

  it("机关 (3 years): elected 2016-03-01, due 2019-03, A3.1 still 0: a warning at A3.1", () => {
    const issues = issuesOf({ header: { type: "机关", lastElection: electedOn(2016, 3, 1) } });
    expect(ofRule(issues, "V10")).toEqual([
      issue(
        "警告",
        "V10",
        entryCell("A3.1"),
        "机关党支部任期3年，应于2019年3月换届，现已届满；如无上级延期批复，A3.1 应填1。"
      ),
    ]);
  });

  it("机关: overdue by more than a year and A3.1 still 0 is an error at 上次换届时间", () => {
    const issues = issuesOf({ header: { type: "机关", lastElection: electedOn(2015, 6, 15) } });
    expect(ofRule(issues, "V10")).toEqual([
      issue(
        "错误",
        "V10",
        headerCell("lastElection"),
        "机关党支部任期3年，应于2018年6月换届，已逾期超过1年（延期一般不超过1年）；A3.1 应填1并尽快换届。"
      ),
    ]);
  });

  it("机关: overdue by more than a year with the A3.1 deduction taken is a warning to hold the election", () => {
    const issues = issuesOf({
      header: { type: "机关", lastElection: electedOn(2015, 6, 15) },
      entries: { "A3.1": 1 },
      notes: { A3: "任期届满未换届" },
    });
    expect(ofRule(issues, "V10")).toEqual([
      issue("警告", "V10", headerCell("lastElection"), "已逾期超过1年"),
    ]);
    expect(issues.filter((i) => i.severity === "错误")).toEqual([]);
  });

  it("农村 and 社区 (5 years): elected 2015-06-15 is not due until 2020", () => {
    expect(
      ofRule(issuesOf({ header: { type: "农村", lastElection: electedOn(2015, 6, 15) } }), "V10")
    ).toEqual([]);
    expect(
      ofRule(issuesOf({ header: { type: "社区", lastElection: electedOn(2015, 6, 15) } }), "V10")
    ).toEqual([]);
  });

  it("农村: elected 2014-06-15 is due 2019-06", () => {
    expect(
      ofRule(issuesOf({ header: { type: "农村", lastElection: electedOn(2014, 6, 15) } }), "V10")
    ).toEqual([issue("警告", "V10", entryCell("A3.1"), "农村党支部任期5年，应于2019年6月换届")]);
  });

  it("a term ending on the last day of the assessment year is not overdue", () => {
    expect(
      ofRule(issuesOf({ header: { type: "机关", lastElection: electedOn(2016, 12, 31) } }), "V10")
    ).toEqual([]);
  });
});

describe("V12–V15 organisational life", () => {
  it("V12: a quarter without 党员大会 is a warning at D1", () => {
    expect(issuesOf({ entries: { D1: 3 } })).toContainEqual(
      issue("警告", "V12", entryCell("D1"), "有 1 个季度未召开党员大会，条例要求每季度召开1次。")
    );
  });

  it("V13: months without 支委会 are a warning; 不适用 with a 支委会 is an error; a number without one a warning", () => {
    expect(issuesOf({ entries: { D2: 10 } })).toContainEqual(
      issue("警告", "V13", entryCell("D2"), "支委会只有 10 个月召开，条例要求每月召开1次。")
    );
    expect(issuesOf({ entries: { D2: "不适用" } })).toContainEqual(
      issue("错误", "V13", entryCell("D2"), "设了支委会，D2 支委会不能填“不适用”")
    );
    expect(
      issuesOf({
        header: { members: 6, hasCommittee: "否", committeeSize: 0 },
        entries: { D2: 12 },
      })
    ).toContainEqual(
      issue("警告", "V13", entryCell("D2"), "未设支委会的，D2 支委会应填“不适用”（按满分计）。")
    );
  });

  it("V14: 党小组会 不适用 with 党小组 is an error; more group-months than possible an error; a number without 党小组 a warning", () => {
    expect(issuesOf({ entries: { D3: "不适用" } })).toContainEqual(
      issue("错误", "V14", entryCell("D3"), "设有 2 个党小组，D3 党小组会不能填“不适用”")
    );
    expect(issuesOf({ entries: { D3: 30 } })).toContainEqual(
      issue(
        "错误",
        "V14",
        entryCell("D3"),
        "D3 填了 30 个组月，超过 2 个党小组全年最多的 24 个组月。"
      )
    );
    expect(issuesOf({ header: { groups: 0 }, entries: { D3: 0 } })).toContainEqual(
      issue("警告", "V14", entryCell("D3"), "未设党小组的，D3 党小组会应填“不适用”")
    );
  });

  it("V15: 主题党日, 党课, 组织生活会, 民主评议 and 书记讲党课 each warn at their own cell", () => {
    const issues = issuesOf({ entries: { D5: 10, D4: 3, "D6.1": 1, "D7.1": 1, B3: "否" } });
    expect(ofRule(issues, "V15")).toEqual(
      expect.arrayContaining([
        issue("警告", "V15", entryCell("D5"), "有 2 个月未开展主题党日"),
        issue("警告", "V15", entryCell("D4"), "全年党课 3 次，少于要求的4次。"),
        issue(
          "警告",
          "V15",
          entryCell("D6.1"),
          "全年未召开组织生活会：D6 不得分，等次最高为达标。"
        ),
        issue(
          "警告",
          "V15",
          entryCell("D7.1"),
          "全年未开展民主评议党员：D7 不得分，等次最高为达标。"
        ),
        issue("警告", "V15", entryCell("B3"), "支部书记全年未讲党课"),
      ])
    );
    expect(ofRule(issues, "V15")).toHaveLength(5);
  });
});

describe("V18 dates", () => {
  it("a 换届 date after today is an error", () => {
    const issues = issuesOf({
      header: { lastElection: dateToSerial({ year: 2020, month: 1, day: 5 }) },
    });
    expect(issues).toContainEqual(
      issue(
        "错误",
        "V18",
        headerCell("lastElection"),
        "上次换届时间 2020-1-5 晚于今天，请检查日期。"
      )
    );
    expect(
      ofRule(
        issuesOf(
          { header: { lastElection: dateToSerial({ year: 2020, month: 1, day: 5 }) } },
          new Date(Date.UTC(2020, 0, 5))
        ),
        "V18"
      )
    ).toEqual([]);
  });
});

describe("V22 tier and vetoes", () => {
  it("a cached 最终等次 that differs from the computed tier is an error", () => {
    const b = cached(book({ entries: { "D6.1": 1 }, notes: { D6: "未召开" } }), FINAL_TIER, "示范");
    const r = check(b);
    expect(r.assessment.tier.tier).toBe("达标");
    expect(r.issues).toContainEqual(
      issue("错误", "V22", FINAL_TIER, "最终等次表内显示为 示范，按填报内容计算应为 达标")
    );
    expect(ofRule(check(cached(book(), FINAL_TIER, "示范")).issues, "V22")).toEqual([]);
  });

  it("an unreadable or empty veto answer is an error at the veto cell", () => {
    expect(issuesOf({ vetoes: { X2: "可能" } })).toContainEqual(
      issue("错误", "V22", vetoCell("X2"), "否决项 X2填的“可能”无法识别，请填“是”或“否”。")
    );
    expect(issuesOf({ vetoes: { X5: null } })).toContainEqual(
      issue("错误", "V22", vetoCell("X5"), "否决项 X5未填写")
    );
  });

  it("a veto answered 是 makes the tier 未达标", () => {
    const r = check(book({ vetoes: { X4: "是" } }));
    expect(r.assessment.vetoes).toEqual(["X4"]);
    expect(r.assessment.tier.tier).toBe("未达标");
  });

  it("a satisfaction typed as a fraction (0.85) is a warning", () => {
    expect(issuesOf({ header: { satisfaction: 0.85 } })).toContainEqual(
      issue("警告", "V22", headerCell("satisfaction"), "群众满意度填的是 0.85，按 0.85% 计算")
    );
  });
});

describe("V23 stars against the tier", () => {
  it("三星 or more but 未达标 is a warning", () => {
    expect(issuesOf({ header: { stars: "三星" }, vetoes: { X1: "是" } })).toContainEqual(
      issue("警告", "V23", headerCell("stars"), "现为三星级党支部，本次等次为未达标")
    );
  });

  it("五星 but not 示范 is a note", () => {
    const issues = issuesOf({
      header: { stars: "五星" },
      entries: { "D6.1": 1 },
      notes: { D6: "未召开" },
    });
    expect(issues).toContainEqual(
      issue("提示", "V23", headerCell("stars"), "五星级党支部本次等次为达标")
    );
  });

  it("示范 with 三星 or fewer is a note; 四星 示范 and 未评 say nothing", () => {
    expect(issuesOf({ header: { stars: "三星" } })).toContainEqual(
      issue(
        "提示",
        "V23",
        headerCell("stars"),
        "本次等次为示范，现为三星级党支部；示范党支部一般在五星级基层党组织中产生"
      )
    );
    expect(ofRule(issuesOf({ header: { stars: "四星" } }), "V23")).toEqual([]);
    expect(ofRule(issuesOf({ header: { stars: "未评" }, vetoes: { X1: "是" } }), "V23")).toEqual(
      []
    );
  });
});

describe("V25 review stages", () => {
  const allReviewed = (over: Record<string, number>): Record<string, number> =>
    Object.fromEntries(
      RUBRIC.sections.flatMap((s) => s.items).map((i) => [i.code, over[i.code] ?? i.max])
    );

  it("a 审核得分 more than 5 from the 自评得分 without an explanation is a warning at 扣分说明", () => {
    const issues = issuesOf({ reviews: allReviewed({ D5: 0.5 }) });
    expect(ofRule(issues, "V25")).toEqual([
      issue(
        "警告",
        "V25",
        noteCell("D5"),
        "D5 审核得分 0.5 与自评得分 6 相差超过 5 分，请在“扣分说明及佐证材料”中说明原因。"
      ),
    ]);
  });

  it("a difference of exactly 5, or an explained one, is fine", () => {
    expect(ofRule(issuesOf({ reviews: allReviewed({ D5: 1 }) }), "V25")).toEqual([]);
    expect(
      ofRule(issuesOf({ reviews: allReviewed({ D5: 0 }), notes: { D5: "抽查记录不全" } }), "V25")
    ).toEqual([]);
  });

  it("a review of only some items is a warning at the first item left out, naming them all", () => {
    const reviewed = allReviewed({});
    const partial = Object.fromEntries(
      Object.entries(reviewed).filter(([code]) => code !== "B2" && code !== "F3")
    );
    expect(ofRule(issuesOf({ reviews: partial }), "V25")).toEqual([
      issue(
        "警告",
        "V25",
        reviewCell("B2"),
        "审核得分只填了部分项目，B2、F3 未填；未填的项目按上一阶段得分计。"
      ),
    ]);
  });

  it("a partial 抽验 is a warning at the first 抽验 cell left out", () => {
    const issues = issuesOf({ samples: { A1: 3 } });
    expect(ofRule(issues, "V25")).toEqual([
      issue("警告", "V25", cellRef(itemRow("A2"), COL.sample), "抽验得分只填了部分项目，A2、A3"),
    ]);
  });
});

describe("V21/V26 counts the sheet itself determines", () => {
  it("C2's 党员总数 against the header's 正式 + 预备党员: 30 against 12 + 1 is a warning at C2.4 naming 13", () => {
    const issues = issuesOf({ entries: { "C2.3": 13, "C2.4": 30 } });
    expect(ofRule(issues, "V21")).toEqual([
      issue("警告", "V21", entryCell("C2.4"), "C2.4 党员总数填了 30，按本表应为 13"),
    ]);
    expect(ofRule(issues, "V21")[0]?.message).toContain("表头正式党员 12 人＋预备党员 1 人＝13");
  });

  it("F1's 应开展次数 against D1–D5 and 党小组数: 30 against the sheet's 56 is a warning at F1.4 that says how", () => {
    const issues = issuesOf({ entries: { "F1.3": 30, "F1.4": 30 } });
    const [v26] = ofRule(issues, "V26");
    expect(v26).toEqual(issue("警告", "V26", entryCell("F1.4"), "F1.4"));
    expect(v26?.message).toContain("填了 30，按本表应为 56");
    expect(v26?.message).toContain("D3 党小组会 24 次（2 个党小组×12）");
    expect(ofRule(issues, "V26")).toHaveLength(1);
  });

  it("counts no 支委会 and no 党小组 as requiring none, and a matching figure raises nothing", () => {
    const header = { hasCommittee: "否", committeeSize: 0, groups: 0, members: 6 } as const;
    const entries = { D2: "不适用", D3: "不适用", "C2.3": 7, "C2.4": 7 };
    expect(
      ofRule(issuesOf({ header, entries: { ...entries, "F1.3": 20, "F1.4": 20 } }), "V26")
    ).toEqual([]);
    const [v26] = ofRule(
      issuesOf({ header, entries: { ...entries, "F1.3": 56, "F1.4": 56 } }),
      "V26"
    );
    expect(v26?.message).toContain("按本表应为 20");
    expect(v26?.message).toContain("D2 支委会 0 次（不适用）");
    expect(ofRule(issuesOf({ header, entries }), "V21")).toEqual([]);
  });

  it("says nothing when the header does not give the members yet (the header's own check asks for them)", () => {
    expect(ofRule(issuesOf({ header: { members: null }, entries: { "C2.4": 30 } }), "V21")).toEqual(
      []
    );
  });

  it("full-marks fillings of the test support type the sheet's own figures: no V21/V26", () => {
    expect([...ofRule(issuesOf(), "V21"), ...ofRule(issuesOf(), "V26")]).toEqual([]);
  });
});
