import ExcelJS from "exceljs";
import { readXlsx } from "../../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import {
  cellRef,
  DEFAULT_RUBRIC,
  parseRef,
  readRubricSheet,
  RUBRIC_SHEET,
  rubricFingerprint,
  rubricSheet,
  type CellValue,
  type Issue,
  type Item,
  type Rubric,
  type SheetSnapshot,
  type SnapshotCell,
} from "../../../src/core";
import { STYLES } from "../../../src/core/styles";
import { snapshotOf } from "../../support/spec-to-snapshot";

// ---------------------------------------------------------------------------------------------
// A 评分标准 sheet edited the way a clerk edits it: cells found by 编号 and column header, rows inserted.

class Table {
  private readonly rows: (SnapshotCell | undefined)[][];

  constructor(snapshot: SheetSnapshot) {
    this.rows = snapshot.rows.map((r) => [...(r ?? [])]);
  }

  static of(rubric: Rubric = DEFAULT_RUBRIC): Table {
    return new Table(snapshotOf(rubricSheet(rubric)));
  }

  /** The address of a row's cell, the row found by its 编号 and the column by its header text. */
  ref(code: string, column: string): string {
    return cellRef(this.rowOf(code), this.columnOf(column));
  }

  /** The address of a setting's value: the first filled cell right of its label. */
  settingRef(label: string): string {
    const { row, col } = this.find(label);
    const value = (this.rows[row] ?? []).findIndex(
      (c, i) => i > col && c?.v !== null && c?.v !== undefined
    );
    return cellRef(row, value);
  }

  set(code: string, column: string, v: CellValue): this {
    return this.put(this.rowOf(code), this.columnOf(column), v);
  }

  setting(label: string, v: CellValue): this {
    const at = parseRef(this.settingRef(label));
    if (!at) throw new Error(`no value cell for ${label}`);
    return this.put(at.row, at.col, v);
  }

  /** Inserts a row below the row with this 编号, its cells given by column header. */
  insertAfter(code: string, cells: Record<string, CellValue>): this {
    const row: (SnapshotCell | undefined)[] = [];
    for (const [column, v] of Object.entries(cells)) row[this.columnOf(column)] = { v };
    this.rows.splice(this.rowOf(code) + 1, 0, row);
    return this;
  }

  /** Inserts an empty row above the given 0-based row, as Excel's 插入行 does. */
  insertBlankAt(row: number): this {
    this.rows.splice(row, 0, []);
    return this;
  }

  /** Overwrites a header cell of the table, as a clerk renaming a column would. */
  relabel(header: string, text: string): this {
    const { row, col } = this.find(header);
    return this.put(row, col, text);
  }

  remove(code: string): this {
    this.rows.splice(this.rowOf(code), 1);
    return this;
  }

  snapshot(): SheetSnapshot {
    return { name: RUBRIC_SHEET, hidden: false, rows: this.rows };
  }

  read(): ReturnType<typeof readRubricSheet> {
    return readRubricSheet(this.snapshot());
  }

