import { cellRef } from "../../sheet/address";
import { HEADER_FIELDS, type FieldKind } from "./header";
import { dateToSerial } from "../readings";
import { BRANCH_TYPES, type Rubric, STAR_CHOICES } from "../rubric/rubric";
import { columnRanges } from "../../sheet/builder";
import type { Slot } from "../rubric/slots";
import type { ValidationSpec } from "../../sheet/spec";
import { COL, headerRef, type TemplateLayout } from "./layout";
import { countHint } from "../scoring/expected-counts";

const stop = (title: string, text: string): ValidationSpec["error"] => ({
  title,
  text,
  style: "stop",
});

/**
 * Data validation for every input cell of the 打分表. Each entry row gets its own rule, whose prompt
 * and error alert name the row and say what it wants ("D1 支部党员大会：填召开了党员大会的季度数"); the
 * committee's score columns and the notes, alike on every row, share one rule each.
 */
export function templateValidations(rubric: Rubric, layout: TemplateLayout): ValidationSpec[] {
  const groups = new Map<
    string,
    { spec: Omit<ValidationSpec, "ranges">; rows: number[]; col: number; refs: string[] }
  >();
  const add = (
    key: string,
    spec: Omit<ValidationSpec, "ranges">,
    col: number,
    row: number
  ): void => {
    const g = groups.get(key) ?? { spec, rows: [], col, refs: [] };
    g.rows.push(row);
    groups.set(key, g);
  };
  const addRef = (key: string, spec: Omit<ValidationSpec, "ranges">, ref: string): void => {
    const g = groups.get(key) ?? { spec, rows: [], col: -1, refs: [] };
    g.refs.push(ref);
    groups.set(key, g);
  };

  for (const row of layout.rows) {
    if (row.kind === "section") continue;
    const slot = row.slot;
    if (slot) {
      add(
        `slot:${slot.key}`,
        slotRule(rubric, slot, cellRef(row.row, COL.entry)),
        COL.entry,
        row.row
      );
    }
    if (row.kind === "item") {
      const max = row.item.max;
      const score = (stage: string): Omit<ValidationSpec, "ranges"> => ({
        type: "decimal",
        min: 0,
        max,
        allowBlank: true,
        prompt: { title: `${stage}得分`, text: `填0～${max}分，以0.5分为单位；未${stage}的留空。` },
        error: stop("得分超出范围", `${stage}得分应在0～${max}分之间。`),
      });
      add(`review:${max}`, score("审核"), COL.review, row.row);
      add(`sample:${max}`, score("抽验"), COL.sample, row.row);
      add(
        "note",
        {
          type: "textLength",
          min: 0,
          max: 2000,
          allowBlank: true,
          prompt: {
            title: "扣分说明及佐证材料",
            text: "有扣分的写明扣分原因；列出佐证材料名称（如会议记录本第几页）。",
          },
          error: stop("内容过长", "请精简到2000字以内。"),
        },
        COL.note,
        row.row
      );
    }
  }
  for (const { row } of layout.vetoRows)
    add(
      "veto",
      yesNo("一票否决项", "有此情形选“是”，没有选“否”。选“是”的等次为未达标。"),
      COL.entry,
      row
    );
  for (const f of HEADER_FIELDS)
    addRef(`header:${f.key}`, headerRule(f.kind, f.label, f.prompt), headerRef(layout, f.key));

  return [...groups.values()].map((g) => ({
    ...g.spec,
    ranges: g.col >= 0 ? columnRanges(g.col, g.rows) : g.refs,
  }));
}

function yesNo(title: string, text: string): Omit<ValidationSpec, "ranges"> {
  return {
    type: "list",
    list: ["是", "否"],
    allowBlank: true,
    prompt: { title, text },
    error: stop("请从下拉列表选择", "只能填“是”或“否”。"),
  };
}

