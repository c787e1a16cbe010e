import type { CoverPart, Item } from "./rubric";

/** What kind of value an entry cell takes. */
export type SlotKind = "score" | "ladder" | "bool" | "count" | "clause" | "covered" | "required";

/** One entry cell of an item: the item's own row, or a sub-row (code "A2.1") under it. */
export interface Slot {
  /** The item code for a single-entry item; "A2.1", "A2.2"… for the sub-rows of a multi-entry item. */
  readonly key: string;
  readonly item: Item;
  readonly kind: SlotKind;
  /** What to enter, shown on the sub-row. */
  readonly label: string;
  /** Allowed range for numeric kinds. */
  readonly min: number;
  readonly max: number;
  /** Index into the CHECK item's clauses, for kind "clause". */
  readonly clause?: number;
}

/** The ladder levels of a graded JUDGE item and their share of the item's max. */
export const LADDER: readonly { readonly level: string; readonly share: number }[] = [
  { level: "好", share: 1 },
  { level: "较好", share: 0.75 },
  { level: "一般", share: 0.5 },
  { level: "差", share: 0 },
];

/** The entry cells an item needs, in row order: one on the item row, or one per sub-row. */
export function slotsOf(item: Item): readonly Slot[] {
  // Asked for many times for every scoresheet read: made once per item.
  let slots = itemSlots.get(item);
  if (!slots) itemSlots.set(item, (slots = slotsFor(item)));
  return slots;
}

const itemSlots = new WeakMap<Item, readonly Slot[]>();

function slotsFor(item: Item): Slot[] {
  const r = item.rule;
  switch (r.type) {
    case "JUDGE":
      return [
        single(
          item,
          r.ladder ? "ladder" : "score",
          r.ladder ? "好/较好/一般/差" : `得分 0～${item.max}`,
          0,
          item.max
        ),
      ];
    case "BOOL":
      return [single(item, "bool", "是/否", 0, 1)];
    case "COUNT":
      return [
        single(
          item,
          "count",
          `${r.unit}数`,
          0,
          r.perGroup ? 999 : countCeiling(r.unit, r.required)
        ),
      ];
    case "COVER":
      return coverSlots(item, r.cover, 0, true);
    case "CHECK": {
      const clauses = r.clauses.map((c, i): Slot => ({
        key: `${item.code}.${i + 1}`,
        item,
        kind: "clause",
        label: c.label,
        min: 0,
        max: c.maxCount,
        clause: i,
      }));
      return r.cover ? [...clauses, ...coverSlots(item, r.cover, clauses.length, false)] : clauses;
    }
  }
}

/** True when the item's entry sits on its own row rather than on sub-rows. */
export function isSingleEntry(item: Item): boolean {
  const slots = slotsOf(item);
  return slots.length === 1 && slots[0]?.key === item.code;
}

function single(item: Item, kind: SlotKind, label: string, min: number, max: number): Slot {
  return { key: item.code, item, kind, label, min, max };
}

/** Periods in a year cap what can be counted per month or quarter; raw counts are open-ended. */
function countCeiling(unit: string, required: number): number {
  if (unit === "月") return 12;
  if (unit === "季度") return 4;
  return Math.max(required * 10, 99);
}

function coverSlots(item: Item, cover: CoverPart, offset: number, mayBeSingle: boolean): Slot[] {
  if (cover.required !== undefined && mayBeSingle)
    return [single(item, "covered", cover.label, 0, cover.required)];
  const [coveredLabel, requiredLabel] = splitCoverLabel(cover.label);
  const covered: Slot = {
    key: `${item.code}.${offset + 1}`,
    item,
    kind: "covered",
    label: coveredLabel,
    min: 0,
    max: cover.required ?? 99999,
  };
  if (cover.required !== undefined) return [covered];
  return [
    covered,
    {
      key: `${item.code}.${offset + 2}`,
      item,
      kind: "required",
      label: requiredLabel,
      min: 0,
      max: 99999,
    },
  ];
}

/** "学时达标人数 / 党员总数" → ["学时达标人数", "党员总数"]. */
function splitCoverLabel(label: string): [string, string] {
  const parts = label.split("/").map((p) => p.trim());
  return [parts[0] ?? label, parts[1] ?? "应覆盖数"];
}
