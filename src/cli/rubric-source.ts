import { readFileSync } from "node:fs";
import { DEFAULT_RUBRIC, rubricOfBook, RUBRIC_SHEET, type Issue, type Rubric } from "../core";
import { readWorkbook } from "./files";

/** The rubric to use: the default, or the 评分标准 sheet of a workbook given with --rubric. */
export function loadRubric(path: string | undefined): { rubric: Rubric } | { problems: string[] } {
  if (path === undefined) return { rubric: DEFAULT_RUBRIC };
  let book;
  try {
    book = readWorkbook(readFileSync(path), { sheets: (name) => name.trim() === RUBRIC_SHEET });
  } catch (e) {
    return { problems: [`${path}：${e instanceof Error ? e.message : String(e)}`] };
  }
  const read = rubricOfBook(book);
  if (read === null)
    return {
      problems: [`${path}：没有名为“${RUBRIC_SHEET}”的工作表。可用 dabiao rubric 生成一份再修改。`],
    };
  if ("rubric" in read) return { rubric: read.rubric };
  return {
    problems: read.issues.map(
      (i: Issue) => `${path} ${i.sheet ?? RUBRIC_SHEET}!${i.cell ?? ""} ${i.severity}：${i.message}`
    ),
  };
}