/** The rule of one entry row, its prompt and alert naming the row: what to fill, in which range. */
function slotRule(rubric: Rubric, slot: Slot, ref: string): Omit<ValidationSpec, "ranges"> {
  const item = slot.item;
  // Excel allows 32 characters in a prompt's title and 255 in its text.
  const title = `${slot.key} ${item.title}`.slice(0, 32);
  const row = `${slot.key} ${item.title}`;
  const said = (text: string): { title: string; text: string } => ({
    title,
    text: `${row}：${text}`.slice(0, 255),
  });
  if (item.naAllowed && slot.key === item.code)
    return {
      type: "custom",
      formula: `OR(${ref}="不适用",AND(ISNUMBER(${ref}),${ref}>=${slot.min},${ref}<=${slot.max},INT(${ref})=${ref}))`,
      allowBlank: true,
      prompt: said(`填${slot.label}（${slot.min}～${slot.max}的整数）；不适用的填“不适用”。`),
      error: stop(
        "填报内容不符合要求",
        `${row}：请填${slot.min}～${slot.max}的整数，或填“不适用”。`.slice(0, 255)
      ),
    };
  switch (slot.kind) {
    case "score":
      return {
        type: "decimal",
        min: 0,
        max: slot.max,
        allowBlank: true,
        prompt: said(`按评分标准自评，填0～${slot.max}分，以0.5分为单位。`),
        error: stop("得分超出范围", `${row}：得分应在0～${slot.max}分之间。`.slice(0, 255)),
      };
    case "ladder":
      return {
        type: "list",
        list: ["好", "较好", "一般", "差"],
        allowBlank: true,
        prompt: said("从下拉列表选择：好、较好、一般、差。"),
        error: stop("请从下拉列表选择", `${row}：只能填“好”“较好”“一般”或“差”。`.slice(0, 255)),
      };
    case "bool":
      return {
        ...yesNo(title, said("做到了选“是”，没有做到选“否”。").text),
        error: stop("请从下拉列表选择", `${row}：只能填“是”或“否”。`.slice(0, 255)),
      };
    default:
      return {
        type: "whole",
        min: slot.min,
        max: slot.max,
        allowBlank: true,
        prompt: said(wholePrompt(slot, countHint(rubric, slot.key))),
        error: stop("请填整数", `${row}：请填${slot.min}～${slot.max}的整数。`.slice(0, 255)),
      };
  }
}

function wholePrompt(slot: Slot, hint: string | undefined): string {
  if (slot.kind === "clause") return `${slot.label}：填发生的次数（0～${slot.max}）；没有的填0。`;
  if (slot.kind === "count") return `填${slot.label}（${slot.min}～${slot.max}的整数）。`;
  return hint ? `填${slot.label}（整数），${hint}。` : `填${slot.label}（整数）。`;
}

function headerRule(
  kind: FieldKind,
  label: string,
  prompt: string
): Omit<ValidationSpec, "ranges"> {
  const title = label.slice(0, 32);
  switch (kind) {
    case "branchType":
      return {
        type: "list",
        list: [...BRANCH_TYPES],
        allowBlank: true,
        prompt: { title, text: prompt },
        error: stop("请从下拉列表选择", `支部类型只能是：${BRANCH_TYPES.join("、")}。`),
      };
    case "bool":
      return yesNo(title, prompt);
    case "stars":
      return {
        type: "list",
        list: [...STAR_CHOICES],
        allowBlank: true,
        prompt: { title, text: prompt },
        error: stop("请从下拉列表选择", `星级只能是：${STAR_CHOICES.join("、")}。`),
      };
    case "count":
      return {
        type: "whole",
        min: 0,
        max: 100000,
        allowBlank: true,
        prompt: { title, text: prompt },
        error: stop("请填整数", "请填不小于0的整数。"),
      };
    case "year":
      return {
        type: "whole",
        min: 2019,
        max: 2100,
        allowBlank: true,
        prompt: { title, text: prompt },
        error: stop("年度不正确", "请填四位年份，如 2019。"),
      };
    case "percent":
      return {
        type: "decimal",
        min: 0,
        max: 100,
        allowBlank: true,
        prompt: { title, text: prompt },
        error: stop("满意度超出范围", "请填0～100之间的数，如 85 表示85%。"),
      };
    case "date":
      return {
        type: "date",
        min: dateToSerial({ year: 1949, month: 10, day: 1 }),
        max: dateToSerial({ year: 2100, month: 12, day: 31 }),
        allowBlank: true,
        prompt: { title, text: prompt },
        error: stop("日期不正确", "请填日期，如 2017-05-12。"),
      };
    case "text":
      return {
        type: "textLength",
        min: 0,
        max: 200,
        allowBlank: true,
        prompt: { title, text: prompt },
        error: stop("内容过长", "请精简到200字以内。"),
      };
  }
}
