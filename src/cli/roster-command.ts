import { readFileSync } from "node:fs";
import {
  consolidate,
  readRoster,
  rosterOf,
  rosterSheet,
  singleSheetWorkbook,
  type Issue,
  type Roster,
  type Rubric,
} from "../core";
import { readWorkbook, writeWorkbook } from "./files";
import { readInput } from "./consolidate-command";

/** The roster given with --roster, or every problem with its cell, ready to print. */
export function loadRoster(path: string): { roster: Roster } | { problems: string[] } {
  let book;
  try {
    book = readWorkbook(readFileSync(path));
  } catch (e) {
    return { problems: [`名册 ${path}：${e instanceof Error ? e.message : String(e)}`] };
  }
  const read = readRoster(book);
  if (read.ok) return { roster: read.roster };
  return {
    problems: read.issues.map(
      (i: Issue) =>
        `名册 ${path} ${i.sheet ?? ""}${i.cell ? `!${i.cell}` : ""} ${i.severity}：${i.message}`
    ),
  };
}

/** Writes a blank roster to fill, or the roster of the branches a report holds; returns how many branches it lists. */
export function writeRoster(
  output: string,
  report: string | undefined,
  rubric: Rubric,
  now: Date
): number {
  if (report === undefined) {
    writeWorkbook(output, singleSheetWorkbook(rosterSheet()));
    return 0;
  }
  const input = readInput(report);
  if (!input.book) throw new Error(`${report}：${input.readError ?? "无法读取"}`);
  const c = consolidate([input], { rubric, today: now });
  if (c.inputs[0]?.status !== "accepted" || c.inputs[0].kind !== "report")
    throw new Error(
      `${report} 不是汇总报告，无法从中生成名册：${c.inputs[0]?.reasons.join("；") ?? ""}请先用 dabiao consolidate 生成汇总报告。`
    );
  const rows = rosterOf(c);
  writeWorkbook(output, singleSheetWorkbook(rosterSheet(rows)), [report]);
  return rows.length;
}
