import { cellRef } from "../../sheet/address";
import { a4 } from "../print";
import {
  BRANCH_TYPES,
  sectionMax,
  TIERS,
  type CoverPart,
  type Item,
  type Rubric,
  type Section,
} from "../rubric/rubric";
import {
  RUBRIC_SHEET,
  SETTING_LABELS,
  TABLE_COLUMNS,
  termLabel,
  VETO_COLUMNS,
  type ColumnKey,
} from "./layout";
import { columnRanges, SheetBuilder } from "../../sheet/builder";
import type { SheetSpec, ValidationSpec } from "../../sheet/spec";
import { RULE_WORDS } from "../rubric/rule-words";

export { readRubricSheet, rubricOfBook } from "./read";
export { RUBRIC_SHEET } from "./layout";

const LAST_COL = TABLE_COLUMNS.length - 1;
const col = (key: ColumnKey): number => TABLE_COLUMNS.findIndex((c) => c.key === key);

const HOW_TO =
  "怎么改：表中各格都可以直接修改，改完保存即可，不用写公式。改分值、扣分、次数就改对应的格子；加一项就在相邻处插入一行，照上下行的样子填编号（部分 A，项目 A4，扣分项 A2.3）和计分方式。" +
  "各项分值之和须等于所在部分的分值，各部分分值之和须等于满分。计分方式：评判＝直接打分；评判-四档＝好/较好/一般/差；是否＝做到得满分、没做到0分；计次＝按少开的次数扣分；扣分＝按下方各扣分项扣分；覆盖率＝按比例得分。" +
  "表格读取时会逐格检查，有问题会指出格子位置和改法。";

/** Settings laid out three to a row, each as [first label column, last label column, value column]. */
const SLOTS = [
  [0, 1, 2],
  [3, 5, 6],
  [7, 11, 12],
] as const;

type SettingValue = string | number;

function settingRows(rubric: Rubric): [string, SettingValue][][] {
  const L = SETTING_LABELS;
  const term = (i: number): [string, SettingValue] => {
    const type = BRANCH_TYPES[i] ?? "其他";
    return [termLabel(type), rubric.termYears[type]];
  };
  return [
    [
      [L.name, rubric.name],
      [L.version, rubric.version],
      [L.total, rubric.total],
    ],
    [
      [L.示范, rubric.thresholds.示范],
      [L.先进, rubric.thresholds.先进],
      [L.达标, rubric.thresholds.达标],
    ],
    // Shares are shown as percentages, the way the work committee's documents state them.
    [
      [L.share, Math.round(rubric.caps.sectionShareFor示范 * 1e6) / 1e4],
      [L.satisfaction, rubric.caps.satisfactionFor示范],
      [L.satisfactionCap, rubric.caps.satisfactionCap],
    ],
    [term(0), term(1), [L.delta, rubric.reviewDeltaLimit]],
    [term(2), term(3), term(4)],
    [term(5), term(6)],
  ];
}

/** The editable 评分标准 sheet for a rubric. */
export function rubricSheet(rubric: Rubric): SheetSpec {
  const b = new SheetBuilder(
    RUBRIC_SHEET,
    TABLE_COLUMNS.map((c) => ({ width: c.width }))
  );
  b.value(0, 0, `评分标准：${rubric.name}`, "title").merge(0, 0, 0, LAST_COL).height(0, 30);
  b.value(1, 0, HOW_TO, "note").merge(1, 0, 1, LAST_COL).height(1, 54);
  const settings = settingRows(rubric);
  settings.forEach((pairs, i) => settingRow(b, 2 + i, pairs));
  const header = 2 + settings.length;
  TABLE_COLUMNS.forEach((c, i) => b.value(header, i, c.label, "head"));
  b.height(header, 30);
  const rows = rubric.sections.flatMap((s) => [sectionRow(s), ...s.items.flatMap(itemRows)]);
  rows.forEach((r, i) => tableRow(b, header + 1 + i, r));
  const tableRows = rows.map((_, i) => header + 1 + i);
  for (const v of tableValidations(tableRows)) b.validate(v);
  vetoBlock(b, rubric, header + rows.length + 2);
  return b.build({
    freeze: { rows: header + 1, columns: 0 },
    print: a4("评分标准", "landscape", `${header + 1}:${header + 1}`),
  });
}

