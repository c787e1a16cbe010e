import type { TypedFilling, TypedValue } from "../scoresheet/fill";
import { dateToSerial } from "../readings";
import { allItems, enabledVetoes, type Rubric } from "../rubric/rubric";
import { slotsOf } from "../rubric/slots";
import { pick, randomInt, seededRandom } from "../random";
import { readBool, readNumber } from "../readings";
import { expectedCounts } from "../scoring/expected-counts";
import { EMPTY_HEADER, type Entry, type HeaderValues } from "../scoring/filling";

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
      else if (slot.kind === "count" && r.type === "COUNT")
        out[slot.key] = r.perGroup ? r.required * groups : r.required;
      else if (slot.kind === "clause") out[slot.key] = 0;
      else if (slot.kind === "covered")
        out[slot.key] = r.type === "COVER" ? (r.cover.required ?? 30) : 30;
      else if (slot.kind === "required") out[slot.key] = 30;
    }
  }
  return out;
}

/**
 * The required counts the sheet determines (C2's 党员总数, F1's 应开展次数), typed as a careful branch
 * would: a full-marks 覆盖 entry covers all of them; an entry the case sets itself is left as it is.
 */
function countsAsTheSheetHasThem(
  rubric: Rubric,
  typed: TypedFilling["header"],
  entries: Readonly<Record<string, TypedValue>>,
  own: Readonly<Record<string, TypedValue>>
): Record<string, TypedValue> {
  const number = (v: TypedValue | undefined): number | null => {
    const r = readNumber(v ?? null);
    return r.ok ? r.value : null;
  };
  const yesNo = readBool(typed.hasCommittee ?? null);
  const header: HeaderValues = {
    ...EMPTY_HEADER,
    members: number(typed.members),
    probationary: number(typed.probationary),
    groups: number(typed.groups),
    hasCommittee: yesNo.ok ? yesNo.value : null,
  };
  const read: Record<string, Entry> = {};
  for (const [k, v] of Object.entries(entries)) read[k] = v === "不适用" ? "不适用" : number(v);
  const out: Record<string, TypedValue> = {};
  for (const e of expectedCounts(rubric, header, read)) {
    if (!(e.slot in own)) out[e.slot] = e.value;
    if (e.covered && !(e.covered in own)) out[e.covered] = e.value;
  }
  return out;
}

