import { isInputSheet, keyOnlyRows, needsEverySheet, type WorkbookSnapshot } from "../core";
import { readXlsx } from "../adapters/xlsx/read/reader";

/**
 * How the pane's workers read a submitted file, as the CLI does: only the sheets consolidation needs,
 * and every sheet when those are not there (a workbook whose sheets were renamed).
 */
export async function readSubmission(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const book = readXlsx(bytes, { sheets: isInputSheet, keyOnlyRows });
  return needsEverySheet(book) ? readXlsx(bytes, { keyOnlyRows }) : book;
}
