/** How serious an issue is: 错误 blocks a submission, 警告 needs a look, 提示 is for information. */
export type Severity = "错误" | "警告" | "提示";

/** One finding about a scoresheet: rule code (RUBRIC.md V1–V26), where, and what to do, in Chinese. */
export interface Issue {
  readonly severity: Severity;
  readonly rule: string;
  /** The sheet the cell is on. */
  readonly sheet?: string;
  /** The A1 address of the cell to fix, when there is one. */
  readonly cell?: string;
  readonly message: string;
  /** For signs that the file was altered (possible 弄虚作假): a short label for the 汇总表's 标记 column. */
  readonly flag?: string;
}

/** Orders issues: errors first, then by cell position top to bottom. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const rank: Record<Severity, number> = { 错误: 0, 警告: 1, 提示: 2 };
  const pos = (c?: string): number => {
    const m = c ? /^([A-Z]+)(\d+)$/.exec(c) : null;
    return m ? Number(m[2]) * 100 + (m[1]?.charCodeAt(0) ?? 0) : -1;
  };
  return [...issues].sort(
    (a, b) => rank[a.severity] - rank[b.severity] || pos(a.cell) - pos(b.cell)
  );
}