function branch(
  rubric: Rubric,
  committee: string,
  name: string,
  leader: string,
  over: {
    entries?: Record<string, TypedValue>;
    header?: TypedFilling["header"];
    notes?: Record<string, TypedValue>;
    vetoes?: Record<string, TypedValue>;
  }
): TypedFilling {
  const groups = typeof over.header?.groups === "number" ? over.header.groups : 2;
  const header: TypedFilling["header"] = {
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
  };
  const entries = { ...fullEntries(rubric, groups), ...over.entries };
  return {
    header,
    entries: {
      ...entries,
      ...countsAsTheSheetHasThem(rubric, header, entries, over.entries ?? {}),
    },
    notes: over.notes ?? {},
    vetoes: {
      ...Object.fromEntries(enabledVetoes(rubric).map((v) => [v.code, "否"])),
      ...over.vetoes,
    },
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
      typed: branch(rubric, c1, "市财政局机关第一党支部", "王建国", {
        header: { stars: "五星" },
        entries: { B2: 2.5, "E2.1": 1 },
        notes: { B2: "分工文件未及时更新", E2: "缺发展党员流程图" },
      }),
    },
    {
      file: `${c1}-第二党支部.xlsx`,
      shows: "先进：支委会和主题党日有缺月",
      typed: branch(rubric, c1, "市财政局机关第二党支部", "李红梅", {
        entries: {
          D2: 9,
          D5: 9,
          "F2.1": 2,
          C5: "较好",
          "C2.3": 9,
          "B5.2": 1,
          "E3.1": 1,
          D4: 3,
          "F3.1": 1,
        },
        notes: {
          D2: "1、7、8月未召开支委会",
          D5: "春节、8月、9月未开展",
          F2: "缺上级文件、换届材料两类",
          C5: "志愿服务开展较少",
          C2: "6名党员学时不足",
          B5: "班子成员学时不足",
          E3: "无电教设备",
          D4: "全年党课3次",
          F3: "年度计划未成文",
        },
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
        header: {
          lastElection: dateToSerial({ year: 2014, month: 5, day: 8 }),
          stars: "二星",
          groups: 0,
        },
        entries: {
          "A3.1": 1,
          D1: 2,
          D2: 5,
          D3: "不适用",
          D4: 1,
          D5: 5,
          "D7.1": 1,
          "F1.1": 2,
          "F1.3": 10,
          "F2.1": 4,
          B3: "否",
          B4: "否",
        },
        notes: {
          A3: "任期届满未换届",
          D1: "仅召开2次",
          D2: "多月未召开",
          D4: "党课1次",
          D5: "主题党日开展不足",
          D7: "未开展民主评议",
          F1: "平台录入不全",
          F2: "档案缺失",
          B3: "书记未讲党课",
          B4: "未述职",
        },
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

const COMMITTEES = ["市财政局机关党委", "市教育局机关党委", "市卫生健康委机关党委"];
const UNITS = [
  "办公室",
  "综合科",
  "人事科",
  "预算科",
  "国库科",
  "政策法规科",
  "信息中心",
  "机关服务中心",
  "监督检查科",
  "规划科",
];
const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "赵",
  "黄",
  "周",
  "吴",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
];
const GIVEN = [
  "建华",
  "秀英",
  "志强",
  "丽娟",
  "国庆",
  "海燕",
  "卫东",
  "春梅",
  "振宇",
  "静",
  "磊",
  "红霞",
  "晓东",
  "玉兰",
];

/** Deductions real branches typically have: slot key → a mild and a severe entry, and the explanation. */
const TYPICAL: readonly (readonly [string, TypedValue, TypedValue, string])[] = [
  ["D2", 10, 6, "有几个月未召开支委会"],
  ["D5", 10, 6, "有几个月未开展主题党日"],
  ["D4", 3, 1, "党课次数不足"],
  ["B2", 2, 1, "分工不明确"],
  ["C5", "较好", "一般", "党员作用发挥不够"],
  ["E2.1", 2, 5, "上墙内容不全"],
  ["F2.1", 1, 4, "档案分类不全"],
  ["F1.1", 1, 2, "平台党员信息有错漏"],
  ["C3.1", 1, 3, "党费收缴不规范"],
  ["D6.2", 1, 2, "组织生活会环节不全"],
  ["B5.2", 1, 1, "班子成员学时不足"],
  ["C1.1", 1, 3, "发展党员材料缺环节"],
  ["E3.1", 1, 2, "学习宣传阵地不全"],
  ["F3.2", 1, 1, "年度总结未形成"],
  ["D1", 3, 2, "有季度未召开党员大会"],
  ["A3.2", 1, 1, "换届程序材料不全"],
  ["D7.2", 1, 2, "民主评议环节不全"],
  ["C2.2", 1, 1, "无集中学习记录"],
  ["E4.1", 1, 2, "场所管理制度不全"],
  ["B4", "是", "否", "书记未述职"],
];

/** A realistic fictional scoresheet per branch for the demo: committees, names, and a spread of tiers. */
export function demoBranches(rubric: Rubric, count: number, seed: number): SampleBranch[] {
  const next = seededRandom(seed);
  const out: SampleBranch[] = [];
  for (let i = 0; i < count; i++) {
    const committee = COMMITTEES[i % COMMITTEES.length] ?? "";
    const unit = UNITS[Math.floor(i / COMMITTEES.length) % UNITS.length] ?? "";
    const name = `${committee.replace("机关党委", "")}${unit}党支部`;
    const leader = pick(next, SURNAMES) + pick(next, GIVEN);
    // Quality decides how many typical deductions the branch has: a few strong, most middling, a few weak.
    const quality = next();
    const deductions =
      quality > 0.75
        ? randomInt(next, 0, 3)
        : quality > 0.35
          ? randomInt(next, 4, 10)
          : randomInt(next, 10, TYPICAL.length);
    const severe = quality < 0.35 ? 0.6 : quality < 0.6 ? 0.25 : 0;
    const chosen = [...TYPICAL];
    for (let j = chosen.length - 1; j > 0; j--) {
      const k = Math.floor(next() * (j + 1));
      [chosen[j], chosen[k]] = [
        chosen[k] as (typeof TYPICAL)[number],
        chosen[j] as (typeof TYPICAL)[number],
      ];
    }
    chosen.length = deductions;
    const entries: Record<string, TypedValue> = {};
    const notes: Record<string, TypedValue> = {};
    for (const [key, mild, hard, note] of chosen) {
      entries[key] = next() < severe ? hard : mild;
      notes[key.split(".")[0] ?? key] = note;
    }
    const stars =
      quality > 0.85 ? "五星" : quality > 0.55 ? "四星" : quality > 0.3 ? "三星" : "二星";
    const vetoes: Record<string, TypedValue> = next() < 0.04 ? { X5: "是" } : {};
    out.push({
      file: `${committee}-${unit}党支部.xlsx`,
      shows: "",
      typed: branch(rubric, committee, name, leader, {
        header: {
          members: randomInt(next, 7, 40),
          stars,
          satisfaction: next() < 0.5 ? null : randomInt(next, 150, 200) / 2,
        },
        entries,
        notes,
        vetoes,
      }),
    });
  }
  return out;
}
