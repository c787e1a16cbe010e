import type { Entry, Filling } from "./filling";
import { allItems, enabledVetoes, type CoverPart, type Item, type Rubric } from "../rubric/rubric";
import { LADDER, slotsOf } from "../rubric/slots";

/** An item's score at every stage. */
export interface ItemScore {
  readonly code: string;
  readonly title: string;
  readonly max: number;
  readonly self: number;
  readonly na: boolean;
  readonly review: number | null;
  readonly sample: number | null;
  /** 抽验 if present, else 审核 if present, else 自评; held to 0..max in 0.5 steps. */
  readonly final: number;
}

/** A stage's sum; review and sample are null when nobody entered any (see sumStages for a partly scored stage). */
export interface StageTotals {
  readonly self: number;
  readonly review: number | null;
  readonly sample: number | null;
  readonly final: number;
}

/** A section's maximum and its totals at every stage. */
export interface SectionScore extends StageTotals {
  readonly code: string;
  readonly title: string;
  readonly max: number;
}

/** Clamps to 0..max and rounds down to a multiple of 0.5 ("扣完为止", 0.5-point steps). */
export function clampStep(x: number, max: number): number {
  if (!(x > 0)) return 0;
  return Math.min(max, Math.floor(x * 2) / 2);
}

/** A numeric entry, or 0 when the entry is missing or not a number (as the sheet's N() reads it). */
function num(entry: Entry | undefined): number {
  return typeof entry === "number" ? entry : 0;
}

/** `points` × covered ÷ required, rounded down to 0.5; 0 when nothing is required. */
export function coverScore(cover: CoverPart, covered: number, required: number): number {
  if (!(required > 0)) return 0;
  return Math.floor((cover.points * 2 * Math.min(Math.max(covered, 0), required)) / required) / 2;
}

/** The 自评 score of one item from the branch's entries; `groups` is the header's 党小组数. */
export function selfScore(
  item: Item,
  entries: Readonly<Record<string, Entry>>,
  groups: number | null
): { score: number; na: boolean } {
  const own = entries[item.code];
  if (item.naAllowed && own === "不适用") return { score: item.max, na: true };
  const r = item.rule;
  const slots = slotsOf(item);
  const at = (i: number): Entry | undefined => {
    const slot = slots[i];
    return slot ? entries[slot.key] : undefined;
  };
  switch (r.type) {
    case "JUDGE":
      if (r.ladder) {
        const share = LADDER.find((l) => l.level === own)?.share ?? 0;
        return { score: clampStep(item.max * share, item.max), na: false };
      }
      return { score: typeof own === "number" ? clampStep(own, item.max) : 0, na: false };
    case "BOOL":
      return { score: own === true ? item.max : 0, na: false };
    case "COUNT": {
      if (typeof own !== "number") return { score: 0, na: false };
      const required = r.perGroup ? r.required * num(groups) : r.required;
      return {
        score: clampStep(item.max - r.deduct * Math.max(0, required - own), item.max),
        na: false,
      };
    }
    case "COVER":
      return {
        score: clampStep(coverScore(r.cover, num(at(0)), r.cover.required ?? num(at(1))), item.max),
        na: false,
      };
    case "CHECK": {
      const deducted = r.clauses.reduce((sum, c, i) => sum + c.deduct * num(at(i)), 0);
      const base = item.max - (r.cover?.points ?? 0);
      const n = r.clauses.length;
      const cover = r.cover
        ? coverScore(r.cover, num(at(n)), r.cover.required ?? num(at(n + 1)))
        : 0;
      return { score: clampStep(Math.max(0, base - deducted) + cover, item.max), na: false };
    }
  }
}

/** Every item's score at every stage. */
export function scoreItems(rubric: Rubric, filling: Filling): ItemScore[] {
  return allItems(rubric).map((item) => {
    const { score, na } = selfScore(item, filling.entries, filling.header.groups);
    const review = filling.reviews[item.code] ?? null;
    const sample = filling.samples[item.code] ?? null;
    // A committee's score off the item's range or 0.5 grid counts as 自评 entries do (V1 flags it).
    const later = sample ?? review;
    return {
      code: item.code,
      title: item.title,
      max: item.max,
      self: score,
      na,
      review,
      sample,
      final: later === null ? score : clampStep(later, item.max),
    };
  });
}

/**
 * Sums item scores into stage totals. A later stage nobody scored stays null; once any item has a
 * score at a stage, the stage's total counts every item — the ones left blank at their score of the
 * stage before (审核总分 = Σ 审核 else 自评; 抽验总分 = Σ 抽验 else 审核 else 自评), as 最终得分 does.
 */
export function sumStages(items: readonly ItemScore[]): StageTotals {
  const sum = (pick: (i: ItemScore) => number): number => items.reduce((a, i) => a + pick(i), 0);
  const reviewed = items.some((i) => i.review !== null);
  const sampled = items.some((i) => i.sample !== null);
  return {
    self: sum((i) => i.self),
    review: reviewed ? sum((i) => i.review ?? i.self) : null,
    sample: sampled ? sum((i) => i.sample ?? i.review ?? i.self) : null,
    final: sum((i) => i.final),
  };
}

/** How far a later stage reached: no item scored at it, some of them (部分审核), or every one. */
export type StageReach = "none" | "partial" | "all";

/** Whether the committee scored no item, some items or every item at a stage. */
export function stageReach(items: readonly ItemScore[], stage: "review" | "sample"): StageReach {
  const scored = items.filter((i) => i[stage] !== null).length;
  return scored === 0 ? "none" : scored < items.length ? "partial" : "all";
}

/** Section totals at every stage. */
export function scoreSections(rubric: Rubric, items: readonly ItemScore[]): SectionScore[] {
  const byCode = new Map(items.map((i) => [i.code, i]));
  return rubric.sections.map((section) => {
    const own = section.items
      .map((i) => byCode.get(i.code))
      .filter((i): i is ItemScore => i !== undefined);
    const max = section.items.reduce((a, i) => a + i.max, 0);
    return { code: section.code, title: section.title, max, ...sumStages(own) };
  });
}

/** The veto codes answered 是 among the enabled vetoes. */
export function triggeredVetoes(rubric: Rubric, filling: Filling): string[] {
  return enabledVetoes(rubric)
    .filter((v) => filling.vetoes[v.code] === true)
    .map((v) => v.code);
}
