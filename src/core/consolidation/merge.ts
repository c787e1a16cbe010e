import { reportedRow, rowOf, withCarried } from "./branch-row";
import type { BranchRow, Candidate, ConsolidateOptions, FileIssue, InputOutcome } from "./model";
import type { Filling } from "../scoring/filling";
import { readReport } from "./read-report";
import { readFilling } from "../scoresheet/read-filling";
import type { WorkbookSnapshot } from "../../sheet/snapshot";
import { canonicalJson } from "../rubric/fingerprint";
import { fileName } from "./inputs";
import { branchIssue, issueOwner } from "./listed";
import { withFlags } from "./held";
import { compareSubmissions } from "./resubmission";

/** Said of a report whose branches also came as scoresheets: what it is for, if not for counting. */
const PREVIOUS_HINT =
  "此汇总报告中的党支部另有打分表报送，以打分表为准；如需带入报告中录入的审核得分、备注和命名，请把它作为上次汇总报告（命令行用 --previous 指定）。";

/** Keeps one submission per branch (the newest; on equal or unknown times the later input) and records why the others lost. */
export function settleDuplicates(
  candidates: readonly Candidate[],
  files: readonly string[],
  outcomes: InputOutcome[]
): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) groups.set(c.row.key, [...(groups.get(c.row.key) ?? []), c]);
  const winners: Candidate[] = [];
  const lostBranches = new Map<number, number>();
  const lostToScoresheet = new Set<number>();
  for (const group of groups.values()) {
    // A copy a report only remembers from an earlier round never beats a submission of this round,
    // and a report's copy never beats the branch's own scoresheet: the scoresheet is the source.
    const ordered = [...group].sort(
      (a, b) =>
        Number(b.row.vanished) - Number(a.row.vanished) ||
        Number(b.fromReport) - Number(a.fromReport) ||
        (a.modified ?? -Infinity) - (b.modified ?? -Infinity) ||
        a.input - b.input
    );
    const winner = ordered[ordered.length - 1];
    if (!winner) continue;
    winners.push(withEarlier(winner, ordered.slice(0, -1)));
    const winnerFile = files[winner.input] ?? "";
    for (const loser of ordered.slice(0, -1)) {
      const same = canonicalJson(loser.filling) === canonicalJson(winner.filling);
      const newer =
        loser.modified !== null && winner.modified !== null && winner.modified > loser.modified;
      const why =
        loser.fromReport && !winner.fromReport && !loser.row.vanished
          ? `另有该党支部的打分表“${fileName(winnerFile)}”，以打分表为准（汇总报告不是原始材料）。`
          : loser.row.vanished && !winner.row.vanished
            ? `该党支部在此报告中是上次汇总保留的数据（本次未收到文件），以“${fileName(winnerFile)}”为准。`
            : same
              ? `与“${fileName(winnerFile)}”内容相同（重复报送），以“${fileName(winnerFile)}”为准，不重复计数。`
              : newer
                ? `同一党支部（${winner.row.header.committee} / ${winner.row.header.name}）另有修改时间较晚的“${fileName(winnerFile)}”，以其为准。`
                : `同一党支部（${winner.row.header.committee} / ${winner.row.header.name}）在“${fileName(winnerFile)}”中再次出现，以后给出的文件为准。`;
      const outcome = outcomes[loser.input];
      if (!outcome) continue;
      lostBranches.set(loser.input, (lostBranches.get(loser.input) ?? 0) + 1);
      if (loser.fromReport && !winner.fromReport && !loser.row.vanished)
        lostToScoresheet.add(loser.input);
      const reasons = loser.fromReport
        ? [...outcome.reasons, `${winner.row.header.name}：${why}`]
        : [why];
      outcomes[loser.input] = { ...outcome, reasons };
    }
  }
  for (const input of lostToScoresheet) {
    const outcome = outcomes[input];
    if (outcome) outcomes[input] = { ...outcome, reasons: [...outcome.reasons, PREVIOUS_HINT] };
  }
  for (const [input, lost] of lostBranches) {
    const outcome = outcomes[input];
    if (outcome && lost >= outcome.branches)
      outcomes[input] = { ...outcome, status: "superseded", branches: 0 };
    else if (outcome) outcomes[input] = { ...outcome, branches: outcome.branches - lost };
  }
  return winners.sort((a, b) => a.input - b.input);
}

/** The winner with what it changed against the latest of the branch's own earlier scoresheets in this batch. */
function withEarlier(winner: Candidate, losers: readonly Candidate[]): Candidate {
  const earlier = losers.filter((l) => !l.fromReport && !l.row.vanished).pop();
  const resubmission = earlier && compareSubmissions(earlier.row, winner.row, "superseded");
  return resubmission ? { ...winner, row: { ...winner.row, resubmission } } : winner;
}