function settingRow(b: SheetBuilder, row: number, pairs: readonly [string, SettingValue][]): void {
  pairs.forEach(([label, value], i) => {
    const [from, to, at] = SLOTS[i] ?? SLOTS[0];
    b.value(row, from, label, "label").merge(row, from, row, to, "label");
    b.value(row, at, value, typeof value === "number" ? "inputCenter" : "input");
    b.validate({ ranges: [cellRef(row, at)], ...settingRule(label) });
  });
  b.height(row, 26);
}

const stop = (title: string, text: string): ValidationSpec["error"] => ({
  title,
  text,
  style: "stop",
});
type Rule = Omit<ValidationSpec, "ranges">;
const decimal = (min: number, max: number, title: string, text: string, error: string): Rule => ({
  type: "decimal",
  min,
  max,
  allowBlank: false,
  prompt: { title, text },
  error: stop("数值超出范围", error),
});

function settingRule(label: string): Rule {
  const L = SETTING_LABELS;
  if (label === L.name || label === L.version)
    return {
      type: "textLength",
      min: 1,
      max: 100,
      allowBlank: false,
      prompt: {
        title: label,
        text:
          label === L.name
            ? "评分标准的名称，会印在打分表上。"
            : "版本号，如 2019.1；修改评分标准后请同时改版本号。",
      },
      error: stop("请填写", "不能为空，且不超过100字。"),
    };
  if (label === L.total)
    return decimal(1, 1000, label, "各部分分值之和，通常为100。", "请填1～1000的分数。");
  if (label === L.示范 || label === L.先进 || label === L.达标)
    return decimal(
      0,
      1000,
      label,
      "总分达到此分数即为该等次；须示范 > 先进 > 达标。",
      "请填0～满分之间的分数。"
    );
  if (label === L.delta)
    return decimal(
      0,
      1000,
      label,
      "审核得分与自评得分相差超过此分数的，须写明原因。",
      "请填不小于0的分数。"
    );
  if (label.endsWith("（年）"))
    return {
      type: "whole",
      min: 1,
      max: 10,
      allowBlank: false,
      prompt: { title: label.slice(0, 32), text: "该类支部委员会每届任期年数，如 3 或 5。" },
      error: stop("请填整数", "请填1～10的整数。"),
    };
  return decimal(
    0,
    100,
    label.slice(0, 32),
    "填0～100的数，如 80 表示80%。",
    "请填0～100之间的数。"
  );
}

/** One table row's cells by column, and how the row looks. */
interface TableRow {
  readonly kind: "section" | "item" | "sub";
  readonly cells: Partial<Record<ColumnKey, SettingValue>>;
}

const yesNo = (b: boolean): string => (b ? "是" : "否");

function sectionRow(s: Section): TableRow {
  return { kind: "section", cells: { code: s.code, title: s.title, max: sectionMax(s) } };
}

function itemRows(item: Item): TableRow[] {
  const own = {
    code: item.code,
    title: item.title,
    standard: item.standard,
    max: item.max,
    na: yesNo(item.naAllowed),
    evidence: item.evidence,
  };
  const r = item.rule;
  const row = (cells: TableRow["cells"]): TableRow => ({
    kind: "item",
    cells: { ...own, ...cells },
  });
  switch (r.type) {
    case "JUDGE":
      return [row({ type: r.ladder ? RULE_WORDS.LADDER : RULE_WORDS.JUDGE })];
    case "BOOL":
      return [row({ type: RULE_WORDS.BOOL })];
    case "COUNT":
      return [
        row({
          type: RULE_WORDS.COUNT,
          required: r.required,
          deduct: r.deduct,
          unit: r.unit,
          perGroup: yesNo(r.perGroup),
        }),
      ];
    case "COVER":
      return [row({ type: RULE_WORDS.COVER }), coverRow(item, r.cover, 1)];
    case "CHECK": {
      const clauses = r.clauses.map((c, i): TableRow => ({
        kind: "sub",
        cells: {
          code: `${item.code}.${i + 1}`,
          title: c.label,
          type: RULE_WORDS.CLAUSE,
          deduct: c.deduct,
          maxCount: c.maxCount,
          ...(c.capsTier ? { cap: c.capsTier } : {}),
        },
      }));
      return [
        row({ type: RULE_WORDS.CHECK }),
        ...clauses,
        ...(r.cover ? [coverRow(item, r.cover, clauses.length + 1)] : []),
      ];
    }
  }
}

