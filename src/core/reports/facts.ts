import type { Consolidation } from "../consolidation/model";
import {
  allItems,
  BRANCH_TYPES,
  enabledVetoes,
  TIERS,
  type Rubric,
  type Tier,
} from "../rubric/rubric";
import { presentBranches } from "./branch-order";

/** The rule code of an overdue 换届 (RUBRIC.md V10). */
const OVERDUE_RULE = "V10";
/** How many of the most-deducted items the 统计 lists. */
const TOP_DEDUCTIONS = 10;

/** One item's lost points over all branches: the 存在问题 of the reports. */
export interface Deduction {
  readonly code: string;
  readonly title: string;
  readonly max: number;
  /** Sum over branches of max − final. */
  readonly total: number;
  /** Per branch counted. */
  readonly average: number;
  /** How many branches lost points there. */
  readonly branches: number;
}

/** The numbers the 统计 and 工作情况 sheets are both made from, so the two can never disagree. */
export interface ReportFacts {
  /** Branches that submitted this round. */
  readonly submitted: number;
  /** 党支部数: the roster's branches plus those that submitted without being on it (without a roster, `submitted`). */
  readonly total: number;
  /** 未报送: roster branches that sent nothing. */
  readonly missing: number;
  /** True when a roster was given (or carried up), so 未报送 is known. */
  readonly hasRoster: boolean;
  /** Branches on the 推荐名单, all committees together. */
  readonly recommended: number;
  /** Committees that cannot recommend their ⌈ratio × 党支部数⌉. */
  readonly shortCommittees: number;
  readonly vanished: number;
  readonly byType: readonly {
    readonly type: string;
    readonly counts: Readonly<Record<Tier, number>>;
    readonly total: number;
  }[];
  readonly counts: Readonly<Record<Tier, number>>;
  /** (示范 + 先进 + 达标) ÷ 党支部数, 0..1. */
  readonly passRate: number;
  readonly ratio: number;
  /** Σ ⌈ratio × 党支部数⌉ over the committees: the least number of 示范 recommendations. */
  readonly required: number;
  readonly inputs: {
    readonly total: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly superseded: number;
  };
  readonly deductions: readonly Deduction[];
  /** Every enabled veto with how many branches answered 是. */
  readonly vetoes: readonly {
    readonly code: string;
    readonly title: string;
    readonly branches: number;
  }[];
  readonly vetoed: number;
  readonly overdue: number;
  readonly withErrors: number;
  /** Branches with integrity flags (altered formulas or maxima, stale totals, another rubric). */
  readonly flagged: number;
}

const zero = (): Record<Tier, number> => ({ 示范: 0, 先进: 0, 达标: 0, 未达标: 0 });

/** Counts what the reports say about a consolidation: tiers by type, inputs, deductions, vetoes, overdue 换届. */
export function reportFacts(c: Consolidation, rubric: Rubric): ReportFacts {
  const present = presentBranches(c);
  const counts = zero();
  const types = new Map<string, Record<Tier, number>>();
  for (const b of present) {
    counts[b.tier]++;
    const type = b.header.type ?? "未填写";
    const row = types.get(type) ?? zero();
    row[b.tier]++;
    types.set(type, row);
  }
  // In the dropdown's order, so the table reads like the form; anything else (未填写) last.
  const order = (t: string): number => {
    const i = (BRANCH_TYPES as readonly string[]).indexOf(t);
    return i < 0 ? BRANCH_TYPES.length : i;
  };
  const byType = [...types]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([type, row]) => ({ type, counts: row, total: TIERS.reduce((a, t) => a + row[t], 0) }));
  const status = (s: string): number => c.inputs.filter((i) => i.status === s).length;
  const missing = c.roster?.missing.length ?? 0;
  return {
    submitted: present.length,
    total: c.committees.reduce((a, k) => a + k.branches, 0),
    missing,
    hasRoster: c.roster !== null,
    recommended: c.recommendation.chosen.length,
    shortCommittees: c.committees.filter((k) => k.recommendation.shortfall !== null).length,
    vanished: c.branches.length - present.length,
    byType,
    counts,
    passRate: c.passRate,
    ratio: c.recommendation.ratio,
    required: c.recommendation.required,
    inputs: {
      total: c.inputs.length,
      accepted: status("accepted"),
      rejected: status("rejected"),
      superseded: status("superseded"),
    },
    deductions: deductions(c, rubric),
    vetoes: enabledVetoes(rubric).map((v) => ({
      code: v.code,
      title: v.title,
      branches: present.filter((b) => b.vetoes.includes(v.code)).length,
    })),
    vetoed: present.filter((b) => b.vetoes.length > 0).length,
    overdue: present.filter((b) => b.issues.some((i) => i.rule === OVERDUE_RULE)).length,
    withErrors: present.filter((b) => b.errors > 0).length,
    flagged: present.filter((b) => b.flags.length > 0).length,
  };
}

/** The items that lost the most points in total, most first; ties by code. */
function deductions(c: Consolidation, rubric: Rubric): Deduction[] {
  const present = presentBranches(c);
  return allItems(rubric)
    .map((item) => {
      const lost = present.map((b) => {
        const s = b.items.find((i) => i.code === item.code);
        return s ? s.max - s.final : 0;
      });
      const total = lost.reduce((a, x) => a + x, 0);
      return {
        code: item.code,
        title: item.title,
        max: item.max,
        total,
        average: present.length === 0 ? 0 : total / present.length,
        branches: lost.filter((x) => x > 0).length,
      };
    })
    .filter((d) => d.total > 0)
    .sort((a, b) => b.total - a.total || (a.code < b.code ? -1 : 1))
    .slice(0, TOP_DEDUCTIONS);
}
