import type { Issue } from "../issues";
import type { Tier } from "../rubric/rubric";
import type { ItemScore, SectionScore, StageTotals } from "../scoring/score";
import type { Entry, Filling, HeaderValues } from "../scoring/filling";
import type { Rubric } from "../rubric/rubric";
import type { FoundScoresheet } from "../scoresheet/locate";
import type { TypedCells } from "../scoresheet/typed";
import type { Resubmission } from "./resubmission";
import type { WorkbookSnapshot } from "../../sheet/snapshot";
import type { Roster, RosterEntry } from "./roster";

/** What became of one input file: every input ends in exactly one of these. */
export type InputStatus = "accepted" | "rejected" | "superseded";

/** One input file's outcome, with the reasons in Chinese. */
export interface InputOutcome {
  readonly file: string;
  readonly status: InputStatus;
  readonly reasons: readonly string[];
  /** "所属党委 / 党支部名称" when the file could be read as a scoresheet, else null. */
  readonly branch: string | null;
  /** A branch scoresheet, or a committee report rolled up. */
  readonly kind: "scoresheet" | "report" | "unknown";
  /** How many branches the file contributed (1 for a scoresheet, n for a report, 0 when not accepted). */
  readonly branches: number;
  /** The 所属党委 the file belongs to, when it could be told (a scoresheet's, a one-committee report's). */
  readonly committee: string | null;
  /** A scoresheet's own scores as read, kept even when a newer file supersedes it (the 回执 states them). */
  readonly scores?: { readonly self: number; readonly final: number; readonly tier: Tier };
  /** The file's SHA-256 (lowercase hex) as the adapter computed it from its bytes, for the 回执; null when unread. */
  readonly sha256?: string | null;
  /** When the file was received (its modification time, ms since epoch), for the 回执; null when unknown. */
  readonly received?: number | null;
}

/** A file a lower level received and did not use (拒收, 被替代), carried up in its report so nothing goes unexplained. */
export interface CarriedInput {
  readonly committee: string;
  readonly file: string;
  readonly status: "rejected" | "superseded";
  readonly reason: string;
  /** The report it was carried in. */
  readonly via: string;
}

/** The roster's branches against what arrived (null in a Consolidation without a roster). */
export interface RosterSummary {
  /** The roster's branches, given and carried up from lower levels' reports, each once. */
  readonly entries: readonly RosterEntry[];
  /** Branches on the roster. */
  readonly expected: number;
  /** Roster branches that sent a file. */
  readonly submitted: number;
  /** 未报送: on the roster, no file. */
  readonly missing: readonly RosterEntry[];
  /** 名册外: a file, not on the roster. */
  readonly unlisted: readonly BranchRow[];
}

/** One committee's whole set of branches: 党支部数, 已报, 未报送, tiers, 达标比例 and its 20 % recommendation. */
export interface CommitteeSummary {
  /** Normalised committee name. */
  readonly key: string;
  readonly name: string;
  /** True when a roster lists this committee's branches; without one, 未报送 cannot be known. */
  readonly hasRoster: boolean;
  /** 应报: the roster's branches of this committee, or null without a roster. */
  readonly expected: number | null;
  /** 已报: branches that sent a file this round. */
  readonly submitted: number;
  /** 党支部数: roster branches plus those that submitted without being on it. */
  readonly branches: number;
  readonly missing: readonly RosterEntry[];
  readonly unlisted: readonly BranchRow[];
  /** The committee's branches that sent a file this round. */
  readonly present: readonly BranchRow[];
  /** Tiers of the branches that submitted; a 未报送 branch is in none of them and counts as not 达标. */
  readonly counts: TierCounts;
  /** (示范 + 先进 + 达标) ÷ 党支部数. */
  readonly passRate: number;
  readonly recommendation: Recommendation;
  readonly rejected: readonly InputOutcome[];
  readonly superseded: readonly InputOutcome[];
  readonly carried: readonly CarriedInput[];
}

