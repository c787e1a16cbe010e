import type { BranchRow, Consolidation } from "../consolidation/model";
import type { Issue } from "../issues";
import type { Rubric } from "../rubric/rubric";
import { fillTemplate } from "../scoresheet/fill";
import { META_SHEET } from "../scoresheet/meta";
import { SCORESHEET } from "../scoresheet/layout";
import { withResults } from "../scoresheet/results";
import { buildTemplate } from "../scoresheet/template";
import type { CellSpec, CellStyle, CommentSpec, SheetSpec, WorkbookSpec } from "../../sheet/spec";
import { STYLES } from "../styles";
import { CREATOR } from "../workbook";
import { feedbackSheet, sender } from "./feedback-sheet";

/** Who sends the 退回修改 workbooks, and when (the core has no clock). */
export interface FeedbackOptions {
  /** The committee sending them back, e.g. "市财政局机关党委"; by default each branch's own 所属党委. */
  readonly committee?: string;
  /** The day they are sent back (the core has no clock): 退回意见 gives it, `_dabiao` records it. */
  readonly today: Date;
  /** Send back branches whose only findings are 提示, and mark their 提示 too. */
  readonly hints?: boolean;
}

/** One branch's 退回修改 workbook and the file name to give it. */
export interface Feedback {
  readonly branch: BranchRow;
  readonly fileName: string;
  readonly workbook: WorkbookSpec;
}

/** The style a problem cell takes on: its own look, a rose fill with dark dots that show on a grey print. */
const PROBLEM = { fill: "FFC7CE", dots: "7F7F7F" } as const;

/** The issues a 退回修改 workbook carries for a branch: 错误 and 警告, and 提示 when asked. */
export function feedbackIssues(row: BranchRow, hints = false): readonly Issue[] {
  return row.issues.filter((i) => hints || i.severity !== "提示");
}

/** The 退回修改 workbooks: one per accepted branch, read from its own scoresheet, that has something to fix. */
export function feedbackFor(
  c: Consolidation,
  rubric: Rubric,
  options: FeedbackOptions
): Feedback[] {
  const taken = new Set<string>();
  return c.branches
    .filter((b) => !b.vanished && b.typed !== undefined)
    .filter((b) => feedbackIssues(b, options.hints).length > 0)
    .map((b) => {
      // Names that differ only in what a file name cannot hold would overwrite each other.
      const base = feedbackFileName(b);
      let fileName = base;
      for (let n = 2; taken.has(fileName.toLowerCase()); n++)
        fileName = base.replace(/\.xlsx$/, `（${n}）.xlsx`);
      taken.add(fileName.toLowerCase());
      return { branch: b, fileName, workbook: feedbackWorkbook(b, rubric, options) };
    });
}

// Control characters and what Windows forbids in a file name; matching controls is the point.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1F\\/:*?"<>|]/g;

/** "所属党委-党支部名称-退回修改.xlsx", with what no file system allows replaced. */
export function feedbackFileName(row: BranchRow): string {
  const safe = (text: string | null): string =>
    (text ?? "").replace(UNSAFE, "_").replace(/\s+/g, " ").trim().slice(0, 60) || "未填写";
  return `${safe(row.header.committee)}-${safe(row.header.name)}-退回修改.xlsx`.replace(
    /^\.+/,
    "_"
  );
}

/**
 * A branch's 退回修改 workbook: the rubric's official template holding exactly what the branch typed
 * (formulas and 分值 the template's own, so a tampered sheet comes back repaired), each problem cell
 * marked and carrying a comment, the engine's results cached in the formulas, and 退回意见 first.
 */
export function feedbackWorkbook(
  row: BranchRow,
  rubric: Rubric,
  options: FeedbackOptions
): WorkbookSpec {
  const typed = row.typed;
  if (typed === undefined)
    throw new Error(`feedbackWorkbook: ${row.key} was not read from a scoresheet of its own`);
  const template = buildTemplate(rubric, { generatedAt: options.today.toISOString() });
  const filled = fillTemplate(template, rubric, typed.filling);
  const issues = feedbackIssues(row, options.hints).map((i) =>
    i.cell === undefined || i.sheet === META_SHEET
      ? i
      : { ...i, cell: typed.moved[i.cell] ?? i.cell, sheet: SCORESHEET }
  );
  const styles: Record<string, CellStyle> = { ...filled.styles };
  const marked = (sheet: SheetSpec): SheetSpec => {
    if (sheet.name !== SCORESHEET) return sheet;
    const scored = withResults(sheet, rubric, row, {
      name: row.header.name ?? "",
      committee: row.header.committee ?? "",
    });
    const comments = commentsOn(issues, sender(row, options));
    const cells = new Set(comments.map((c) => c.ref));
    return {
      ...scored,
      // Printed, the comments follow the sheet: a branch that prints it still reads every remark.
      ...(scored.print && { print: { ...scored.print, comments: "atEnd" as const } }),
      cells: scored.cells.map((c): CellSpec => {
        if (!cells.has(c.ref)) return c;
        const name = `${c.style ?? "plain"}·问题`;
        styles[name] ??= { ...(STYLES[c.style ?? "plain"] ?? {}), ...PROBLEM };
        return { ...c, style: name };
      }),
      comments,
    };
  };
  const sheets = filled.sheets.map(marked);
  return {
    sheets: [feedbackSheet(row, issues, options), ...sheets],
    styles,
    properties: {
      title: `${row.header.name ?? ""}退回修改`,
      creator: CREATOR,
    },
  };
}

/** One comment per problem cell of the 打分表, its issues in order, each with its severity and rule. */
function commentsOn(issues: readonly Issue[], author: string): CommentSpec[] {
  const byCell = new Map<string, string[]>();
  for (const i of issues) {
    if (i.cell === undefined || i.sheet !== SCORESHEET) continue;
    const lines = byCell.get(i.cell) ?? [];
    lines.push(`【${i.severity}·${i.rule}】${i.message}`);
    byCell.set(i.cell, lines);
  }
  return [...byCell].map(([ref, lines]) => ({ ref, text: lines.join("\n"), author }));
}
