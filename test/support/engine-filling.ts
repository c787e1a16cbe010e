import {
  assess,
  DEFAULT_RUBRIC,
  EMPTY_HEADER,
  type Assessment,
  type Entry,
  type Filling,
  type HeaderValues,
  type TypedValue,
} from "../../src/core";
import { fullMarksEntries, noVetoes } from "./fillings";

/** The engine's reading of fillings.ts's validHeader(): a 机关 branch, 12 members, a 支委会 of 5, 2 党小组. */
export const VALID_HEADER: HeaderValues = {
  ...EMPTY_HEADER,
  name: "市财政局机关第一党支部",
  committee: "市财政局机关党委",
  type: "机关",
  leader: "王建国",
  contact: "0391-3560001",
  members: 12,
  probationary: 1,
  hasCommittee: true,
  committeeSize: 5,
  groups: 2,
  lastElection: { year: 2018, month: 6, day: 15 },
  stars: 4,
  year: 2019,
  satisfaction: null,
};

/** How the engine reads a typed value: 是/否 become booleans, everything else stays as typed. */
function asEntry(v: TypedValue): Entry {
  if (v === "是") return true;
  if (v === "否") return false;
  return v as Entry;
}

/** What a case changes besides entries. */
export interface FillingChanges {
  readonly header?: Partial<HeaderValues>;
  readonly reviews?: Readonly<Record<string, number>>;
  readonly samples?: Readonly<Record<string, number>>;
  readonly vetoes?: Readonly<Record<string, boolean>>;
  readonly notes?: Readonly<Record<string, string>>;
}

/** A full-marks filling with a valid header and no veto, with the given entries changed: `filling({ D2: 10, "A2.1": 1 })`. */
export function filling(
  entries: Readonly<Record<string, Entry>> = {},
  changes: FillingChanges = {}
): Filling {
  const full = Object.fromEntries(
    Object.entries(fullMarksEntries()).map(([k, v]) => [k, asEntry(v)])
  );
  const vetoes = Object.fromEntries(
    Object.entries(noVetoes()).map(([k, v]) => [k, asEntry(v) === true])
  );
  return {
    header: { ...VALID_HEADER, ...changes.header },
    entries: { ...full, ...entries },
    reviews: changes.reviews ?? {},
    samples: changes.samples ?? {},
    vetoes: { ...vetoes, ...changes.vetoes },
    notes: changes.notes ?? {},
  };
}

/** The default rubric's assessment of `filling(entries, changes)`. */
export function assessed(
  entries: Readonly<Record<string, Entry>> = {},
  changes: FillingChanges = {}
): Assessment {
  return assess(DEFAULT_RUBRIC, filling(entries, changes));
}

/** Ways to lose points one step at a time; the first 19.5 points keep every section at or above 80%. */
const LEVERS: readonly { key: string; cost: number; steps: number; from: number; by: number }[] = [
  { key: "C1.1", cost: 1, steps: 4, from: 0, by: 1 }, // 缺少材料的关键环节数
  { key: "F2.1", cost: 1, steps: 3, from: 0, by: 1 }, // 缺少的档案类别数
  { key: "A1.1", cost: 1, steps: 2, from: 0, by: 1 }, // 缺少的设置要素
  { key: "D5", cost: 0.5, steps: 12, from: 12, by: -1 }, // 主题党日月份数
  { key: "B2", cost: 0.5, steps: 5, from: 3, by: -0.5 }, // 支委分工明确 (JUDGE)
  { key: "E2.1", cost: 0.5, steps: 4, from: 0, by: 1 }, // 缺少的上墙内容项数
  { key: "D1", cost: 1, steps: 4, from: 4, by: -1 }, // 召开党员大会的季度数
  { key: "D4", cost: 1, steps: 4, from: 4, by: -1 }, // 党课次数
  { key: "D2", cost: 0.5, steps: 8, from: 12, by: -1 }, // 召开支委会的月份数
];

/** Entries that lose exactly `points` (a multiple of 0.5, at most 31.5) from full marks. */
export function losing(points: number): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const used = new Map<string, number>();
  let left = points;
  while (left > 0) {
    const lever = LEVERS.find((l) => (used.get(l.key) ?? 0) < l.steps && l.cost <= left);
    if (!lever) throw new Error(`cannot lose ${points} points`);
    const n = (used.get(lever.key) ?? 0) + 1;
    used.set(lever.key, n);
    out[lever.key] = lever.from + lever.by * n;
    left -= lever.cost;
  }
  return out;
}
