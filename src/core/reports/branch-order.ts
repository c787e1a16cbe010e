import type { BranchRow, Consolidation } from "../consolidation/model";

/** The branches that submitted this round (a vanished one is only remembered from the previous report). */
export function presentBranches(c: Consolidation): BranchRow[] {
  return c.branches.filter((b) => !b.vanished);
}

/** By 所属党委, then final score (best first), then key, so the order never depends on input order. */
export function byCommitteeThenScore(a: BranchRow, b: BranchRow): number {
  const ca = a.header.committee ?? "";
  const cb = b.header.committee ?? "";
  return (
    ca.localeCompare(cb, "zh-CN") ||
    b.totals.final - a.totals.final ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
