import type { Consolidation, FileIssue } from "../consolidation/model";
import { tableBuilder, tableRange, tableRow, type ReportColumn } from "./table";
import { a4 } from "../print";
import type { SheetSpec } from "../../sheet/spec";
import { ISSUE_HEADERS, REPORT_SHEETS } from "../consolidation/report-format";
import { fileName } from "../consolidation/inputs";

const H = ISSUE_HEADERS;
/** The 问题清单's columns, in order. */
export const ISSUE_COLUMNS: readonly ReportColumn[] = [
  { header: H.number, width: 5 },
  { header: H.file, width: 24 },
  { header: H.branch, width: 26 },
  { header: H.sheet, width: 8 },
  { header: H.cell, width: 7 },
  { header: H.severity, width: 7 },
  { header: H.rule, width: 6 },
  { header: H.message, width: 60 },
  { header: H.key, width: 12, hidden: true },
];

/** The rule code of a row about a whole input file (rejected or superseded) rather than a cell. */
export const FILE_RULE = "文件";

/** The 问题清单: every issue of every input, and one row per rejected or superseded file, by file. */
export function issuesSheet(c: Consolidation): SheetSpec {
  const rows = [...fileRows(c), ...c.issues];
  // Stable sort: within a file, the file's own verdict comes first, then its issues in the order found.
  rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const b = tableBuilder(REPORT_SHEETS.issues, ISSUE_COLUMNS);
  rows.forEach((issue, i) => {
    const r = i + 1;
    tableRow(
      b,
      r,
      [
        [r, "code"],
        [fileName(issue.file), "small"],
        [issue.branch, "small"],
        [issue.sheet ?? null, "code"],
        [issue.cell ?? null, "code"],
        [issue.severity, "code"],
        [issue.rule, "code"],
        [issue.message, "text"],
        [issue.key ?? null, "small"],
      ],
      ISSUE_COLUMNS
    );
  });
  return b.build({
    freeze: { rows: 1, columns: 0 },
    autoFilter: tableRange(0, rows.length, ISSUE_COLUMNS.length),
    print: a4("标准化规范化建设达标创建问题清单", "landscape", "1:1"),
  });
}

/** A rejected input is an error the committee must chase; a superseded one is for information. */
function fileRows(c: Consolidation): FileIssue[] {
  return c.inputs
    .filter((input) => input.status !== "accepted")
    .map((input) => ({
      file: input.file,
      branch: input.branch,
      severity: input.status === "rejected" ? "错误" : "提示",
      rule: FILE_RULE,
      message:
        input.reasons.join("；") ||
        (input.status === "rejected" ? "文件未被采用。" : "已被同一党支部的另一份文件替代。"),
    }));
}
