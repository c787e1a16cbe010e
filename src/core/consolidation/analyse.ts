import type {
  Candidate,
  ConsolidateOptions,
  ConsolidationInput,
  FileIssue,
  InputOutcome,
} from "./model";
import { branchLabel, normaliseName } from "./identity";
import { rubricFingerprint } from "../rubric/fingerprint";
import { META_KEYS, META_SHEET } from "../scoresheet/meta";
import { isReport, readReport, type ReportBranch } from "./read-report";
import type { Rubric } from "../rubric/rubric";
import { readFilling } from "../scoresheet/read-filling";
import { findCells } from "../scoresheet/locate";
import type { WorkbookSnapshot } from "../../sheet/snapshot";
import { rowOf, withCarried } from "./branch-row";
import { withFlags } from "./held";
import { readAccount, type Account } from "./read-account";
import { sourceVia } from "./inputs";
import { branchIssue } from "./listed";

/** One input read, scored and validated on its own: plain data the merge needs, no snapshot. */
export interface Analysed {
  readonly file: string;
  readonly outcome: InputOutcome;
  readonly candidates: readonly Candidate[];
  readonly issues: readonly FileIssue[];
  /** A report's roster and the files its level did not use, carried up (empty for a scoresheet). */
  readonly account: Account;
}

const NOTHING: Account = { roster: [], carried: [] };
/** What analysing one input needs of the run's options. */
export type AnalyseOptions = Pick<ConsolidateOptions, "rubric" | "today" | "acceptOtherRubric"> & {
  /** Only whether there is a previous report matters here: a worker is told so without the report itself. */
  readonly previous?: unknown;
};

/** What a worker of a pool is told once: the run's options, a previous report only as "there is one". */
export interface AnalyseSettings {
  readonly rubric: Rubric;
  readonly today: Date;
  readonly acceptOtherRubric: boolean;
  readonly hasPrevious: boolean;
}

/** A pool's request to a worker: analyse the `index`-th input of the run, `file` (a path in the CLI, a File in the pane). */
export interface AnalyseJob<File = string> {
  readonly index: number;
  readonly file: File;
}

/** A worker's answer to one job: the input analysed, as plain data. */
export interface AnalyseAnswer {
  readonly index: number;
  readonly analysed: Analysed;
}

/** The options a worker analyses with, made from its settings. */
export function analyseOptions(settings: AnalyseSettings): AnalyseOptions {
  const { rubric, today, acceptOtherRubric, hasPrevious } = settings;
  return { rubric, today, acceptOtherRubric, ...(hasPrevious ? { previous: true } : {}) };
}

/** What a pool's worker runs for each input: analyse with the run's settings (options and fingerprint made once). */
export function analyserFor(
  settings: AnalyseSettings
): (input: ConsolidationInput, index: number) => Analysed {
  const options = analyseOptions(settings);
  const fingerprint = rubricFingerprint(settings.rubric);
  return (input, index) => analyse(input, index, options, fingerprint);
}

/** Reads, scores and validates one input (the `index`-th of the run) without looking at any other. */
export function analyse(
  input: ConsolidationInput,
  index: number,
  options: AnalyseOptions,
  fingerprint: string
): Analysed {
  const { rubric } = options;
  const candidates: Candidate[] = [];
  const issues: FileIssue[] = [];
  const done = (outcome: InputOutcome, account: Account = NOTHING): Analysed => ({
    file: input.file,
    outcome: { ...outcome, sha256: input.sha256 ?? null, received: input.modified },
    candidates,
    issues,
    account,
  });
  const reject = (reason: string, kind: InputOutcome["kind"] = "unknown"): Analysed =>
    done({
      file: input.file,
      status: "rejected",
      reasons: [reason],
      branch: null,
      kind,
      branches: 0,
      committee: null,
    });
  if (!input.book) return reject(input.readError ?? "无法读取文件。");
  const report = isReport(input.book);
  const theirs = metaValue(input.book, META_KEYS.fingerprint);
  const other = theirs !== undefined && theirs !== fingerprint;
  if (other && !options.acceptOtherRubric) {
    const name = metaValue(input.book, META_KEYS.name) ?? "未知";
    const version = metaValue(input.book, META_KEYS.version) ?? "未知版本";
    return reject(
      `该文件使用的评分标准是“${name}”（${version}，指纹 ${theirs}），本次汇总用的是“${rubric.name}”（${rubric.version}，指纹 ${fingerprint}），两者不同，已拒收。如确需合并：命令行加 --accept-other-rubric（该党支部会被标记、待核实），或用 --rubric 指定该文件所用的评分标准；任务窗格中勾选“接收使用其他评分标准的文件”。`,
      report ? "report" : "scoresheet"
    );
  }
  const found = report ? readReport(input.book, rubric).branches : scoresheetOf(input.book, rubric);
  if (typeof found === "string") return reject(found, "scoresheet");
  if (found.length === 0) return reject("汇总报告的“明细”工作表中没有党支部数据。", "report");
  const made: string[] = [];
  for (const branch of found) {
    const c = candidate(
      branch,
      input,
      index,
      rubric,
      options.today,
      report,
      other,
      options.previous !== undefined
    );
    if (typeof c === "string") {
      if (!report) return reject(c, "scoresheet");
      made.push(c);
      continue;
    }
    candidates.push(c);
    for (const issue of c.row.issues) issues.push(branchIssue(issue, c.row));
  }
  const last = candidates[candidates.length - 1]?.row;
  const branch = report || !last ? null : branchLabel(last);
  const committee = committeeOf(candidates);
  const first = candidates[0]?.row;
  return done(
    {
      file: input.file,
      status: "accepted",
      reasons: made,
      branch,
      kind: report ? "report" : "scoresheet",
      branches: found.length - made.length,
      committee,
      ...(!report &&
        first && {
          scores: { self: first.totals.self, final: first.totals.final, tier: first.tier },
        }),
    },
    report ? readAccount(input.book, input.file, committee) : NOTHING
  );
}

