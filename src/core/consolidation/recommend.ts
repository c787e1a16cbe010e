import { releasable } from "./held";
import type { BranchRow, Recommendation } from "./model";

/** The notice's share: 示范 recommendations at least 20% of the branches. */
export const DEFAULT_RATIO = 0.2;

/** ⌈ratio × n⌉ without float noise: 0.2 × 15 is 3.0000000000000004 in binary, and must give 3, not 4. */
export function requiredCount(n: number, ratio: number): number {
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`ratio must be within 0..1, got ${ratio}`);
  if (!(n > 0)) return 0;
  // Rounding to 1e-9 first absorbs the representation error of ratio × n; no real ratio is that fine.
  return Math.ceil(Math.round(ratio * n * 1e9) / 1e9);
}

/** A ratio as the notice writes it: 0.2 → "20%", 0.125 → "12.5%". */
export function percentText(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

/** Best first: final score, then stars, then fewer warnings, then key so the order never depends on input order. */
export function byMerit(a: BranchRow, b: BranchRow): number {
  return (
    b.totals.final - a.totals.final ||
    (b.header.stars ?? -1) - (a.header.stars ?? -1) ||
    a.warnings - b.warnings ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * The 示范 recommendation (SPEC §7): every 示范 branch, then 先进 by merit up to ⌈ratio × 党支部数⌉.
 * 党支部数 is the committee's whole set (its roster) when known; by default the branches that submitted.
 */
export function recommend(
  branches: readonly BranchRow[],
  ratio = DEFAULT_RATIO,
  total?: number
): Recommendation {
  // A branch only remembered from the previous report submitted nothing this round: it is not counted.
  const present = branches.filter((b) => !b.vanished);
  const required = requiredCount(total ?? present.length, ratio);
  // A held-back branch (待核实) is never recommended until the committee releases it; the others fill the quota.
  const open = present.filter(releasable);
  const model = open.filter((b) => b.tier === "示范").sort(byMerit);
  const advanced = open.filter((b) => b.tier === "先进").sort(byMerit);
  const chosen = [...model, ...advanced.slice(0, Math.max(0, required - model.length))];
  return {
    ratio,
    required,
    chosen,
    shortfall:
      chosen.length < required
        ? shortfallText(
            ratio,
            required,
            chosen.length,
            present.filter((b) => !releasable(b) && (b.tier === "示范" || b.tier === "先进")).length
          )
        : null,
  };
}

function shortfallText(ratio: number, required: number, available: number, held: number): string {
  const have =
    available === 0
      ? "没有可推荐的示范或先进党支部"
      : `示范和先进党支部只有 ${available} 个，已全部列入`;
  const waiting = held > 0 ? `（另有 ${held} 个示范或先进党支部待核实，核实前不予推荐）` : "";
  return `按不少于党支部数${percentText(ratio)}的要求应推荐 ${required} 个，${have}${waiting}，尚缺 ${required - available} 个。`;
}
