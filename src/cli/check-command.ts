import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { checkWorkbook, unusableFile, type Issue, type Rubric } from "../core";
import { readWorkbook } from "./files";

/** One file's outcome, as printed and as written by --json (SPEC.md §9). */
export interface CheckEntry {
  readonly file: string;
  readonly status: "accepted" | "rejected";
  readonly branch: string | null;
  readonly committee: string | null;
  readonly total: number | null;
  readonly selfTotal: number | null;
  readonly tier: string | null;
  readonly gap: string | null;
  readonly issues: readonly Issue[];
}

/** Checks one file: read, score and validate; an unreadable file is rejected with a Chinese reason naming it. */
export function checkFile(path: string, rubric: Rubric, today: Date): CheckEntry {
  const base = {
    file: path,
    branch: null,
    committee: null,
    total: null,
    selfTotal: null,
    tier: null,
    gap: null,
  };
  const unusable = unusableFile(path);
  if (unusable !== null)
    return {
      ...base,
      status: "rejected",
      issues: [{ severity: "错误", rule: "R0", message: `${basename(path)}：${unusable}` }],
    };
  let result;
  try {
    result = checkWorkbook(readWorkbook(readFileSync(path)), rubric, today);
  } catch (e) {
    const message = `${basename(path)}：${e instanceof Error ? e.message : String(e)}`;
    return { ...base, status: "rejected", issues: [{ severity: "错误", rule: "R0", message }] };
  }
  if (!result.ok)
    return {
      ...base,
      status: "rejected",
      issues: [{ severity: "错误", rule: "R0", message: `${basename(path)}：${result.reason}` }],
    };
  const a = result.assessment;
  return {
    file: path,
    status: "accepted",
    branch: result.filling.header.name,
    committee: result.filling.header.committee,
    total: a.totals.final,
    selfTotal: a.totals.self,
    tier: a.tier.tier,
    gap: a.gap.summary,
    issues: result.issues,
  };
}

/** True when a file was rejected or has errors (exit code 1). */
export function hasProblems(entry: CheckEntry): boolean {
  return entry.status === "rejected" || entry.issues.some((i) => i.severity === "错误");
}

/** The human-readable report of one file. */
export function formatEntry(entry: CheckEntry): string {
  const lines: string[] = [];
  if (entry.status === "rejected") {
    lines.push(`✗ ${entry.file}  不能读取`);
  } else {
    lines.push(`■ ${entry.file}`);
    lines.push(`  ${entry.branch ?? "（未填党支部名称）"}（${entry.committee ?? "未填所属党委"}）`);
    lines.push(`  自评 ${entry.selfTotal} 分，最终 ${entry.total} 分，等次：${entry.tier}`);
    if (entry.gap) lines.push(`  ${entry.gap}`);
  }
  const counts = (["错误", "警告", "提示"] as const)
    .map((s) => `${s} ${entry.issues.filter((i) => i.severity === s).length}`)
    .join("，");
  if (entry.issues.length > 0) lines.push(`  问题：${counts}`);
  for (const i of entry.issues)
    lines.push(
      `  [${i.severity}] ${i.cell ? `${i.sheet ?? ""}!${i.cell}` : "—"} ${i.rule}：${i.message}`
    );
  return lines.join("\n");
}
