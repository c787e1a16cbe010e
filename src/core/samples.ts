import type { TypedFilling, TypedValue } from "./fill-template";
import { dateToSerial } from "./readings";
import { allItems, enabledVetoes, type Rubric } from "./rubric";
import { slotsOf } from "./slots";

/** A fictional branch's scoresheet as typed, for the demo and the docs. */
export interface SampleBranch {
  /** A file name such as "市财政局机关党委-第一党支部.xlsx". */
  readonly file: string;
  /** What the example shows. */
  readonly shows: string;
  readonly typed: TypedFilling;
}

/** Entries giving every item full marks, for a branch with `groups` 党小组. */
function fullEntries(rubric: Rubric, groups: number): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const item of allItems(rubric)) {
    const r = item.rule;
    for (const slot of slotsOf(item)) {
      if (slot.kind === "score") out[slot.key] = item.max;
      else if (slot.kind === "ladder") out[slot.key] = "好";
      else if (slot.kind === "bool") out[slot.key] = "是";
      else if (slot.kind === "count" && r.type === "COUNT") out[slot.key] = r.perGroup ? r.required * groups : r.required;
      else if (slot.kind === "clause") out[slot.key] = 0;
      else if (slot.kind === "covered") out[slot.key] = r.type === "COVER" ? (r.cover.required ?? 30) : 30;
      else if (slot.kind === "required") out[slot.key] = 30;
    }
  }
  return out;
}

function branch(
  rubric: Rubric,
  committee: string,
  name: string,
  leader: string,
  over: { entries?: Record<string, TypedValue>; header?: TypedFilling["header"]; notes?: Record<string, TypedValue>; vetoes?: Record<string, TypedValue> },
): TypedFilling {
  const groups = typeof over.header?.groups === "number" ? over.header.groups : 2;
  return {
    header: {
      name,
      committee,
      type: "机关",
      leader,
      contact: "0391-35600" + String(name.length).padStart(2, "0"),
      members: 14,
      probationary: 1,
      hasCommittee: "是",
      committeeSize: 5,
      groups,
      lastElection: dateToSerial({ year: 2018, month: 3, day: 20 }),
      stars: "四星",
      year: 2019,
      satisfaction: 92,
      ...over.header,
    },
    entries: { ...fullEntries(rubric, groups), ...over.entries },
    notes: over.notes ?? {},
    vetoes: { ...Object.fromEntries(enabledVetoes(rubric).map((v) => [v.code, "否"])), ...over.vetoes },
  };
}

/** Built-in example scoresheets: one per tier and one with typical typing mistakes. */
export function sampleBranches(rubric: Rubric): SampleBranch[] {
  const c1 = "市财政局机关党委";
  const c2 = "市教育局机关党委";
  return [
    {
      file: `${c1}-第一党支部.xlsx`,
      shows: "示范：各项齐全",
      typed: branch(rubric, c1, "市财政局机关第一党支部", "王建国", { header: { stars: "五星" }, entries: { B2: 2.5, "E2.1": 1 }, notes: { B2: "分工文件未及时更新", E2: "缺发展党员流程图" } }),
    },
    {
      file: `${c1}-第二党支部.xlsx`,
      shows: "先进：支委会和主题党日有缺月",
      typed: branch(rubric, c1, "市财政局机关第二党支部", "李红梅", {
        entries: { D2: 9, D5: 9, "F2.1": 2, C5: "较好", "C2.3": 24, "B5.2": 1, "E3.1": 1 },
        notes: { D2: "1、7、8月未召开支委会", D5: "春节、8月、9月未开展", F2: "缺上级文件、换届材料两类", C5: "志愿服务开展较少", C2: "6名党员学时不足", B5: "班子成员学时不足", E3: "无电教设备" },
      }),
    },
    {
      file: `${c2}-后勤党支部.xlsx`,
      shows: "达标：组织生活会未召开，等次封顶",
      typed: branch(rubric, c2, "市教育局机关后勤党支部", "张伟", {
        header: { stars: "三星", satisfaction: null },
        entries: { "D6.1": 1, D4: 3, "F3.2": 1 },
        notes: { D6: "2019年未召开组织生活会", D4: "全年党课3次", F3: "年度总结未形成" },
      }),
    },
    {
      file: `${c2}-离退休党支部.xlsx`,
      shows: "未达标：换届逾期、组织生活缺失",
      typed: branch(rubric, c2, "市教育局离退休干部党支部", "赵振华", {
        header: { lastElection: dateToSerial({ year: 2014, month: 5, day: 8 }), stars: "二星", groups: 0 },
        entries: { "A3.1": 1, D1: 2, D2: 5, D3: "不适用", D4: 1, D5: 5, "D7.1": 1, "F1.1": 2, "F1.3": 10, "F2.1": 4, B3: "否", B4: "否" },
        notes: { A3: "任期届满未换届", D1: "仅召开2次", D2: "多月未召开", D4: "党课1次", D5: "主题党日开展不足", D7: "未开展民主评议", F1: "平台录入不全", F2: "档案缺失", B3: "书记未讲党课", B4: "未述职" },
      }),
    },
    {
      file: `${c2}-教研党支部（填写有误）.xlsx`,
      shows: "填写有误：文本数字、超出范围、缺说明",
      typed: branch(rubric, c2, "市教育局机关教研党支部", "陈静", {
        header: { members: "１５人", committeeSize: 9, satisfaction: "85%" },
        entries: { B2: "2.5分", D1: 5, D2: "十个月", "A2.3": 1.5, E1: "√", C5: "良好" },
      }),
    },
  ];
}
