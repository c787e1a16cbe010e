import type { ReadNote } from "./readings";
import { BRANCH_TYPES, STAR_CHOICES, TIERS } from "./rubric/rubric";
import { RULE_WORDS } from "./rubric/rule-words";

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
  unreadable: (what: string, raw: string, expected: string) =>
    `${what}填的“${raw}”无法识别，请填${expected}。`,
  missing: (what: string, expected: string) => `${what}未填写，请填${expected}。`,
  missingField: (label: string, prompt: string) => `${label}未填写。${prompt}`,
  outOfRange: (what: string, value: number, min: number, max: number) =>
    `${what}填的 ${value} 超出范围，应在 ${min}～${max} 之间。`,
  notHalfStep: (what: string, value: number) =>
    `${what}填的 ${value} 不是0.5分的整数倍，已按 ${Math.floor(value * 2) / 2} 分计算，请改正。`,
  notWhole: (what: string, value: number) => `${what}填的 ${value} 不是整数，请填整数。`,
  naNotAllowed: (what: string) => `${what}不能填“不适用”，请按实际情况填报。`,
  missingRow: (code: string) =>
    `打分表缺少 ${code} 这一行（表格结构被改动），请使用上级下发的模板重新填写。`,
  unknownRow: (code: string) => `打分表中的 ${code} 不是本评分标准的项目，该行不计分。`,
  noMeta:
    "打分表缺少隐藏的“_dabiao”工作表，无法确认使用的评分标准版本；已按当前评分标准计分，请使用上级下发的模板。",
  otherRubric: (theirs: string, ours: string) =>
    `此表使用的评分标准（指纹 ${theirs}）与当前评分标准（指纹 ${ours}）不同，分数按当前评分标准重新计算。`,
  maxAltered: (code: string, shown: string, max: number) =>
    `${code} 的分值被改成了“${shown}”，评分标准规定为 ${max} 分；已按 ${max} 分计算，请勿修改分值。`,
  formulaAltered: (code: string) =>
    `${code} 的自评得分公式被改动或删除；得分已按填报内容重新计算，请勿修改公式。`,
  cachedMismatch: (what: string, shown: string, computed: string) =>
    `${what}表内显示为 ${shown}，按填报内容计算应为 ${computed}；以计算结果为准（表格可能被改动或未重新计算）。`,
  deductionUnexplained: (code: string, title: string, lost: number) =>
    `${code} ${title} 扣了 ${lost} 分，但“扣分说明及佐证材料”未填写，请写明扣分原因和佐证材料。`,
  reviewUnexplained: (code: string, self: number, review: number, limit: number) =>
    `${code} 审核得分 ${review} 与自评得分 ${self} 相差超过 ${limit} 分，请在“扣分说明及佐证材料”中说明原因。`,
  reviewPartial: (stage: string, missing: readonly string[]) =>
    `${stage}得分只填了部分项目，${missing.join("、")} 未填；未填的项目按上一阶段得分计。`,
} as const;

