import {
  BRANCH_TYPES,
  buildTemplate,
  rubricSheet,
  singleSheetWorkbook,
  type BranchType,
  type Rubric,
} from "../core";
import { UsageError } from "./args";
import { writeWorkbook } from "./files";

/** Writes a blank scoresheet template; returns the path written. */
export async function writeTemplate(
  rubric: Rubric,
  output: string,
  type: string | undefined,
  now: Date
): Promise<string> {
  if (type !== undefined && !(BRANCH_TYPES as readonly string[]).includes(type))
    throw new UsageError(`--type 只能是：${BRANCH_TYPES.join("、")}`);
  const options = type
    ? { branchType: type as BranchType, generatedAt: now.toISOString() }
    : { generatedAt: now.toISOString() };
  writeWorkbook(output, buildTemplate(rubric, options));
  return output;
}

/** Writes the rubric as an editable 评分标准 sheet; returns the path written. */
export async function writeRubric(rubric: Rubric, output: string): Promise<string> {
  writeWorkbook(output, singleSheetWorkbook(rubricSheet(rubric)));
  return output;
}
