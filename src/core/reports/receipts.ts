import type { BranchRow, Consolidation, InputOutcome } from "../consolidation/model";
import { fileName } from "../consolidation/inputs";
import { a4 } from "../print";
import type { SheetSpec, WorkbookSpec } from "../../sheet/spec";
import { workbookOf } from "../workbook";
import { tableBuilder, tableRange, tableRow, type ReportColumn } from "./table";

/** The 回执单's sheet name, in the report and in 回执.xlsx. */
export const RECEIPT_SHEET = "回执单";

/** What became of a file, as the 回执 tells the branch. */
export type ReceiptStatus = "接收" | "退回修改" | "拒收" | "被替代";

/** The 回执单's columns, in order. */
export const RECEIPT_COLUMNS: readonly ReportColumn[] = [
  { header: "序号", width: 5 },
  { header: "所属党委", width: 18 },
  { header: "党支部名称", width: 20 },
  { header: "文件", width: 26 },
  { header: "收到时间", width: 16 },
  { header: "状态", width: 9 },
  { header: "自评总分", width: 8 },
  { header: "最终得分", width: 8 },
  { header: "等次", width: 7 },
  { header: "问题数", width: 7 },
  { header: "拒收原因", width: 40 },
  { header: "SHA-256", width: 66 },
];

/** One input file's receipt: what the committee tells the branch it received and did with it. */
export interface Receipt {
  readonly committee: string | null;
  readonly branch: string | null;
  readonly file: string;
  /** Local time "2019-05-20 14:03", or null when the time is unknown. */
  readonly received: string | null;
  readonly status: ReceiptStatus;
  readonly selfTotal: number | null;
  readonly finalTotal: number | null;
  readonly tier: string | null;
  /** 错误 and 警告 found in the file (提示 are not problems). */
  readonly problems: number;
  /** The one-line reason of a 拒收 (or what replaced a 被替代 file), else null. */
  readonly reason: string | null;
  readonly sha256: string | null;
}

/** True when a branch's file goes back to it for correction: it has 错误 or 警告. */
export function needsReturn(row: BranchRow): boolean {
  return row.errors + row.warnings > 0;
}

/** One receipt per input file, in input order. */
export function receiptsOf(c: Consolidation): Receipt[] {
  const byFile = new Map<string, BranchRow>();
  for (const b of c.branches) if (!b.vanished) byFile.set(b.file, b);
  // Counted in one pass: filtering every issue for every input grew with the square of the files.
  const problemsOf = new Map<string, number>();
  for (const i of c.issues)
    if (i.severity !== "提示") problemsOf.set(i.file, (problemsOf.get(i.file) ?? 0) + 1);
  return c.inputs.map((input) => {
    const row = input.kind === "scoresheet" ? byFile.get(input.file) : undefined;
    const problems = problemsOf.get(input.file) ?? 0;
    const [committee, branch] = namesOf(input, row);
    return {
      committee,
      branch,
      file: input.file,
      received: timeText(input.received ?? null),
      status: statusOf(input, row),
      // A superseded file's own scores: what it said, though a newer file counts.
      selfTotal: row?.totals.self ?? input.scores?.self ?? null,
      finalTotal: row?.totals.final ?? input.scores?.final ?? null,
      tier: row?.tier ?? input.scores?.tier ?? null,
      problems,
      reason: input.status === "accepted" ? null : input.reasons.join("；") || null,
      sha256: input.sha256 ?? null,
    };
  });
}

function statusOf(input: InputOutcome, row: BranchRow | undefined): ReceiptStatus {
  if (input.status === "rejected") return "拒收";
  if (input.status === "superseded") return "被替代";
  return row !== undefined && needsReturn(row) ? "退回修改" : "接收";
}

function namesOf(input: InputOutcome, row: BranchRow | undefined): [string | null, string | null] {
  if (row) return [row.header.committee, row.header.name];
  // A superseded scoresheet keeps only its label "所属党委 / 党支部名称".
  const [committee, name] = (input.branch ?? "").split(" / ");
  return [committee || input.committee, name || null];
}

/** Milliseconds since the epoch as local "yyyy-mm-dd hh:mm" (the face's time zone). */
function timeText(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The 回执单: one row per input file, with its SHA-256 so "which file did you get" is settled by a fingerprint. */
export function receiptSheet(c: Consolidation): SheetSpec {
  const receipts = receiptsOf(c);
  const b = tableBuilder(RECEIPT_SHEET, RECEIPT_COLUMNS);
  receipts.forEach((r, i) => {
    tableRow(
      b,
      i + 1,
      [
        [i + 1, "code"],
        [r.committee, "small"],
        [r.branch, "small"],
        [fileName(r.file), "small"],
        [r.received, "code"],
        [r.status, "code"],
        [r.selfTotal, "score"],
        [r.finalTotal, "score"],
        [r.tier, "code"],
        [r.problems, "code"],
        [r.reason, "small"],
        [r.sha256, "small"],
      ],
      RECEIPT_COLUMNS
    );
  });
  return b.build({
    freeze: { rows: 1, columns: 0 },
    autoFilter: tableRange(0, receipts.length, RECEIPT_COLUMNS.length),
    print: a4("材料接收回执单", "landscape", "1:1"),
  });
}

/** 回执.xlsx: the 回执单 alone, for the committee to send round. */
export function receiptWorkbook(c: Consolidation): WorkbookSpec {
  return workbookOf([receiptSheet(c)], "材料接收回执单");
}
