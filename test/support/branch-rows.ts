import {
  accountFor,
  assess,
  heldReasons,
  DEFAULT_RATIO,
  DEFAULT_RUBRIC,
  rubricFingerprint,
  tierCounts,
  type RosterEntry,
  type BranchRow,
  type BranchType,
  type Consolidation,
  type Entry,
  type FileIssue,
  type InputOutcome,
  type Issue,
  type Tier,
} from "../../src/core";
import { filling, losing, type FillingChanges } from "./engine-filling";

/** What a test says about one branch; everything else is a plausible full-marks 机关 branch of 12 members. */
export interface BranchSketch {
  readonly committee?: string;
  readonly name?: string;
  readonly type?: BranchType;
  readonly leader?: string;
  /** 1–5, 0 for 未评; four stars by default. */
  readonly stars?: number | null;
  /** Points lost from full marks, through real entries (engine-filling's `losing`). */
  readonly lose?: number;
  readonly entries?: Readonly<Record<string, Entry>>;
  readonly changes?: FillingChanges;
  /** Forces the tier or final total, for ordering cases that need no real scores. */
  readonly tier?: Tier;
  readonly final?: number;
  readonly warnings?: number;
  readonly issues?: readonly Issue[];
  readonly flags?: readonly string[];
  readonly vanished?: boolean;
  readonly remark?: string;
  readonly naming?: string;
  readonly file?: string;
  readonly verified?: boolean;
}

/** A BranchRow scored by the engine from a full-marks filling with the sketch's changes. */
export function branchRow(s: BranchSketch = {}): BranchRow {
  const committee = s.committee ?? "市财政局机关党委";
  const name = s.name ?? "第一党支部";
  const header = {
    ...s.changes?.header,
    committee,
    name,
    ...(s.type !== undefined && { type: s.type }),
    ...(s.leader !== undefined && { leader: s.leader }),
    ...(s.stars !== undefined && { stars: s.stars }),
  };
  const f = filling({ ...(s.lose ? losing(s.lose) : {}), ...s.entries }, { ...s.changes, header });
  const a = assess(DEFAULT_RUBRIC, f);
  const issues = s.issues ?? [];
  return {
    key: `${committee}｜${name}`,
    header: f.header,
    items: a.items,
    sections: a.sections,
    totals: s.final === undefined ? a.totals : { ...a.totals, final: s.final },
    tier: s.tier ?? a.tier.tier,
    selfTier: a.selfTier.tier,
    caps: a.tier.caps.map((c) => c.reason),
    vetoes: a.vetoes,
    entries: f.entries,
    vetoAnswers: f.vetoes,
    unread: {},
    notes: f.notes,
    flags: s.flags ?? [],
    errors: issues.filter((i) => i.severity === "错误").length,
    warnings: s.warnings ?? issues.filter((i) => i.severity === "警告").length,
    issues,
    file: s.file ?? `${committee}-${name}.xlsx`,
    remark: s.remark ?? "",
    naming: s.naming ?? "",
    vanished: s.vanished ?? false,
    held: heldReasons(
      {
        flags: s.flags ?? [],
        errors: issues.filter((i) => i.severity === "错误").length,
        tier: s.tier ?? a.tier.tier,
      },
      { typedStages: [], sheetTier: null }
    ),
    verified: s.verified ?? false,
  };
}

/** `n` branches of one tier, named 第1…第n党支部, with falling scores. */
export function many(n: number, tier: Tier, committee = "市财政局机关党委"): BranchRow[] {
  return Array.from({ length: n }, (_, i) =>
    branchRow({ committee, name: `${tier}第${i + 1}党支部`, tier, final: 95 - i * 0.5 })
  );
}

/** What a consolidation adds around its branches. */
export interface ConsolidationSketch {
  readonly inputs?: readonly InputOutcome[];
  readonly issues?: readonly FileIssue[];
  readonly ratio?: number;
  readonly roster?: readonly RosterEntry[];
}

/** A Consolidation of the given branches as the consolidator would make it: one accepted input per branch, the default rubric. */
export function consolidationOf(
  branches: readonly BranchRow[],
  s: ConsolidationSketch = {}
): Consolidation {
  const present = branches.filter((b) => !b.vanished);
  const accepted = present.map((b): InputOutcome => ({
    file: b.file,
    status: "accepted",
    reasons: [],
    branch: b.key,
    kind: "scoresheet",
    branches: 1,
    committee: b.header.committee ?? null,
  }));
  const inputs = [...accepted, ...(s.inputs ?? [])];
  const whole = accountFor(branches, s.roster ?? null, s.ratio ?? DEFAULT_RATIO, inputs);
  return {
    inputs,
    branches,
    issues:
      s.issues ??
      present.flatMap((b) => b.issues.map((i) => ({ ...i, file: b.file, branch: b.key }))),
    counts: tierCounts(present),
    passRate: whole.passRate,
    recommendation: whole.recommendation,
    roster: whole.roster,
    committees: whole.committees,
    carried: [],
    rubricName: DEFAULT_RUBRIC.name,
    rubricVersion: DEFAULT_RUBRIC.version,
    fingerprint: rubricFingerprint(DEFAULT_RUBRIC),
  };
}
