import { cellRef } from "../../sheet/address";
import { finalScoreFormula, selfScoreFormula, subtotalFormula, tierFormula } from "./formulas";
import { HEADER_FIELDS, type FieldKind } from "./header";
import { a4 } from "../print";
import { instructionsSheet } from "./instructions";
import { scoresheetMetaSheet } from "./meta";
import type { BranchType, Item, Rubric } from "../rubric/rubric";
import { columnRanges, SheetBuilder } from "../../sheet/builder";
import type { Slot } from "../rubric/slots";
import type { SheetSpec, WorkbookSpec } from "../../sheet/spec";
import {
  COL,
  headerRef,
  layoutTemplate,
  SCORESHEET,
  TABLE_HEADERS,
  type TemplateLayout,
} from "./layout";
import { templateValidations } from "./validations";
import { workbookOf } from "../workbook";

/** Options for a generated scoresheet. */
export interface TemplateOptions {
  /** Pre-selected 支部类型. */
  readonly branchType?: BranchType;
  /** Generation time as ISO text, recorded in `_dabiao` (passed in: the core has no clock). */
  readonly generatedAt: string;
}

const WIDTHS = [7, 18, 44, 6, 11, 8, 26, 8, 8, 8];
/** The score columns a subtotal sums (审核 and 抽验 stay blank until used: see subtotalFormula). */
const STAGE_COLUMNS = [COL.self, COL.review, COL.sample, COL.final] as const;

/** The official scoresheet workbook for a rubric: 打分表, 填表说明 and the hidden _dabiao sheet. */
export function buildTemplate(rubric: Rubric, options: TemplateOptions): WorkbookSpec {
  return workbookOf(
    [
      scoresheet(rubric, options),
      instructionsSheet(rubric),
      scoresheetMetaSheet(rubric, options.generatedAt, dropdownRefs(layoutTemplate(rubric))),
    ],
    "党支部标准化规范化建设达标创建打分表"
  );
}

/** Header fields chosen from a dropdown that no formula of the 打分表 reads. */
const DROPDOWN_KINDS: ReadonlySet<FieldKind> = new Set(["branchType", "bool", "stars"]);

/** The 打分表 cells of the dropdown header fields (支部类型, 是否设支委会, 星级), which `_dabiao` watches. */
function dropdownRefs(layout: TemplateLayout): string[] {
  return HEADER_FIELDS.filter((f) => DROPDOWN_KINDS.has(f.kind)).map((f) =>
    headerRef(layout, f.key)
  );
}

/** The 打分表 sheet alone (the add-in inserts it into an open workbook). */
export function scoresheet(rubric: Rubric, options: TemplateOptions): SheetSpec {
  const layout = layoutTemplate(rubric);
  const b = new SheetBuilder(
    SCORESHEET,
    WIDTHS.map((width) => ({ width }))
  );
  titleBlock(b, rubric, layout, options);
  tableBlock(b, rubric, layout);
  resultBlock(b, rubric, layout);
  for (const v of templateValidations(rubric, layout)) b.validate(v);
  highlights(b, rubric, layout);
  return b.build({
    protect: true,
    freeze: { rows: layout.tableHeaderRow + 1, columns: 0 },
    print: a4(
      "党支部标准化规范化建设达标创建打分表",
      "portrait",
      `${layout.printTitleRow + 1}:${layout.tableHeaderRow + 1}`
    ),
  });
}

function titleBlock(
  b: SheetBuilder,
  rubric: Rubric,
  layout: TemplateLayout,
  options: TemplateOptions
): void {
  b.value(0, 0, "党支部标准化规范化建设达标创建打分表", "title").merge(0, 0, 0, 9).height(0, 32);
  b.value(
    1,
    0,
    `评分标准：${rubric.name}（${rubric.version}）\u3000满分 ${rubric.total} 分\u3000黄色格子由党支部填写`,
    "subtitle"
  ).merge(1, 0, 1, 9);
  for (const f of HEADER_FIELDS) {
    const h = layout.header[f.key];
    const labelEnd = h.labelCol === 0 ? 1 : 5;
    const valueEnd = h.valueCol === 2 ? 2 : 9;
    b.value(h.row, h.labelCol, f.required ? `${f.label}*` : f.label, "label").merge(
      h.row,
      h.labelCol,
      h.row,
      labelEnd,
      "label"
    );
    const style = f.kind === "date" ? "inputDate" : f.kind === "text" ? "input" : "inputCenter";
    const preset = f.key === "type" && options.branchType ? options.branchType : null;
    b.value(h.row, h.valueCol, preset, style);
    if (valueEnd > h.valueCol) b.merge(h.row, h.valueCol, h.row, valueEnd, style);
    b.height(h.row, 20);
  }
  const name = headerRef(layout, "name");
  const committee = headerRef(layout, "committee");
  b.formula(
    layout.printTitleRow,
    0,
    `"党支部："&${name}&"\u3000\u3000所属党委（党总支）："&${committee}`,
    "plain"
  ).merge(layout.printTitleRow, 0, layout.printTitleRow, 9);
  TABLE_HEADERS.forEach((text, col) => b.value(layout.tableHeaderRow, col, text, "head"));
  b.height(layout.tableHeaderRow, 30);
}