/** Messages about the 评分标准 table, each saying what to change. */
export const RUBRIC_MSG = {
  noHeader: "找不到考核项目表的表头行（含“编号”“计分方式”的一行）。请不要删除或改写表头。",
  noColumn: (label: string) => `表头缺少“${label}”列。请恢复该列（表头文字须与原表一致）。`,
  noVetoHeader:
    "找不到一票否决项的表头行（含“编号”“一票否决情形”“启用”的一行）。请不要删除或改写该表头。",
  noSetting: (label: string) =>
    `找不到“${label}”这一设置。请恢复该设置的标签格，并在其右边填写数值。`,
  noItems: "表中没有任何考核项目。请至少保留一个部分和其下的考核项目。",
  duplicate: (code: string, first: string) =>
    `编号 ${code} 重复（第一次出现在 ${first}）。请改为不重复的编号。`,
  missingCode: (where: string) =>
    `${where}没有填编号。请填编号，如部分填 A，项目填 A4，扣分项填 A2.3。`,
  noSection: (code: string) => `${code} 上方没有所属部分行。请在其上方插入部分行（编号如 A）。`,
  notInSection: (code: string, section: string) =>
    `${code} 不属于其所在的部分 ${section}。项目编号应为部分编号加序号，如 ${section}1；请改编号或把该行移到所属部分下。`,
  noItem: (code: string) => `${code} 上方没有所属的考核项目。请把该行移到所属项目下方。`,
  notInItem: (code: string, item: string) =>
    `${code} 不属于其上方的项目 ${item}。分项编号应为项目编号加“.序号”，如 ${item}.1；请改编号或移动该行。`,
  sectionSum: (code: string, sum: number, title: string, declared: number) =>
    `${code}：分值合计 ${sum} 分，与“${title}”声明的 ${declared} 分不符。请调整各项分值或该部分分值。`,
  totalSum: (sum: number, total: number) =>
    `各部分分值合计 ${sum} 分，与满分 ${total} 分不符。请调整各部分分值或满分。`,
  unknownRule: (code: string, raw: string) =>
    `${code} 的计分方式“${raw}”无法识别。请从下拉列表选择：${Object.values(RULE_WORDS).join("、")}。`,
  noRule: (code: string) =>
    `${code} 没有填计分方式。请从下拉列表选择：评判、评判-四档、是否、计次、扣分、覆盖率。`,
  subRule: (code: string) => `${code} 是分项行（编号带“.”），计分方式只能是“扣分项”或“覆盖率”。`,
  tooDeep: (code: string, deduct: number, item: string, max: number) =>
    `${code}：每次扣分 ${deduct} 分，超过了 ${item} 的分值 ${max} 分。请调小每次扣分或调大分值。`,
  notPositiveWhole: (what: string, value: number) =>
    `${what}填的 ${value} 不是正整数。请填 1、2、3 这样的整数。`,
  countNeeds: (code: string, label: string) =>
    `${code} 的计分方式是“计次”，但没有填${label}。请填写。`,
  noClauses: (code: string) =>
    `${code} 的计分方式是“扣分”，但下方没有扣分项。请在其下方插入扣分项行（编号 ${code}.1，计分方式“扣分项”），或改用其他计分方式。`,
  noCover: (code: string) =>
    `${code} 的计分方式是“覆盖率”，但下方没有覆盖率行。请在其下方插入一行（编号 ${code}.1，计分方式“覆盖率”）。`,
  clauseUnder: (code: string, item: string) =>
    `${code} 是扣分项，但 ${item} 的计分方式不是“扣分”。请把 ${item} 改为“扣分”，或删除该行。`,
  coverUnder: (code: string, item: string) =>
    `${code} 是覆盖率行，但 ${item} 的计分方式不是“扣分”或“覆盖率”。请改 ${item} 的计分方式，或删除该行。`,
  secondCover: (code: string, item: string) =>
    `${item} 下已经有一行覆盖率，${code} 是第二行。每个项目只能有一行覆盖率，请删除多余的一行。`,
  coverTooBig: (code: string, points: number, item: string, max: number) =>
    `${code}：覆盖率分值 ${points} 分，超过了 ${item} 的分值 ${max} 分。请调小。`,
  thresholdRange: (label: string, value: number, total: number) =>
    `${label} ${value} 分不在 0～${total} 分之间。请改正。`,
  thresholdOrder: (a: string, va: number, b: string, vb: number) =>
    `${b} ${vb} 分应低于${a} ${va} 分（示范 > 先进 > 达标）。请调整分数线。`,
  share: (label: string, value: number) =>
    `${label}填的 ${value}% 不在 0～100% 之间。请填 0～100 的数，如 80 表示80%。`,
  blankSetting: (label: string, expected: string) =>
    `“${label}”右边的格子没有填写。请填${expected}。`,
  emptyTitle: (what: string) => `${what}是空的。请填写。`,
  noVetoCode: (row: number) => `第 ${row} 行的一票否决项没有编号。请填编号，如 X6。`,
  badCap: (code: string, raw: string) =>
    `${code} 的等次封顶“${raw}”无法识别。请从下拉列表选择：${TIERS.join("、")}，不封顶的留空。`,
  halfStep: (what: string, value: number) =>
    `${what} ${value} 不是0.5分的整数倍。请改为如 1、1.5、2 这样的分数。`,
  notPositive: (what: string, value: number) => `${what}填的 ${value} 应大于0。请改正。`,
  negative: (what: string, value: number) => `${what}填的 ${value} 不能小于0。请改正。`,
} as const;

/** Messages about a roster (名册) the committee gave; each names the row or branch and what to do. */
export const ROSTER_MSG = {
  noSheet: () => "名册工作簿中没有工作表。请用 dabiao roster 生成空白名册，填写后再使用。",
  noColumns: (sheet: string) =>
    `名册“${sheet}”中找不到表头“所属党委（党总支）”和“党支部名称”。请在第一行写上这两列的标题（可用 dabiao roster 生成空白名册）。`,
  empty: (sheet: string) => `名册“${sheet}”中没有党支部。请在表头下逐行填写所属党委和党支部名称。`,
  noCommittee: (row: number) =>
    `第 ${row} 行没有填写所属党委（党总支）。请每行都填写（合并的单元格只有第一行有内容，请取消合并后逐行填写）。`,
  noName: (row: number) => `第 ${row} 行没有填写党支部名称。请补填，或删除这一行。`,
  emptyNames: (row: number) =>
    `第 ${row} 行填了负责人等信息，但没有所属党委和党支部名称。请补填，或删除这一行。`,
  duplicate: (name: string, first: string) =>
    `“${name}”在名册中出现了两次（第一次在 ${first}）。同一党支部只能登记一次，请删除重复的一行。`,
  badType: (raw: string) => `支部类型“${raw}”无法识别。请填：${BRANCH_TYPES.join("、")}。`,
  badStars: (raw: string) => `星级“${raw}”无法识别。请填：${STAR_CHOICES.join("、")}，或留空。`,
} as const;