/** One value of a workbook's hidden `_dabiao` sheet, by its key. */
function metaValue(book: WorkbookSnapshot, key: string): string | undefined {
  const sheet = book.sheets.find((s) => s.name === META_SHEET);
  for (const row of sheet?.rows ?? []) if (row?.[0]?.v === key) return String(row[1]?.v ?? "");
  return undefined;
}

/** A scoresheet located as a one-branch list, or the reason it is not one. */
function scoresheetOf(book: WorkbookSnapshot, rubric: Rubric): ReportBranch[] | string {
  const found = findCells(book, rubric);
  if ("notScoresheet" in found) return found.reason;
  return [
    {
      key: "",
      found,
      remark: "",
      naming: "",
      sourceFile: "",
      flags: [],
      vanished: false,
      verified: false,
      issues: [],
      held: [],
    },
  ];
}

/** The one 所属党委 all of an input's branches belong to, or null when they belong to several. */
function committeeOf(candidates: readonly Candidate[]): string | null {
  const names = new Set(candidates.map((c) => normaliseName(c.row.header.committee ?? "")));
  return names.size === 1 ? (candidates[0]?.row.header.committee ?? null) : null;
}

/** Scores and validates one located branch, or says why it cannot count (no name or committee). */
function candidate(
  branch: ReportBranch,
  input: ConsolidationInput,
  index: number,
  rubric: Rubric,
  today: Date,
  fromReport: boolean,
  otherRubric: boolean,
  keep: boolean
): Candidate | string {
  const { filling, issues: read } = readFilling(branch.found, rubric);
  // A report's values cannot show what its own consolidation found in the branch's file (interpreted
  // entries, altered formulas): those come up from its 问题清单 and count like the ones found here.
  const readIssues = withCarried(branch.issues, read);
  const committee = filling.header.committee;
  const name = filling.header.name;
  // A name of invisible characters only (zero-width spaces) is no name: it would give every such branch one identity.
  if (!committee || !name || !normaliseName(committee) || !normaliseName(name))
    return "未填写“党支部名称”或“所属党委（党总支）”，无法确定是哪个党支部；请补填后重新报送。";
  const row = rowOf(branch.found, filling, readIssues, rubric, today, fromReport, input.file);
  // A report's rows keep the flags its own consolidation found in the branch's file (formulas are gone by now).
  const flags = [
    ...new Set([...branch.flags, ...row.flags, ...(otherRubric ? ["使用了不同的评分标准"] : [])]),
  ];
  const held = withFlags([...new Set([...row.held, ...branch.held])], flags);
  const file = fromReport ? sourceVia(input.file, branch.sourceFile) : input.file;
  return {
    row: {
      ...row,
      flags,
      held,
      verified: branch.verified,
      remark: branch.remark,
      naming: branch.naming,
      file,
      vanished: branch.vanished,
    },
    input: index,
    modified: input.modified,
    filling,
    // Thousands of candidates stay in memory until duplicates are settled: keep the located cells only
    // when a previous report will need them to recompute the row.
    ...(keep ? { found: branch.found, readIssues } : {}),
    fromReport,
  };
}