function tableBlock(b: SheetBuilder, rubric: Rubric, layout: TemplateLayout): void {
  const numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  let sectionIndex = 0;
  for (const row of layout.rows) {
    if (row.kind === "section") {
      const max = row.section.items.reduce((a, i) => a + i.max, 0);
      const itemRows = row.section.items.map((i) => layout.itemRow.get(i.code) ?? 0);
      b.value(row.row, COL.code, row.section.code, "sectionNumber");
      b.value(
        row.row,
        COL.title,
        `${numerals[sectionIndex++] ?? ""}、${row.section.title}`,
        "section"
      ).merge(row.row, COL.title, row.row, COL.standard, "section");
      b.value(row.row, COL.max, max, "sectionNumber");
      b.value(row.row, COL.entry, null, "section").value(row.row, COL.note, null, "section");
      for (const col of STAGE_COLUMNS)
        b.formula(
          row.row,
          col,
          subtotalFormula(col, itemRows, columnRanges(col, itemRows)),
          "sectionNumber"
        );
    } else if (row.kind === "item") {
      itemRow(b, row.item, row.row, row.slot, layout);
    } else {
      slotRow(b, row.slot, row.row);
    }
  }
  const t = layout.totalRow;
  const sectionRows = rubric.sections.map((s) => layout.sectionRow.get(s.code) ?? 0);
  b.value(t, COL.code, "合计", "total")
    .value(t, COL.title, "总分", "total")
    .merge(t, COL.title, t, COL.standard, "total");
  b.value(t, COL.max, rubric.total, "total")
    .value(t, COL.entry, null, "total")
    .value(t, COL.note, null, "total");
  for (const col of STAGE_COLUMNS)
    b.formula(
      t,
      col,
      subtotalFormula(
        col,
        sectionRows,
        sectionRows.map((r) => cellRef(r, col))
      ),
      "total"
    );
}

function itemRow(
  b: SheetBuilder,
  item: Item,
  row: number,
  slot: Slot | undefined,
  layout: TemplateLayout
): void {
  b.value(row, COL.code, item.code, "code");
  b.value(row, COL.title, item.title, "text");
  b.value(row, COL.standard, item.standard, "small");
  b.value(row, COL.max, item.max, "number");
  if (slot) b.value(row, COL.entry, null, "inputCenter");
  else b.value(row, COL.entry, "分项填报↓", "muted");
  b.formula(row, COL.self, selfScoreFormula(item, layout), "formula");
  b.value(row, COL.note, null, "inputNote");
  b.value(row, COL.review, null, "inputCenter").value(row, COL.sample, null, "inputCenter");
  b.formula(row, COL.final, finalScoreFormula(row), "formula");
  b.height(row, Math.max(30, Math.ceil(item.standard.length / 22) * 13));
}

function slotRow(b: SheetBuilder, slot: Slot, row: number): void {
  const rule = slot.item.rule;
  const clause =
    rule.type === "CHECK" && slot.clause !== undefined ? rule.clauses[slot.clause] : undefined;
  const hint = clause
    ? `\u3000（填次数/项数，每项扣${clause.deduct}分，最多${clause.maxCount}项）`
    : slot.kind === "covered"
      ? "\u3000（填人数/条数）"
      : "\u3000（填总数）";
  b.value(row, COL.code, slot.key, "code");
  b.value(row, COL.title, `└ ${slot.label}${hint}`, "clause").merge(
    row,
    COL.title,
    row,
    COL.max,
    "clause"
  );
  b.value(row, COL.entry, null, "inputCenter");
  for (const col of [COL.self, COL.note, COL.review, COL.sample, COL.final])
    b.value(row, col, null, "muted");
}

