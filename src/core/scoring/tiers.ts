import type { Filling } from "./filling";
import { allItems, TIERS, type Rubric, type Tier } from "../rubric/rubric";
import type { ItemScore } from "./score";
import { slotsOf } from "../rubric/slots";

/** Why a tier was held below what the total alone would give. */
export interface Cap {
  readonly rule: "veto" | "clause" | "satisfaction" | "示范条件";
  /** The highest tier the rule allows. */
  readonly tier: Tier;
  readonly reason: string;
}

/** A tier with how it was reached. */
export interface TierResult {
  readonly tier: Tier;
  /** The tier the total alone would give. */
  readonly byTotal: Tier;
  readonly caps: readonly Cap[];
}

/** 示范 = 3 … 未达标 = 0, so caps combine with min(). */
export function tierLevel(tier: Tier): number {
  return TIERS.length - 1 - TIERS.indexOf(tier);
}

/** The tier of a level 0..3. */
export function tierOfLevel(level: number): Tier {
  return TIERS[TIERS.length - 1 - level] ?? "未达标";
}

/** The tier a total reaches by the thresholds alone. */
export function tierByTotal(rubric: Rubric, total: number): Tier {
  const t = rubric.thresholds;
  return total >= t.示范 ? "示范" : total >= t.先进 ? "先进" : total >= t.达标 ? "达标" : "未达标";
}

/** The least score a section needs for 示范, rounded so sheet and engine compare the same constant. */
export function sectionFloorFor示范(rubric: Rubric, sectionMax: number): number {
  return Math.round(rubric.caps.sectionShareFor示范 * sectionMax * 1e6) / 1e6;
}

/** The clause entries that cap the tier when they occur (e.g. 组织生活会未召开 ⇒ at most 达标). */
export function clauseCaps(rubric: Rubric): readonly ClauseCap[] {
  // The same for every scoresheet of a rubric: made once per rubric.
  let caps = rubricCaps.get(rubric);
  if (!caps) rubricCaps.set(rubric, (caps = capsOf(rubric)));
  return caps;
}

/** A clause entry that caps the tier: its slot, the tier it allows at most, and its words. */
interface ClauseCap {
  readonly key: string;
  readonly tier: Tier;
  readonly label: string;
  readonly itemTitle: string;
}

const rubricCaps = new WeakMap<Rubric, readonly ClauseCap[]>();

function capsOf(rubric: Rubric): ClauseCap[] {
  return allItems(rubric).flatMap((item) =>
    slotsOf(item).flatMap((slot) => {
      if (slot.kind !== "clause" || slot.clause === undefined || item.rule.type !== "CHECK")
        return [];
      const clause = item.rule.clauses[slot.clause];
      return clause?.capsTier
        ? [{ key: slot.key, tier: clause.capsTier, label: clause.label, itemTitle: item.title }]
        : [];
    })
  );
}

/** The tier for a stage's total and section totals, with every cap of RUBRIC.md applied. */
export function tierFor(
  rubric: Rubric,
  filling: Filling,
  vetoes: readonly string[],
  total: number,
  sections: readonly { code: string; title: string; max: number; score: number }[]
): TierResult {
  const byTotal = tierByTotal(rubric, total);
  const caps: Cap[] = [];
  if (vetoes.length > 0)
    caps.push({ rule: "veto", tier: "未达标", reason: `存在一票否决项（${vetoes.join("、")}）` });
  for (const c of clauseCaps(rubric)) {
    const v = filling.entries[c.key];
    if (typeof v === "number" && v > 0)
      caps.push({
        rule: "clause",
        tier: c.tier,
        reason: `${c.itemTitle}：${c.label}，等次最高为${c.tier}`,
      });
  }
  const sat = filling.header.satisfaction;
  if (sat !== null && sat < rubric.caps.satisfactionCap)
    caps.push({
      rule: "satisfaction",
      tier: "达标",
      reason: `群众满意度${sat}%低于${rubric.caps.satisfactionCap}%，等次最高为达标`,
    });
  const weak = sections.filter((s) => s.score < sectionFloorFor示范(rubric, s.max));
  if (weak.length > 0)
    caps.push({
      rule: "示范条件",
      tier: "先进",
      reason: `${weak.map((s) => s.title).join("、")}得分低于该部分满分的${rubric.caps.sectionShareFor示范 * 100}%，不能评为示范`,
    });
  if (sat !== null && sat < rubric.caps.satisfactionFor示范)
    caps.push({
      rule: "示范条件",
      tier: "先进",
      reason: `群众满意度${sat}%低于${rubric.caps.satisfactionFor示范}%，不能评为示范`,
    });
  const level = caps.reduce((l, c) => Math.min(l, tierLevel(c.tier)), tierLevel(byTotal));
  return { tier: tierOfLevel(level), byTotal, caps };
}

/** What separates a branch from the next tier: points short, what blocks it, and where points can be won. */
export interface Gap {
  readonly next: Tier | null;
  readonly pointsShort: number;
  /** Caps that would still hold the branch below `next` even with the points. */
  readonly blockers: readonly string[];
  /** Items with points still to win, most first. */
  readonly chances: readonly {
    readonly code: string;
    readonly title: string;
    readonly points: number;
  }[];
  /** One sentence, e.g. "距先进还差 2.5 分；D2 支委会 可得 1.5 分". */
  readonly summary: string;
}

/** The gap from the current tier to the next one up. */
export function gapToNext(
  rubric: Rubric,
  result: TierResult,
  total: number,
  items: readonly ItemScore[]
): Gap {
  const level = tierLevel(result.tier);
  if (level === 3)
    return {
      next: null,
      pointsShort: 0,
      blockers: [],
      chances: [],
      summary: "已达到最高等次“示范”。",
    };
  const next = tierOfLevel(level + 1);
  const threshold = rubric.thresholds[next as keyof Rubric["thresholds"]];
  const pointsShort = Math.max(0, threshold - total);
  const blockers = result.caps.filter((c) => tierLevel(c.tier) < level + 1).map((c) => c.reason);
  const chances = items
    .map((i) => ({ code: i.code, title: i.title, points: i.max - i.final }))
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points || a.code.localeCompare(b.code))
    .slice(0, 3);
  const parts: string[] = [];
  if (pointsShort > 0) parts.push(`距${next}还差 ${pointsShort} 分`);
  parts.push(...blockers);
  if (pointsShort > 0 && chances.length > 0)
    parts.push(chances.map((c) => `${c.code} ${c.title} 可得 ${c.points} 分`).join("，"));
  if (parts.length === 0) parts.push(`已达到${next}分数线`);
  return { next, pointsShort, blockers, chances, summary: parts.join("；") };
}
