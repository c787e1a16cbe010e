import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import {
  isInputSheet,
  keyOnlyRows,
  needsEverySheet,
  unusableFile,
  type ConsolidationInput,
} from "../core";
import { XlsxReadError } from "../adapters/xlsx/read/reader";
import { fsReason, readWorkbook } from "./files";

/** Reads one file into a consolidation input; a file that cannot be read carries its Chinese reason. */
export function readInput(file: string): ConsolidationInput {
  let modified: number | null = null;
  let sha256: string | undefined;
  // A lock file, a .xls or a photo is listed with what to do; its bytes are never read.
  const unusable = unusableFile(file);
  if (unusable !== null) return { file, modified: null, book: null, readError: unusable };
  try {
    modified = statSync(file).mtimeMs;
    const bytes = readFileSync(file);
    // The 回执's fingerprint: of the bytes received, readable or not.
    sha256 = createHash("sha256").update(bytes).digest("hex");
    const book = readWorkbook(bytes, { sheets: isInputSheet, keyOnlyRows });
    return {
      file,
      modified,
      sha256,
      book: needsEverySheet(book) ? readWorkbook(bytes, { keyOnlyRows }) : book,
    };
  } catch (e) {
    // The reader's own errors are already in Chinese; the file system's (ENOENT, EACCES) are not.
    const readError =
      e instanceof XlsxReadError
        ? e.message
        : `无法读取文件（${fsReason(e)}），请检查文件是否存在、能否打开。`;
    return { file, modified, book: null, readError, ...(sha256 !== undefined && { sha256 }) };
  }
}
