import type { WorkbookSnapshot, WorkbookSpec } from "../core";
import type { FilePort } from "./ports";

// The xlsx reader (fflate + saxes) and writer (fflate) are separate chunks, fetched the first
// time a flow needs them, so the pane's first render carries neither.

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Reads and writes .xlsx in the browser, loading each library on first use. */
export const browserFiles: FilePort = {
  async read(bytes: Uint8Array): Promise<WorkbookSnapshot> {
    const { readXlsx } = await import(
      /* webpackChunkName: "xlsx-reader" */ "../adapters/xlsx/read/reader"
    );
    return readXlsx(bytes);
  },
  async write(spec: WorkbookSpec): Promise<Uint8Array> {
    const { writeXlsx } = await import(
      /* webpackChunkName: "xlsx-writer" */ "../adapters/xlsx/write/writer"
    );
    return writeXlsx(spec);
  },
  save(fileName: string, bytes: Uint8Array): void {
    const type = fileName.endsWith(".zip") ? "application/zip" : XLSX_TYPE;
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoked later: some browsers start reading the blob only after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};

/**
 * The file port for Excel for Mac, whose task pane ignores downloads (office-js #2700): saving opens
 * this page in the default browser instead, where the same flows download, and says so.
 */
export function filesWithoutDownloads(
  files: FilePort,
  openInBrowser: () => void,
  message: string
): FilePort {
  return {
    ...files,
    save(): void {
      openInBrowser();
      throw new Error(message);
    },
  };
}
