/** The four tiers of the assessment, best first. */
export const TIERS = ["示范", "先进", "达标", "未达标"] as const;
/** One of the four tiers. */
export type Tier = (typeof TIERS)[number];

/** The branch types of the scoresheet's 支部类型 dropdown. */
export const BRANCH_TYPES = [
  "农村",
  "社区",
  "机关",
  "国有企业",
  "非公企业",
  "社会组织",
  "其他",
] as const;
/** One branch type. */
export type BranchType = (typeof BRANCH_TYPES)[number];

/** The 星级 choices, best first; 未评 means no rating yet. */
export const STAR_CHOICES = ["五星", "四星", "三星", "二星", "一星", "未评"] as const;

/** A deduction clause of a CHECK item: `deduct` points for each occurrence, at most `maxCount` occurrences. */
export interface Clause {
  readonly label: string;
  readonly deduct: number;
  readonly maxCount: number;
  /** When the clause occurs at all, the tier is capped here (e.g. 组织生活会未召开 ⇒ at most 达标). */
  readonly capsTier?: Tier;
}

/** A coverage part: `points` × covered ÷ required, rounded down to 0.5; `required` fixed, or entered when absent. */
export interface CoverPart {
  readonly points: number;
  readonly label: string;
  readonly required?: number;
}

/** How an item is scored from the branch's entry. */
export type Rule =
  | { readonly type: "JUDGE"; readonly ladder: boolean }
  | { readonly type: "BOOL" }
  | {
      readonly type: "COUNT";
      readonly required: number;
      readonly deduct: number;
      /** What is counted: 次, 月, 季度; 组月 multiplies `required` by the number of 党小组. */
      readonly unit: string;
      readonly perGroup: boolean;
    }
  | { readonly type: "CHECK"; readonly clauses: readonly Clause[]; readonly cover?: CoverPart }
  | { readonly type: "COVER"; readonly cover: CoverPart };

/** The rule type names, as codes. */
export type RuleType = Rule["type"];

/** One scored item of the rubric. */
export interface Item {
  readonly code: string;
  readonly title: string;
  /** The 评分标准 text shown on the form. */
  readonly standard: string;
  readonly max: number;
  readonly rule: Rule;
  /** Whether 不适用 (full marks, marked) may be entered. */
  readonly naAllowed: boolean;
  readonly evidence: string;
}

/** One of the six areas; its max is the sum of its items. */
export interface Section {
  readonly code: string;
  readonly title: string;
  readonly items: readonly Item[];
}

/** A veto (一票否决) condition; a disabled veto is not on the form and never applies. */
export interface Veto {
  readonly code: string;
  readonly title: string;
  readonly enabled: boolean;
}

/** Tier thresholds on the final total after caps. */
export interface Thresholds {
  readonly 示范: number;
  readonly 先进: number;
  readonly 达标: number;
}

/** The cap rules' parameters (RUBRIC.md "Tiers and caps"). */
export interface Caps {
  /** 示范 needs every section at or above this share of its max. */
  readonly sectionShareFor示范: number;
  /** 示范 needs a measured satisfaction (%) at or above this. */
  readonly satisfactionFor示范: number;
  /** A measured satisfaction (%) below this caps the tier at 达标. */
  readonly satisfactionCap: number;
}

/** A complete scoring standard: what the work committee publishes and every score is computed from. */
export interface Rubric {
  readonly name: string;
  readonly version: string;
  readonly total: number;
  readonly sections: readonly Section[];
  readonly vetoes: readonly Veto[];
  readonly thresholds: Thresholds;
  readonly caps: Caps;
  /** Term of office (years) of the branch committee by branch type. */
  readonly termYears: Readonly<Record<BranchType, number>>;
  /** |自评 − 审核| above this needs an explanation. */
  readonly reviewDeltaLimit: number;
}

/** Every item of the rubric in order. */
export function allItems(rubric: Rubric): readonly Item[] {
  // Asked for many times for every scoresheet read: made once per rubric.
  let items = itemLists.get(rubric);
  if (!items) itemLists.set(rubric, (items = rubric.sections.flatMap((s) => s.items)));
  return items;
}

const itemLists = new WeakMap<Rubric, readonly Item[]>();

/** A section's maximum: the sum of its items' maxima. */
export function sectionMax(section: Section): number {
  return section.items.reduce((sum, item) => sum + item.max, 0);
}

/** The vetoes that apply. */
export function enabledVetoes(rubric: Rubric): Veto[] {
  return rubric.vetoes.filter((v) => v.enabled);
}
