import type { Issue } from "../issues";
import type { Tier } from "../rubric/rubric";
import type { BranchRow } from "./model";
import { displayText } from "../readings";

/** A branch's score and tier at one submission. */
export interface Standing {
  readonly self: number;
  readonly final: number;
  readonly tier: Tier;
}

/** One entry that a resubmission changed: its slot key, and what was there before and now, as typed. */
export interface EntryChange {
  readonly key: string;
  readonly before: string;
  readonly after: string;
}

/** What a branch's newer submission changed against its earlier one (a superseded file, or the previous report). */
export interface Resubmission {
  /** Where the earlier data came from: a file of this batch, or the previous report. */
  readonly source: "superseded" | "previous";
  /** The earlier file (for the previous report: the file its data came from). */
  readonly earlierFile: string;
  readonly changes: readonly EntryChange[];
  /** Problems of the earlier submission that the newer one no longer has. */
  readonly fixed: readonly Issue[];
  /** Problems the newer one still has (new ones included). */
  readonly remaining: readonly Issue[];
  readonly before: Standing;
  readonly after: Standing;
}

/** What a problem is, whatever cell it sits in: a report's 明细 and a scoresheet place it differently. */
const problemKey = (i: Issue): string => `${i.rule}|${i.message}`;

/** Problems a resubmission is judged on: 错误 and 警告 (提示 are not to fix). */
const problems = (row: BranchRow): Issue[] => row.issues.filter((i) => i.severity !== "提示");

/** An entry as the branch typed it (when both sides kept it), else as it was read. */
function entryText(row: BranchRow, key: string, typed: boolean): string {
  const value = typed ? row.typed?.filling.entries[key] : undefined;
  if (value !== undefined) return displayText(value);
  const read = row.entries[key];
  return read === undefined || read === null
    ? ""
    : read === true
      ? "是"
      : read === false
        ? "否"
        : String(read);
}

/** What `now` changed against `earlier`, or null when nothing did (same entries, problems, score and tier). */
export function compareSubmissions(
  earlier: BranchRow,
  now: BranchRow,
  source: Resubmission["source"]
): Resubmission | null {
  const keys = [...new Set([...Object.keys(earlier.entries), ...Object.keys(now.entries)])];
  const bothTyped = earlier.typed !== undefined && now.typed !== undefined;
  const text = (row: BranchRow, key: string): string => entryText(row, key, bothTyped);
  const changes = keys
    .map((key) => ({ key, before: text(earlier, key), after: text(now, key) }))
    .filter((c) => c.before !== c.after);
  const nowKeys = new Set(problems(now).map(problemKey));
  const fixed = problems(earlier).filter((i) => !nowKeys.has(problemKey(i)));
  const remaining = problems(now);
  const standing = (r: BranchRow): Standing => ({
    self: r.totals.self,
    final: r.totals.final,
    tier: r.tier,
  });
  const before = standing(earlier);
  const after = standing(now);
  const same =
    changes.length === 0 &&
    fixed.length === 0 &&
    remaining.length === problems(earlier).length &&
    before.final === after.final &&
    before.self === after.self &&
    before.tier === after.tier;
  if (same) return null;
  return { source, earlierFile: earlier.file, changes, fixed, remaining, before, after };
}