/** One branch in the consolidated result: recomputed scores, what the committee typed, and where it came from. */
export interface BranchRow {
  /** Normalised (所属党委, 党支部名称): the branch's identity. */
  readonly key: string;
  readonly header: HeaderValues;
  readonly items: readonly ItemScore[];
  readonly sections: readonly SectionScore[];
  readonly totals: StageTotals;
  readonly tier: Tier;
  readonly selfTier: Tier;
  readonly caps: readonly string[];
  readonly vetoes: readonly string[];
  /** Entries as read, by slot key — what the next level's roll-up recomputes from. */
  readonly entries: Readonly<Record<string, Entry>>;
  readonly vetoAnswers: Readonly<Record<string, boolean>>;
  /** What was typed but could not be read, by header key, slot key or veto code: 明细 shows it rather than a blank. */
  readonly unread: Readonly<Record<string, string>>;
  readonly notes: Readonly<Record<string, string>>;
  /** Integrity flags: altered formulas or maxima, cached totals that differ, another rubric (possible 弄虚作假). */
  readonly flags: readonly string[];
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly Issue[];
  /** The file the branch's data came from. */
  readonly file: string;
  /** 备注 and 命名 typed by the committee into the report. */
  readonly remark: string;
  readonly naming: string;
  /** True when the branch was in the previous report but no input of this run has it. */
  readonly vanished: boolean;
  /** 待核实: why the branch is kept off 推荐名单 and 公示名单 until the committee releases it; empty when nothing holds it. */
  readonly held: readonly string[];
  /** The committee typed 已核实 in the branch's 汇总表 row (carried over like 审核得分). */
  readonly verified: boolean;
  /** What the branch typed, unread, from its own scoresheet (not from a report): the 退回修改 workbook shows it. */
  readonly typed?: TypedCells;
  /** What this submission changed against the branch's earlier one (superseded in this batch, or in --previous). */
  readonly resubmission?: Resubmission;
}

/** An issue found in one input, with its file and branch, for the 问题清单. */
export interface FileIssue extends Issue {
  readonly file: string;
  readonly branch: string | null;
  /** The branch's identity (BranchRow.key) when the issue is about one branch: 汇总表's 错误数/警告数 count these. */
  readonly key?: string;
}

/** Counts by tier. */
export type TierCounts = Readonly<Record<Tier, number>>;

/** The recommendation of 示范 branches (notice 附件2): at least ⌈ratio × branches⌉. */
export interface Recommendation {
  readonly ratio: number;
  readonly required: number;
  readonly chosen: readonly BranchRow[];
  /** A plain sentence when 示范 + 先进 are too few, else null. */
  readonly shortfall: string | null;
}

/** The whole result of one consolidation. */
export interface Consolidation {
  readonly inputs: readonly InputOutcome[];
  readonly branches: readonly BranchRow[];
  readonly issues: readonly FileIssue[];
  readonly counts: TierCounts;
  /** (示范 + 先进 + 达标) ÷ 党支部数, 0..1: the roster's branches count, a 未报送 one as not 达标. */
  readonly passRate: number;
  /** Every committee's recommendation together (at least ⌈ratio × 党支部数⌉ each). */
  readonly recommendation: Recommendation;
  /** The roster against what arrived; null when no roster was given or carried up. */
  readonly roster: RosterSummary | null;
  /** Per committee, in name order: what the 统计, 收齐情况 and the 附件2 blocks are made from. */
  readonly committees: readonly CommitteeSummary[];
  /** Files lower levels rejected or replaced, carried up in their reports. */
  readonly carried: readonly CarriedInput[];
  readonly rubricName: string;
  readonly rubricVersion: string;
  readonly fingerprint: string;
}

/** One input as the adapter read it: a snapshot, or the reason it could not be read. */
export interface ConsolidationInput {
  readonly file: string;
  /** Last modification time (ms since epoch) when known: decides which of two submissions is newer. */
  readonly modified: number | null;
  readonly book: WorkbookSnapshot | null;
  readonly readError?: string;
  /** SHA-256 of the file's bytes (lowercase hex), computed where the bytes are: it goes into the 回执. */
  readonly sha256?: string;
}

/** Options of a consolidation run. */
export interface ConsolidateOptions {
  readonly rubric: Rubric;
  /** The core has no clock: today's date is passed in. */
  readonly today: Date;
  /** The previous report, already read: typed review scores, 备注 and 命名 are carried over. */
  readonly previous?: WorkbookSnapshot;
  /** Accept submissions scored on another rubric (flagged) instead of rejecting them. */
  readonly acceptOtherRubric?: boolean;
  readonly ratio?: number;
  /** The committee's roster (名册): 党支部数 counts it, and its branches without a file are 未报送. */
  readonly roster?: Roster;
}

/** A branch candidate before duplicates are settled. */
export interface Candidate {
  readonly row: BranchRow;
  readonly input: number;
  readonly modified: number | null;
  readonly filling: Filling;
  /** The located cells and reading issues: kept only when a previous report may ask to recompute the row. */
  readonly found?: FoundScoresheet;
  readonly readIssues?: readonly Issue[];
  readonly fromReport: boolean;
}