  rubric(): Rubric {
    const r = this.read();
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.cell}: ${i.message}`).join("\n"));
    return r.rubric;
  }

  issues(): Issue[] {
    const r = this.read();
    if (r.ok) throw new Error("the sheet was read without problems");
    return r.issues;
  }

  private put(row: number, col: number, v: CellValue): this {
    const cells = (this.rows[row] ??= []);
    cells[col] = { v };
    return this;
  }

  private find(text: string): { row: number; col: number } {
    for (const [row, cells] of this.rows.entries()) {
      // A header may carry an explanation in brackets: “一票否决情形（有其中一种情形的……）”.
      const col = (cells ?? []).findIndex(
        (c) => typeof c?.v === "string" && (c.v === text || c.v.startsWith(`${text}（`))
      );
      if (col >= 0) return { row, col };
    }
    throw new Error(`no cell reads ${text}`);
  }

  private rowOf(code: string): number {
    const row = this.rows.findIndex((cells) => cells?.[0]?.v === code);
    if (row < 0) throw new Error(`no row ${code}`);
    return row;
  }

  private columnOf(header: string): number {
    return this.find(header).col;
  }
}

const issue = (rule: string, cell: string): Partial<Issue> =>
  expect.objectContaining({ severity: "错误", rule, cell, sheet: RUBRIC_SHEET });

const book = (rubric: Rubric) => ({
  sheets: [rubricSheet(rubric)],
  styles: STYLES,
  properties: { title: "评分标准", creator: "支部达标创建助手" },
});

function sheetOf(bytes: Uint8Array): SheetSnapshot {
  const sheet = readXlsx(bytes).sheets.find((s) => s.name === RUBRIC_SHEET);
  if (!sheet) throw new Error("no 评分标准 sheet");
  return sheet;
}

/** A rubric unlike the default in every editable way: other thresholds and caps, a disabled veto, an entered coverage base. */
function variant(): Rubric {
  const [a, ...rest] = DEFAULT_RUBRIC.sections;
  const [a1, ...others] = a?.items ?? [];
  if (!a || !a1) throw new Error("the default rubric has no A1");
  const checkWithCap: Item = {
    ...a1,
    rule: {
      type: "CHECK",
      clauses: [{ label: "缺少的要素", deduct: 1, maxCount: 3, capsTier: "先进" }],
    },
  };
  const enteredCover: Item = {
    ...a1,
    code: "A4",
    title: "按要求覆盖",
    max: 2,
    naAllowed: true,
    rule: { type: "COVER", cover: { points: 2, label: "已覆盖数 / 应覆盖数" } },
  };
  return {
    ...DEFAULT_RUBRIC,
    name: "某县评分标准",
    version: "2020.10",
    total: 102,
    sections: [{ ...a, items: [checkWithCap, ...others, enteredCover] }, ...rest],
    vetoes: DEFAULT_RUBRIC.vetoes.map((v) => (v.code === "X4" ? { ...v, enabled: false } : v)),
    thresholds: { 示范: 95, 先进: 85, 达标: 75 },
    caps: { sectionShareFor示范: 0.75, satisfactionFor示范: 85, satisfactionCap: 55 },
    termYears: { ...DEFAULT_RUBRIC.termYears, 机关: 4 },
    reviewDeltaLimit: 3,
  };
}

// ---------------------------------------------------------------------------------------------

describe("the 评分标准 sheet round trip", () => {
  it("reads the default rubric back exactly, with the same fingerprint", () => {
    const read = Table.of().rubric();
    expect(read).toStrictEqual(DEFAULT_RUBRIC);
    expect(rubricFingerprint(read)).toBe(rubricFingerprint(DEFAULT_RUBRIC));
  });

  it("reads back a rubric that differs from the default in every setting and rule shape", () => {
    const rubric = variant();
    expect(Table.of(rubric).rubric()).toStrictEqual(rubric);
  });

  it("survives a real .xlsx file: written with the xlsx writer, read with the xlsx reader", async () => {
    const read = readRubricSheet(sheetOf(await writeXlsx(book(DEFAULT_RUBRIC))));
    expect(read.ok && read.rubric).toStrictEqual(DEFAULT_RUBRIC);
    expect(read.ok && rubricFingerprint(read.rubric)).toBe(rubricFingerprint(DEFAULT_RUBRIC));
  });

  it("picks up a clerk's edits made in a spreadsheet program: a changed deduction and an inserted clause row", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(book(DEFAULT_RUBRIC))).slice().buffer);
    const ws = wb.getWorksheet(RUBRIC_SHEET);
    if (!ws) throw new Error("no sheet");
    const rowOf = (code: string): number => {
      let found = -1;
      ws.getColumn(1).eachCell((cell, row) => {
        if (cell.value === code) found = row;
      });
      return found;
    };
    ws.getCell(`G${rowOf("A3.1")}`).value = 3.5;
    ws.insertRow(rowOf("B5.2") + 1, [
      "B5.3",
      "培训学时台账不全",
      null,
      null,
      "扣分项",
      null,
      0.5,
      2,
    ]);
    const edited = readRubricSheet(sheetOf(new Uint8Array(await wb.xlsx.writeBuffer())));

    if (!edited.ok) throw new Error(JSON.stringify(edited.issues));
    const item = (code: string) =>
      edited.rubric.sections.flatMap((s) => s.items).find((i) => i.code === code);
    expect(item("A3")?.rule).toMatchObject({
      type: "CHECK",
      clauses: [{ label: "任期届满未换届且无延期批复", deduct: 3.5 }, {}],
    });
    expect(item("B5")?.rule).toMatchObject({
      type: "CHECK",
      clauses: [{}, {}, { label: "培训学时台账不全", deduct: 0.5, maxCount: 2 }],
    });
    expect(edited.rubric.vetoes).toStrictEqual(DEFAULT_RUBRIC.vetoes);
  });
});

describe("the 评分标准 sheet as a clerk sees it", () => {
  const sheet = rubricSheet(DEFAULT_RUBRIC);
  const t = Table.of();

  it("is left unprotected, freezes the table header and prints on A4 landscape, one page wide", () => {
    expect(sheet.protect).toBeFalsy();
    expect(t.ref("编号", "编号")).toBe("A9");
    expect(sheet.freeze).toEqual({ rows: 9, columns: 0 });
    expect(sheet.print).toMatchObject({ paper: "A4", orientation: "landscape", fitToWidth: true });
    expect(sheet.cells.find((c) => c.ref === "A2" && "value" in c)).toMatchObject({
      value: expect.stringContaining("怎么改"),
    });
  });

  it("gives every table column, every setting and every veto a data validation with a Chinese prompt", () => {
    const covered = (ref: string) =>
      sheet.validations.some(
        (v) => v.ranges.some((r) => rangeHas(r, ref)) && /[\u4e00-\u9fa5]/.test(v.prompt.text)
      );
    for (const column of [
      "编号",
      "考核项目",
      "评分标准",
      "分值",
      "计分方式",
      "要求次数",
      "每次扣分",
      "最多次数",
      "计次单位",
      "按党小组数计",
      "可填不适用",
      "等次封顶",
      "佐证材料",
    ])
      for (const code of ["A", "A1", "A1.1", "F3.2"])
        expect([column, code, covered(t.ref(code, column))]).toEqual([column, code, true]);
    for (const label of [
      "评分标准名称",
      "版本",
      "满分",
      "示范分数线",
      "示范须各部分得分率（%）",
      "机关支部任期（年）",
      "其他支部任期（年）",
      "审核与自评相差超过此值须说明（分）",
    ])
      expect([label, covered(t.settingRef(label))]).toEqual([label, true]);
    expect(covered(t.ref("X5", "启用"))).toBe(true);
  });

  it("offers the 计分方式 words and the tiers as dropdowns", () => {
    const listAt = (ref: string) =>
      sheet.validations.find((v) => v.type === "list" && v.ranges.some((r) => rangeHas(r, ref)))
        ?.list;
    expect(listAt(t.ref("A1", "计分方式"))).toEqual([
      "评判",
      "评判-四档",
      "是否",
      "计次",
      "扣分",
      "覆盖率",
      "扣分项",
    ]);
    expect(listAt(t.ref("D6.1", "等次封顶"))).toEqual(["示范", "先进", "达标", "未达标"]);
    expect(listAt(t.ref("D2", "可填不适用"))).toEqual(["是", "否"]);
  });
});

function rangeHas(range: string, ref: string): boolean {
  const [a = "", b = a] = range.split(":");
  const [p, q, x] = [parseRef(a), parseRef(b), parseRef(ref)];
  return !!(p && q && x) && x.col >= p.col && x.col <= q.col && x.row >= p.row && x.row <= q.row;
}

describe("reading what a clerk typed", () => {
  it("reads numbers typed as text, with units or in full-width digits, and 计分方式 given as codes", () => {
    const t = Table.of()
      .set("A1", "分值", "3分")
      .set("A2.3", "每次扣分", "０.５")
      .set("D1", "要求次数", "4次")
      .set("B2", "计分方式", "judge")
      .set("D4", "计分方式", "COUNT")
      .setting("满分", "100分");
    expect(t.rubric()).toStrictEqual(DEFAULT_RUBRIC);
  });

  it("reads a percentage entered as Excel stores “80%” (0.8) as 80%", () => {
    const t = Table.of().setting("示范须各部分得分率（%）", 0.8).setting("示范须满意度（%）", 0.8);
    expect(t.rubric().caps).toStrictEqual(DEFAULT_RUBRIC.caps);
  });

  it("finds the settings by label and the table by its header after rows are inserted anywhere", () => {
    const t = Table.of()
      .insertBlankAt(0)
      .insertBlankAt(5)
      .insertAfter("C2.3", {})
      .insertAfter("X2", {});
    expect(t.rubric()).toStrictEqual(DEFAULT_RUBRIC);
  });

  it("takes a new item, a new clause and a new veto from inserted rows", () => {
    const t = Table.of()
      .set("E", "分值", 11)
      .insertAfter("E4.1", {
        编号: "E5",
        考核项目: "阵地标识",
        评分标准: "有标识牌。",
        分值: 1,
        计分方式: "是否",
        佐证材料: "照片",
      })
      .insertAfter("D6.2", {
        编号: "D6.3",
        考核项目: "整改未落实",
        计分方式: "扣分项",
        每次扣分: 1,
        等次封顶: "先进",
      })
      .insertAfter("X5", { 编号: "X6", 一票否决情形: "发生重大安全责任事故", 启用: "否" })
      .setting("满分", 101);
    const rubric = t.rubric();
    const e = rubric.sections.find((s) => s.code === "E");
    expect(e?.items.at(-1)).toStrictEqual({
      code: "E5",
      title: "阵地标识",
      standard: "有标识牌。",
      max: 1,
      rule: { type: "BOOL" },
      naAllowed: false,
      evidence: "照片",
    });
    const d6 = rubric.sections.flatMap((s) => s.items).find((i) => i.code === "D6");
    expect(d6?.rule.type === "CHECK" && d6.rule.clauses.at(-1)).toStrictEqual({
      label: "整改未落实",
      deduct: 1,
      maxCount: 1,
      capsTier: "先进",
    });
    expect(rubric.vetoes.at(-1)).toStrictEqual({
      code: "X6",
      title: "发生重大安全责任事故",
      enabled: false,
    });
  });
});

describe("problems in the table, each reported at its cell", () => {
  const t = Table.of();
  const cases: [string, () => Table, string, string][] = [
    [
      "a duplicate code, at its second occurrence",
      () => Table.of().set("A3", "编号", "A2"),
      "R1",
      t.ref("A3", "编号"),
    ],
    ["a duplicate veto code", () => Table.of().set("X2", "编号", "X1"), "R1", t.ref("X2", "编号")],
    [
      "an item code that does not belong to its section",
      () => Table.of().set("A3", "编号", "B9"),
      "R2",
      t.ref("A3", "编号"),
    ],
    [
      "a clause code that does not belong to its item",
      () => Table.of().set("A2.3", "编号", "A1.4"),
      "R2",
      t.ref("A2.3", "编号"),
    ],
    ["an item without a code", () => Table.of().set("B3", "编号", null), "R2", t.ref("B3", "编号")],
    [
      "item points not summing to the section's declared total",
      () => Table.of().set("C1", "分值", 6),
      "R3",
      t.ref("C", "分值"),
    ],
    [
      "sections not summing to 满分",
      () => Table.of().setting("满分", 99).setting("示范分数线", 89),
      "R4",
      t.settingRef("满分"),
    ],
    [
      "an unknown 计分方式",
      () => Table.of().set("B2", "计分方式", "打分"),
      "R5",
      t.ref("B2", "计分方式"),
    ],
    [
      "an item without 计分方式",
      () => Table.of().set("B3", "计分方式", null),
      "R5",
      t.ref("B3", "计分方式"),
    ],
    [
      "a clause deduction larger than the item's max",
      () => Table.of().set("A3.1", "每次扣分", 5),
      "R6",
      t.ref("A3.1", "每次扣分"),
    ],
    [
      "a 计次 deduction larger than the item's max",
      () => Table.of().set("D1", "每次扣分", 5),
      "R6",
      t.ref("D1", "每次扣分"),
    ],
    [
      "a 最多次数 that is not a whole number",
      () => Table.of().set("A2.3", "最多次数", 2.5),
      "R7",
      t.ref("A2.3", "最多次数"),
    ],
    [
      "a 最多次数 of zero",
      () => Table.of().set("E2.1", "最多次数", 0),
      "R7",
      t.ref("E2.1", "最多次数"),
    ],
    [
      "a 计次 item without 要求次数",
      () => Table.of().set("D4", "要求次数", null),
      "R8",
      t.ref("D4", "要求次数"),
    ],
    [
      "a 计次 item without 每次扣分",
      () => Table.of().set("D5", "每次扣分", null),
      "R8",
      t.ref("D5", "每次扣分"),
    ],
    ["a 扣分 item with no clauses", () => Table.of().remove("E3.1"), "R9", t.ref("E3", "计分方式")],
    [
      "a 覆盖率 item with no coverage row",
      () => Table.of().remove("D8.1"),
      "R9",
      t.ref("D8", "计分方式"),
    ],
    [
      "a clause under an item that is not 扣分",
      () =>
        Table.of().insertAfter("B3", {
          编号: "B3.1",
          考核项目: "未讲",
          计分方式: "扣分项",
          每次扣分: 2,
        }),
      "R9",
      "E27",
    ],
    [
      "a coverage part worth more than its item",
      () => Table.of().set("C2.3", "分值", 6),
      "R10",
      t.ref("C2.3", "分值"),
    ],
    [
      "thresholds out of order",
      () => Table.of().setting("先进分数线", 92),
      "R11",
      t.settingRef("先进分数线"),
    ],
    [
      "a threshold above 满分",
      () => Table.of().setting("示范分数线", 120),
      "R11",
      t.settingRef("示范分数线"),
    ],
    [
      "a share above 100%",
      () => Table.of().setting("示范须各部分得分率（%）", 150),
      "R12",
      t.settingRef("示范须各部分得分率（%）"),
    ],
    [
      "a satisfaction below 0%",
      () => Table.of().setting("满意度低于此值最高为达标（%）", -5),
      "R12",
      t.settingRef("满意度低于此值最高为达标（%）"),
    ],
    [
      "a missing term of office, at its label",
      () => Table.of().setting("机关支部任期（年）", null),
      "R13",
      "A7",
    ],
    [
      "a term of office that is not whole",
      () => Table.of().setting("农村支部任期（年）", 4.5),
      "R13",
      t.settingRef("农村支部任期（年）"),
    ],
    [
      "an empty item title",
      () => Table.of().set("B3", "考核项目", null),
      "R14",
      t.ref("B3", "考核项目"),
    ],
    [
      "an empty clause label",
      () => Table.of().set("F3.1", "考核项目", ""),
      "R14",
      t.ref("F3.1", "考核项目"),
    ],
    [
      "an empty rubric name, at its label",
      () => Table.of().setting("评分标准名称", " "),
      "R14",
      "A3",
    ],
    ["a veto without a code", () => Table.of().set("X3", "编号", null), "R15", t.ref("X3", "编号")],
    [
      "a clause 等次封顶 that is not a tier",
      () => Table.of().set("D6.1", "等次封顶", "最高达标"),
      "R16",
      t.ref("D6.1", "等次封顶"),
    ],
    [
      "a deduction that is not a multiple of 0.5",
      () => Table.of().set("A2.3", "每次扣分", 0.3),
      "R17",
      t.ref("A2.3", "每次扣分"),
    ],
    [
      "an unreadable number",
      () => Table.of().set("D1", "要求次数", "约4次"),
      "R18",
      t.ref("D1", "要求次数"),
    ],
    [
      "a veto neither enabled nor disabled",
      () => Table.of().set("X4", "启用", "可能"),
      "R18",
      t.ref("X4", "启用"),
    ],
  ];

  it.each(cases)("reports %s", (_name, edit, rule, cell) => {
    expect(edit().issues()).toContainEqual(issue(rule, cell));
  });

  it("says in Chinese which section is off, by how much, and what to do", () => {
    expect(Table.of().set("C1", "分值", 6).issues()).toEqual([
      {
        severity: "错误",
        rule: "R3",
        sheet: RUBRIC_SHEET,
        cell: "D34",
        message:
          "C：分值合计 21 分，与“党员教育管理”声明的 20 分不符。请调整各项分值或该部分分值。",
      },
    ]);
  });

  it("reports several problems together instead of stopping at the first", () => {
    const issues = Table.of()
      .set("A3", "编号", "A2")
      .set("B2", "计分方式", "打分")
      .set("A3.1", "每次扣分", 5)
      .setting("先进分数线", 95)
      .set("X3", "编号", null)
      .set("D6.1", "等次封顶", "优秀")
      .issues();
    expect(issues).toEqual(
      expect.arrayContaining([
        issue("R1", t.ref("A3", "编号")),
        issue("R5", t.ref("B2", "计分方式")),
        issue("R6", t.ref("A3.1", "每次扣分")),
        issue("R11", t.settingRef("先进分数线")),
        issue("R15", t.ref("X3", "编号")),
        issue("R16", t.ref("D6.1", "等次封顶")),
      ])
    );
    expect(issues.every((i) => /[\u4e00-\u9fa5]/.test(i.message) && /请/.test(i.message))).toBe(
      true
    );
  });

  it("refuses a sheet without the table header, and names a column whose header was changed", () => {
    expect(readRubricSheet({ name: RUBRIC_SHEET, hidden: false, rows: [] })).toEqual({
      ok: false,
      issues: [expect.objectContaining({ rule: "R19" })],
    });
    const header = t.ref("编号", "编号");
    expect(Table.of().relabel("要求次数", "要求").read()).toEqual({
      ok: false,
      issues: [issue("R19", header)],
    });
  });
});