/** Carries the committee's typed 审核/抽验 scores, 备注 and 命名 over from the previous report; keeps vanished branches. */
export function carryOver(
  winners: readonly Candidate[],
  previous: WorkbookSnapshot,
  options: ConsolidateOptions,
  issues: FileIssue[]
): BranchRow[] {
  const { rubric, today } = options;
  const report = readReport(previous, rubric);
  const carriesIssues = report.carriesIssues;
  const prev = new Map(report.branches.map((b) => [b.key, b]));
  const rescored = new Map<string, FileIssue[]>();
  const rows = winners.map((w) => {
    const p = prev.get(w.row.key);
    // Candidates keep their located cells whenever there is a previous report; without them nothing can be redone.
    if (!p || !w.found) return w.row;
    const { filling: old, issues: oldIssues } = readFilling(p.found, rubric);
    const notes: FileIssue[] = [];
    const reviews = merge(w, old.reviews, w.filling.reviews, "审核", notes);
    const samples = merge(w, old.samples, w.filling.samples, "抽验", notes);
    const filling: Filling = { ...w.filling, reviews, samples };
    const row = rowOf(
      w.found,
      filling,
      w.readIssues ?? [],
      rubric,
      today,
      w.fromReport,
      w.row.file
    );
    // The earlier submission as the previous report stated it; a report from before 问题清单 carried
    // its issues is validated again from its values.
    const earlierFile = p.sourceFile || "上次汇总报告";
    const before = carriesIssues
      ? reportedRow(p.found, old, withCarried(p.issues, oldIssues), rubric, earlierFile)
      : rowOf(p.found, old, oldIssues, rubric, today, true, earlierFile);
    const resubmission = w.row.resubmission ?? compareSubmissions(before, row, "previous");
    // The row was scored again with the carried 审核/抽验: the 问题清单 says what this scoring found.
    rescored.set(issueOwner(w.row.key, w.row.file), [
      ...row.issues.map((i) => branchIssue(i, w.row)),
      ...notes,
    ]);
    return {
      ...row,
      flags: w.row.flags,
      held: withFlags(row.held, w.row.flags),
      verified: w.row.verified || p.verified,
      file: w.row.file,
      remark: w.row.remark || p.remark,
      naming: w.row.naming || p.naming,
      ...(resubmission ? { resubmission } : {}),
    };
  });
  replaceIssues(issues, rescored);
  const present = new Set(rows.map((r) => r.key));
  for (const p of prev.values()) {
    if (present.has(p.key)) continue;
    const { filling, issues: readIssues } = readFilling(p.found, rubric);
    const row = rowOf(
      p.found,
      filling,
      withCarried(p.issues, readIssues),
      rubric,
      today,
      true,
      p.sourceFile || "上次汇总报告"
    );
    // A remembered branch is counted in 汇总表 like the others, so its issues are listed too.
    issues.push(...row.issues.map((i) => branchIssue(i, row)));
    const flags = [
      ...new Set([...p.flags, ...row.flags, "本次未收到该党支部文件（保留上次汇总数据）"]),
    ];
    rows.push({
      ...row,
      remark: p.remark,
      naming: p.naming,
      vanished: true,
      flags,
      held: withFlags([...new Set([...row.held, ...p.held])], flags),
      verified: p.verified,
    });
  }
  return rows;
}

/** Puts each rescored row's issues where the issues it was first analysed with stood in the list, in one pass. */
function replaceIssues(issues: FileIssue[], rescored: ReadonlyMap<string, FileIssue[]>): void {
  if (rescored.size === 0) return;
  const out: FileIssue[] = [];
  const placed = new Set<string>();
  for (const issue of issues) {
    const owner = issue.key === undefined ? undefined : issueOwner(issue.key, issue.file);
    const now = owner === undefined ? undefined : rescored.get(owner);
    if (owner === undefined || !now) {
      out.push(issue);
      continue;
    }
    if (!placed.has(owner)) out.push(...now);
    placed.add(owner);
  }
  for (const [owner, now] of rescored) if (!placed.has(owner)) out.push(...now);
  issues.length = 0;
  for (const issue of out) issues.push(issue);
}

/** Previous typed scores win (the committee's latest word); a differing value in the new file is reported. */
function merge(
  w: Candidate,
  old: Readonly<Record<string, number>>,
  now: Readonly<Record<string, number>>,
  stage: string,
  issues: FileIssue[]
): Record<string, number> {
  const out: Record<string, number> = { ...now };
  for (const [code, value] of Object.entries(old)) {
    const mine = now[code];
    if (mine !== undefined && mine !== value)
      issues.push({
        severity: "提示",
        rule: "V25",
        file: w.row.file,
        branch: `${w.row.header.committee} / ${w.row.header.name}`,
        message: `${code} ${stage}得分：新文件为 ${mine}，上次汇总报告中录入的是 ${value}，以汇总报告为准。`,
      });
    out[code] = value;
  }
  return out;
}
