import type { Filling } from "./filling";
import type { Rubric } from "../rubric/rubric";
import {
  scoreItems,
  scoreSections,
  sumStages,
  triggeredVetoes,
  type ItemScore,
  type SectionScore,
  type StageTotals,
} from "./score";
import { gapToNext, tierFor, type Gap, type TierResult } from "./tiers";

/** Everything the engine computes for one scoresheet. */
export interface Assessment {
  readonly items: readonly ItemScore[];
  readonly sections: readonly SectionScore[];
  readonly totals: StageTotals;
  /** Enabled vetoes answered 是. */
  readonly vetoes: readonly string[];
  /** The tier on the 自评 scores. */
  readonly selfTier: TierResult;
  /** The tier on the 最终 scores: the branch's tier. */
  readonly tier: TierResult;
  readonly gap: Gap;
}

/** Scores a filled scoresheet with a rubric: items, sections, stage totals, tiers with caps, and the gap. */
export function assess(rubric: Rubric, filling: Filling): Assessment {
  const items = scoreItems(rubric, filling);
  const sections = scoreSections(rubric, items);
  const totals = sumStages(items);
  const vetoes = triggeredVetoes(rubric, filling);
  const per = (pick: (s: SectionScore) => number) =>
    sections.map((s) => ({ code: s.code, title: s.title, max: s.max, score: pick(s) }));
  const selfTier = tierFor(
    rubric,
    filling,
    vetoes,
    totals.self,
    per((s) => s.self)
  );
  const tier = tierFor(
    rubric,
    filling,
    vetoes,
    totals.final,
    per((s) => s.final)
  );
  return {
    items,
    sections,
    totals,
    vetoes,
    selfTier,
    tier,
    gap: gapToNext(rubric, tier, totals.final, items),
  };
}