function coverRow(item: Item, cover: CoverPart, n: number): TableRow {
  const required = cover.required !== undefined ? { required: cover.required } : {};
  return {
    kind: "sub",
    cells: {
      code: `${item.code}.${n}`,
      title: cover.label,
      max: cover.points,
      type: RULE_WORDS.COVER,
      ...required,
    },
  };
}

const STYLE: Record<TableRow["kind"], (key: ColumnKey) => string> = {
  section: (key) => (key === "code" || key === "max" ? "sectionNumber" : "section"),
  item: (key) =>
    key === "title"
      ? "text"
      : key === "standard" || key === "evidence"
        ? "small"
        : key === "code"
          ? "code"
          : "number",
  sub: (key) =>
    key === "title" || key === "standard"
      ? "clause"
      : key === "evidence"
        ? "small"
        : key === "code"
          ? "code"
          : "number",
};

function tableRow(b: SheetBuilder, row: number, r: TableRow): void {
  TABLE_COLUMNS.forEach((c, i) => b.value(row, i, r.cells[c.key] ?? null, STYLE[r.kind](c.key)));
  // Rows grow to show wrapped text: about 24 characters a line in 评分标准, 12 in 考核项目.
  const lines = Math.max(
    Math.ceil(String(r.cells.standard ?? "").length / 24),
    Math.ceil(String(r.cells.title ?? "").length / 12)
  );
  b.height(row, Math.max(20, lines * 13 + 4));
}

