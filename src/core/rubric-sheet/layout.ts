import type { BranchType } from "../rubric/rubric";

// The 评分标准 sheet's vocabulary: the writer (rubric-sheet.ts) and the reader share it, so the writer can only
// write what is read back.

/** The name of the editable rubric sheet. */
export const RUBRIC_SHEET = "评分标准";

/** The item table's columns, left to right: key, header text, width. */
export const TABLE_COLUMNS = [
  { key: "code", label: "编号", width: 8 },
  { key: "title", label: "考核项目", width: 24 },
  { key: "standard", label: "评分标准", width: 46 },
  { key: "max", label: "分值", width: 7 },
  { key: "type", label: "计分方式", width: 11 },
  { key: "required", label: "要求次数", width: 8 },
  { key: "deduct", label: "每次扣分", width: 8 },
  { key: "maxCount", label: "最多次数", width: 8 },
  { key: "unit", label: "计次单位", width: 8 },
  { key: "perGroup", label: "按党小组数计", width: 9 },
  { key: "na", label: "可填不适用", width: 9 },
  { key: "cap", label: "等次封顶", width: 9 },
  { key: "evidence", label: "佐证材料", width: 22 },
] as const;
/** One column of the item table. */
export type ColumnKey = (typeof TABLE_COLUMNS)[number]["key"];

/** The settings above the table, by label. */
export const SETTING_LABELS = {
  name: "评分标准名称",
  version: "版本",
  total: "满分",
  示范: "示范分数线",
  先进: "先进分数线",
  达标: "达标分数线",
  share: "示范须各部分得分率（%）",
  satisfaction: "示范须满意度（%）",
  satisfactionCap: "满意度低于此值最高为达标（%）",
  delta: "审核与自评相差超过此值须说明（分）",
} as const;
/** The label of a branch type's term-of-office setting. */
export const termLabel = (type: BranchType): string => `${type}支部任期（年）`;
/** The veto block's header texts. */
export const VETO_COLUMNS = { code: "编号", title: "一票否决情形", enabled: "启用" } as const;
