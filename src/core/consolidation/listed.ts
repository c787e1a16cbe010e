import type { BranchRow, Consolidation, FileIssue } from "./model";
import type { Issue } from "../issues";
import { inputFileOf } from "./inputs";
import { branchLabel } from "./identity";

// The 汇总表 counts each branch's 错误 and 警告; the 问题清单 lists them. A committee that reads
// "错误数 2" must find those two in the list: every consolidation is checked before it is returned.

/** Whose issue it is: a branch (by key) in the input its row came in (`file` may be a source chain). */
export function issueOwner(key: string, file: string): string {
  return `${key}\u0000${inputFileOf(file)}`;
}

/** An issue of a branch row as the 问题清单 lists it: under the input the row came in, tied to the branch. */
export function branchIssue(issue: Issue, row: BranchRow): FileIssue {
  return { ...issue, file: inputFileOf(row.file), branch: branchLabel(row), key: row.key };
}

/** Each branch whose 错误数/警告数 differ from what the 问题清单 lists for it, said plainly; empty when all agree. */
export function unlistedCounts(c: Pick<Consolidation, "branches" | "issues">): string[] {
  const listed = new Map<string, { errors: number; warnings: number }>();
  for (const i of c.issues as readonly FileIssue[]) {
    if (i.key === undefined) continue;
    const id = issueOwner(i.key, i.file);
    const n = listed.get(id) ?? { errors: 0, warnings: 0 };
    if (i.severity === "错误") n.errors++;
    else if (i.severity === "警告") n.warnings++;
    listed.set(id, n);
  }
  return c.branches.flatMap((b: BranchRow) => {
    const n = listed.get(issueOwner(b.key, b.file)) ?? { errors: 0, warnings: 0 };
    return n.errors === b.errors && n.warnings === b.warnings
      ? []
      : [
          `${branchLabel(b)}：汇总表记错误 ${b.errors}、警告 ${b.warnings}，问题清单列出错误 ${n.errors}、警告 ${n.warnings}`,
        ];
  });
}