function tableValidations(rows: readonly number[]): ValidationSpec[] {
  const text = (key: ColumnKey, max: number, title: string, prompt: string): ValidationSpec => ({
    ranges: columnRanges(col(key), rows),
    type: "textLength",
    min: 0,
    max,
    allowBlank: true,
    prompt: { title, text: prompt },
    error: stop("内容过长", `请精简到${max}字以内。`),
  });
  const list = (
    key: ColumnKey,
    items: readonly string[],
    title: string,
    prompt: string,
    style: "stop" | "warning" = "stop"
  ): ValidationSpec => ({
    ranges: columnRanges(col(key), rows),
    type: "list",
    list: items,
    allowBlank: true,
    prompt: { title, text: prompt },
    error: { title: "请从下拉列表选择", text: `可选：${items.join("、")}。`, style },
  });
  const halfPoints = (key: ColumnKey, title: string, prompt: string): ValidationSpec => {
    const first = cellRef(rows[0] ?? 0, col(key));
    return {
      ranges: columnRanges(col(key), rows),
      type: "custom",
      formula: `AND(ISNUMBER(${first}),${first}>0,MOD(${first}*2,1)=0)`,
      allowBlank: true,
      prompt: { title, text: prompt },
      error: stop("分数不正确", "请填大于0的分数，以0.5分为单位，如 1、1.5、2。"),
    };
  };
  const whole = (key: ColumnKey, title: string, prompt: string): ValidationSpec => ({
    ranges: columnRanges(col(key), rows),
    type: "whole",
    min: 1,
    max: 10000,
    allowBlank: true,
    prompt: { title, text: prompt },
    error: stop("请填正整数", "请填1、2、3这样的整数。"),
  });
  return [
    text(
      "code",
      20,
      "编号",
      "部分填字母，如 A；项目填部分字母加序号，如 A4；扣分项、覆盖率行填项目编号加“.序号”，如 A2.3。"
    ),
    text(
      "title",
      300,
      "考核项目",
      "部分行填部分名称；项目行填项目名称；扣分项行填扣分情形；覆盖率行填“已覆盖数 / 应覆盖数”的说明。"
    ),
    text("standard", 2000, "评分标准", "项目行填印在打分表上的评分标准说明。"),
    halfPoints(
      "max",
      "分值",
      "部分行：该部分的分值；项目行：该项满分；覆盖率行：按比例计的分数。以0.5分为单位。"
    ),
    list(
      "type",
      Object.values(RULE_WORDS),
      "计分方式",
      "项目行选：评判、评判-四档、是否、计次、扣分、覆盖率；项目下方的分项行选：扣分项、覆盖率。",
      "warning"
    ),
    whole(
      "required",
      "要求次数",
      "计次项：全年应开展的次数或月份、季度数。覆盖率行：应覆盖数；留空则由党支部填报。"
    ),
    halfPoints(
      "deduct",
      "每次扣分",
      "计次项：每少1次扣的分；扣分项：每发生1次（或每缺1项）扣的分。以0.5分为单位。"
    ),
    whole("maxCount", "最多次数", "扣分项最多计几次（或几项），留空按1次。"),
    list(
      "unit",
      ["次", "月", "季度", "组月"],
      "计次单位",
      "计次项数的是什么：次、月、季度；每个党小组每月的填“组月”。",
      "warning"
    ),
    list(
      "perGroup",
      ["是", "否"],
      "按党小组数计",
      "计次项的要求次数是否乘以党小组数（如党小组会）。"
    ),
    list(
      "na",
      ["是", "否"],
      "可填不适用",
      "未设支委会、党小组等情形下，该项可否填“不适用”按满分计。"
    ),
    list("cap", TIERS, "等次封顶", "扣分项：发生该情形时，等次最高为所选等次；不封顶的留空。"),
    text("evidence", 500, "佐证材料", "项目行填需要查看的佐证材料。"),
  ];
}

function vetoBlock(b: SheetBuilder, rubric: Rubric, header: number): void {
  const [codeCol, titleCol, titleEnd, enabledCol] = [0, 1, 2, 3];
  b.value(header, codeCol, VETO_COLUMNS.code, "head");
  b.value(
    header,
    titleCol,
    `${VETO_COLUMNS.title}（有其中一种情形的，等次为未达标）`,
    "head"
  ).merge(header, titleCol, header, titleEnd, "head");
  b.value(header, enabledCol, VETO_COLUMNS.enabled, "head").height(header, 30);
  const rows = rubric.vetoes.map((v, i) => {
    const row = header + 1 + i;
    b.value(row, codeCol, v.code, "code");
    b.value(row, titleCol, v.title, "text").merge(row, titleCol, row, titleEnd, "text");
    b.value(row, enabledCol, yesNo(v.enabled), "number").height(row, 30);
    return row;
  });
  b.validate({
    ranges: columnRanges(codeCol, rows),
    type: "textLength",
    min: 1,
    max: 20,
    allowBlank: true,
    prompt: { title: "否决项编号", text: "如 X1、X2；新增的否决项接着编号。" },
    error: stop("编号过长", "请填20字以内的编号。"),
  });
  b.validate({
    ranges: columnRanges(titleCol, rows),
    type: "textLength",
    min: 1,
    max: 300,
    allowBlank: true,
    prompt: { title: "一票否决情形", text: "写明什么情形下等次为未达标。" },
    error: stop("内容过长", "请精简到300字以内。"),
  });
  b.validate({
    ranges: columnRanges(enabledCol, rows),
    type: "list",
    list: ["是", "否"],
    allowBlank: true,
    prompt: { title: "启用", text: "选“是”的列入打分表；选“否”的不列入、也不起作用。" },
    error: stop("请从下拉列表选择", "只能填“是”或“否”。"),
  });
}
