import { BRANCH_TYPES } from "../rubric/rubric";

/** How a header field's value is entered and read. */
export type FieldKind =
  "text" | "branchType" | "count" | "bool" | "date" | "stars" | "year" | "percent";

/** One labelled field of the scoresheet's header block. */
export interface HeaderField {
  readonly key: HeaderKey;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly prompt: string;
}

/** The header fields' keys. */
export type HeaderKey =
  | "name"
  | "committee"
  | "type"
  | "leader"
  | "contact"
  | "members"
  | "probationary"
  | "hasCommittee"
  | "committeeSize"
  | "groups"
  | "lastElection"
  | "stars"
  | "year"
  | "satisfaction";

/** The header block of SPEC.md §3, in form order. */
export const HEADER_FIELDS: readonly HeaderField[] = [
  {
    key: "name",
    label: "党支部名称",
    kind: "text",
    required: true,
    prompt: "填写党支部全称，与上级批复一致。",
  },
  {
    key: "committee",
    label: "所属党委（党总支）",
    kind: "text",
    required: true,
    prompt: "填写上级党委或党总支全称。",
  },
  {
    key: "type",
    label: "支部类型",
    kind: "branchType",
    required: true,
    prompt: `从下拉列表选择：${BRANCH_TYPES.join("、")}。`,
  },
  {
    key: "leader",
    label: "党支部负责人",
    kind: "text",
    required: true,
    prompt: "填写党支部书记姓名。",
  },
  {
    key: "contact",
    label: "联系方式",
    kind: "text",
    required: true,
    prompt: "填写负责人手机或办公电话。",
  },
  {
    key: "members",
    label: "正式党员人数",
    kind: "count",
    required: true,
    prompt: "填写整数，不含预备党员。",
  },
  {
    key: "probationary",
    label: "预备党员人数",
    kind: "count",
    required: true,
    prompt: "填写整数，没有填0。",
  },
  {
    key: "hasCommittee",
    label: "是否设支委会",
    kind: "bool",
    required: true,
    prompt: "正式党员7人以上应设支委会。选择“是”或“否”。",
  },
  {
    key: "committeeSize",
    label: "支委人数",
    kind: "count",
    required: false,
    prompt: "设支委会的填委员人数（3～7人）；不设的填0。",
  },
  {
    key: "groups",
    label: "党小组数",
    kind: "count",
    required: true,
    prompt: "填写整数，未设党小组填0。",
  },
  {
    key: "lastElection",
    label: "上次换届时间",
    kind: "date",
    required: true,
    prompt: "填写日期，如 2017-05-12。",
  },
  {
    key: "stars",
    label: "星级",
    kind: "stars",
    required: true,
    prompt: "填写现有星级，从下拉列表选择；尚未评星选“未评”。",
  },
  {
    key: "year",
    label: "评分年度",
    kind: "year",
    required: true,
    prompt: "填写考核年度，如 2019。",
  },
  {
    key: "satisfaction",
    label: "群众满意度（%）",
    kind: "percent",
    required: false,
    prompt: "开展了满意度测评的填百分数（如 85 表示85%），未测评的留空。",
  },
];

/** Makes a label comparable however it was typed: no spaces, colons or asterisks, half-width brackets. */
export function normaliseLabel(text: string): string {
  // Item codes ("B2.1") and most cells are printable ASCII without what is removed: already normal.
  if (PLAIN_ASCII.test(text)) return text;
  const known = normalised.get(text);
  if (known !== undefined) return known;
  const label = text
    .normalize("NFKC")
    .replace(/[\s:：*＊]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
  // Every scoresheet repeats the template's labels: each is normalised once (NFKC is slow), in a
  // table a hostile batch cannot grow past a bound.
  if (normalised.size >= MAX_NORMALISED) normalised.clear();
  normalised.set(text, label);
  return label;
}

const PLAIN_ASCII = /^[!-)+-9;-~]*$/;
const normalised = new Map<string, string>();
const MAX_NORMALISED = 4096;