function resultBlock(b: SheetBuilder, rubric: Rubric, layout: TemplateLayout): void {
  b.value(layout.vetoHeaderRow, COL.code, "否决", "head");
  b.value(
    layout.vetoHeaderRow,
    COL.title,
    "一票否决项（有下列情形之一的，等次为未达标）",
    "head"
  ).merge(layout.vetoHeaderRow, COL.title, layout.vetoHeaderRow, COL.max, "head");
  b.value(layout.vetoHeaderRow, COL.entry, "是/否", "head");
  for (const { row, veto } of layout.vetoRows) {
    b.value(row, COL.code, veto.code, "code");
    b.value(row, COL.title, veto.title, "text").merge(row, COL.title, row, COL.max, "text");
    b.value(row, COL.entry, null, "inputCenter");
    b.height(row, 22);
  }
  const r = layout.result;
  const line = (row: number, label: string, formula: string, style: string): void => {
    b.value(row, COL.code, label, "label").merge(row, COL.code, row, COL.title, "label");
    b.formula(row, COL.standard, formula, style);
    b.height(row, 22);
  };
  line(r.selfTotal, "自评总分", cellRef(layout.totalRow, COL.self), "total");
  line(r.finalTotal, "最终总分", cellRef(layout.totalRow, COL.final), "total");
  line(r.selfTier, "自评等次", tierFormula(rubric, layout, COL.self), "tier");
  line(r.finalTier, "最终等次", tierFormula(rubric, layout, COL.final), "tier");
  const t = rubric.thresholds;
  b.value(
    r.explain,
    COL.code,
    `等次：示范≥${t.示范}分，先进≥${t.先进}分，达标≥${t.达标}分，其余为未达标；有否决项的为未达标；组织生活会或民主评议未开展的最高为达标；示范还须各部分得分不低于该部分满分的${rubric.caps.sectionShareFor示范 * 100}%、满意度（如测评）不低于${rubric.caps.satisfactionFor示范}%；满意度低于${rubric.caps.satisfactionCap}%的最高为达标。最终得分取抽验得分，无抽验取审核得分，无审核取自评得分。`,
    "note"
  ).merge(r.explain, COL.code, r.explain, 9);
  b.height(r.explain, 44);
  const s = layout.signatureRow;
  b.value(s, COL.code, "党支部书记（签字）：", "plain").merge(s, COL.code, s, COL.title);
  b.value(s, COL.max, "填报日期：\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日", "plain").merge(
    s,
    COL.max,
    s,
    COL.note
  );
  b.height(s, 28);
}

function highlights(b: SheetBuilder, rubric: Rubric, layout: TemplateLayout): void {
  for (const row of layout.rows) {
    if (row.kind !== "section") continue;
    const first = row.firstItemRow;
    const range = (col: number): string => `${cellRef(first, col)}:${cellRef(row.lastRow, col)}`;
    b.highlight({
      ranges: [range(COL.entry)],
      formula: `LEN(${cellRef(first, COL.entry)})=0`,
      style: { fill: "FCE4D6" },
    });
    const f = cellRef(first, COL.self).replace(/^([A-Z]+)/, "$$$1");
    const d = cellRef(first, COL.max).replace(/^([A-Z]+)/, "$$$1");
    const g = cellRef(first, COL.note).replace(/^([A-Z]+)/, "$$$1");
    const h = cellRef(first, COL.review).replace(/^([A-Z]+)/, "$$$1");
    b.highlight({
      ranges: [range(COL.note)],
      formula: `AND(ISNUMBER(${f}),ISNUMBER(${d}),${f}<${d},LEN(${g})=0)`,
      style: { fill: "F8CBAD" },
    });
    b.highlight({
      ranges: [range(COL.review)],
      formula: `AND(ISNUMBER(${h}),ABS(${h}-${f})>${rubric.reviewDeltaLimit})`,
      style: { fill: "F4B084", bold: true },
    });
  }
  const headerCells = HEADER_FIELDS.filter((f) => f.required).map((f) => headerRef(layout, f.key));
  for (const ref of headerCells)
    b.highlight({ ranges: [ref], formula: `LEN(${ref})=0`, style: { fill: "FCE4D6" } });
  const first = layout.vetoRows[0];
  const last = layout.vetoRows[layout.vetoRows.length - 1];
  if (first && last)
    b.highlight({
      ranges: [`${cellRef(first.row, COL.entry)}:${cellRef(last.row, COL.entry)}`],
      formula: `LEN(${cellRef(first.row, COL.entry)})=0`,
      style: { fill: "FCE4D6" },
    });
}
