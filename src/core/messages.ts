import type { ReadNote } from "./readings";

// The one catalogue of user-facing text about scoresheets: every issue message is made here.

const NOTE_TEXT: Record<ReadNote, string> = {
  text: "数字存成了文本",
  fullwidth: "用了全角字符",
  unit: "带了单位",
  spaces: "前后有空格",
  symbol: "用了符号",
};

/** Messages for issues, by situation; each says what is wrong and what to do. */
export const MSG = {
  interpreted: (what: string, raw: string, value: string, notes: readonly ReadNote[]) =>
    `${what}填的是“${raw}”（${notes.map((n) => NOTE_TEXT[n]).join("、")}），已按 ${value} 计算；表内公式不认这种写法，请改为 ${value}。`,
  unreadable: (what: string, raw: string, expected: string) => `${what}填的“${raw}”无法识别，请填${expected}。`,
  missing: (what: string, expected: string) => `${what}未填写，请填${expected}。`,
  missingField: (label: string, prompt: string) => `${label}未填写。${prompt}`,
  outOfRange: (what: string, value: number, min: number, max: number) => `${what}填的 ${value} 超出范围，应在 ${min}～${max} 之间。`,
  notHalfStep: (what: string, value: number) => `${what}填的 ${value} 不是0.5分的整数倍，已按 ${Math.floor(value * 2) / 2} 分计算，请改正。`,
  notWhole: (what: string, value: number) => `${what}填的 ${value} 不是整数，请填整数。`,
  naNotAllowed: (what: string) => `${what}不能填“不适用”，请按实际情况填报。`,
  missingRow: (code: string) => `打分表缺少 ${code} 这一行（表格结构被改动），请使用上级下发的模板重新填写。`,
  unknownRow: (code: string) => `打分表中的 ${code} 不是本评分标准的项目，该行不计分。`,
  noMeta: "打分表缺少隐藏的“_dabiao”工作表，无法确认使用的评分标准版本；已按当前评分标准计分，请使用上级下发的模板。",
  otherRubric: (theirs: string, ours: string) => `此表使用的评分标准（指纹 ${theirs}）与当前评分标准（指纹 ${ours}）不同，分数按当前评分标准重新计算。`,
  maxAltered: (code: string, shown: string, max: number) => `${code} 的分值被改成了“${shown}”，评分标准规定为 ${max} 分；已按 ${max} 分计算，请勿修改分值。`,
  formulaAltered: (code: string) => `${code} 的自评得分公式被改动或删除；得分已按填报内容重新计算，请勿修改公式。`,
  cachedMismatch: (what: string, shown: string, computed: string) => `${what}表内显示为 ${shown}，按填报内容计算应为 ${computed}；以计算结果为准（表格可能被改动或未重新计算）。`,
  deductionUnexplained: (code: string, title: string, lost: number) => `${code} ${title} 扣了 ${lost} 分，但“扣分说明及佐证材料”未填写，请写明扣分原因和佐证材料。`,
  reviewUnexplained: (code: string, self: number, review: number, limit: number) =>
    `${code} 审核得分 ${review} 与自评得分 ${self} 相差超过 ${limit} 分，请在“扣分说明及佐证材料”中说明原因。`,
  reviewPartial: (stage: string, missing: readonly string[]) => `${stage}得分只填了部分项目，${missing.join("、")} 未填；未填的项目按上一阶段得分计。`,
} as const;
