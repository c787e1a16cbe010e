import type { Entry, HeaderValues } from "./filling";
import { allItems, type Item, type Rubric } from "../rubric/rubric";
import { slotsOf, type Slot } from "../rubric/slots";

// Some coverage items ask the branch for a figure the sheet itself already determines: C2's 党员总数
// is the header's 正式 + 预备党员, and F1's 应开展的三会一课、主题党日次数 follows from D1–D5 and the
// header's 党小组数. A branch that types a larger figure dilutes its own coverage; a smaller one
// inflates it. The check compares; it never overwrites what was typed.

/** A coverage item's required count as the sheet determines it, with the reckoning in Chinese. */
export interface ExpectedCount {
  /** The item whose cover part it is (C2, F1). */
  readonly item: string;
  /** Its "required" slot, where the branch types the figure (C2.4, F1.4). */
  readonly slot: string;
  /** What the slot asks for ("党员总数"). */
  readonly label: string;
  /** The item's "covered" slot (C2.3, F1.3): a branch that covered everything types the same figure there. */
  readonly covered: string | undefined;
  readonly value: number;
  /** How the figure follows from the sheet: "正式党员 14 人＋预备党员 1 人". */
  readonly why: string;
}

/** The meetings of 三会一课 and 主题党日 a year (D1 党员大会 … D5 主题党日): F1's activities are these. */
const MEETING_ITEMS = ["D1", "D2", "D3", "D4", "D5"] as const;

/** The required counts the sheet determines, for the items the rubric has; a figure that cannot be known yet is left out. */
export function expectedCounts(
  rubric: Rubric,
  header: HeaderValues,
  entries: Readonly<Record<string, Entry>>
): ExpectedCount[] {
  const items = new Map(allItems(rubric).map((i) => [i.code, i]));
  const out: ExpectedCount[] = [];
  const add = (code: string, value: number, why: string): void => {
    const item = items.get(code);
    const slot = requiredSlot(item);
    const covered = item && slotsOf(item).find((s) => s.kind === "covered")?.key;
    if (slot) out.push({ item: code, slot: slot.key, label: slot.label, covered, value, why });
  };
  if (header.members !== null && header.probationary !== null)
    add(
      "C2",
      header.members + header.probationary,
      `表头正式党员 ${header.members} 人＋预备党员 ${header.probationary} 人`
    );
  const meetings = meetingCount(items, header, entries);
  if (meetings) add("F1", meetings.value, meetings.why);
  return out;
}

/** The slot where an item's cover part asks for the required count, when it asks for one. */
function requiredSlot(item: Item | undefined): Slot | undefined {
  return item ? slotsOf(item).find((s) => s.kind === "required") : undefined;
}

/** D1–D5's yearly requirements summed: an item answered 不适用 (no 支委会, no 党小组) requires none. */
function meetingCount(
  items: ReadonlyMap<string, Item>,
  header: HeaderValues,
  entries: Readonly<Record<string, Entry>>
): { value: number; why: string } | null {
  const parts: string[] = [];
  let value = 0;
  for (const code of MEETING_ITEMS) {
    const item = items.get(code);
    const r = item?.rule;
    if (!item || r?.type !== "COUNT") return null;
    const none = entries[code] === "不适用" || (code === "D2" && header.hasCommittee === false);
    if (r.perGroup && header.groups === null && !none) return null;
    const n = none ? 0 : r.perGroup ? r.required * (header.groups ?? 0) : r.required;
    value += n;
    parts.push(
      r.perGroup && !none
        ? `${code} ${item.title} ${n} 次（${header.groups} 个党小组×${r.required}）`
        : `${code} ${item.title} ${n} 次${none ? "（不适用）" : ""}`
    );
  }
  return { value, why: parts.join("＋") };
}

/** How a required slot's figure follows from the sheet, for its input prompt; undefined for a slot the sheet does not determine. */
export function countHint(rubric: Rubric, slotKey: string): string | undefined {
  const items = new Map(allItems(rubric).map((i) => [i.code, i]));
  if (requiredSlot(items.get("C2"))?.key === slotKey) return "应等于表头正式党员人数＋预备党员人数";
  if (requiredSlot(items.get("F1"))?.key !== slotKey) return undefined;
  const parts: string[] = [];
  for (const code of MEETING_ITEMS) {
    const r = items.get(code)?.rule;
    if (r?.type !== "COUNT") return undefined;
    parts.push(r.perGroup ? `${code} ${r.required}×党小组数` : `${code} ${r.required}`);
  }
  return `应等于 D1～D5 全年应开展次数之和：${parts.join("＋")}（填“不适用”的不计）`;
}
