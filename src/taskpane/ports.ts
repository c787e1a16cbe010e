import type { WorkbookSnapshot, WorkbookSpec } from "../core";

// What the components may ask of the world, as plain functions: index.tsx wires in the Office.js
// adapter and the xlsx adapters; tests pass fakes. No component names Office or Excel.

/** The workbook open in Excel. */
export interface WorkbookPort {
  /** The workbook's sheets by name. */
  listSheets(): Promise<readonly { readonly name: string; readonly hidden: boolean }[]>;
  /** Draws the spec's sheets, replacing sheets of the same names; a cancelled draw rejects with an AbortError and changes nothing. */
  render(spec: WorkbookSpec, options?: DrawOptions): Promise<void>;
  /** Reads the named sheets that exist: values only, or with formulas for sheets whose formulas are checked. */
  read(
    names: readonly string[],
    options?: { readonly formulas?: boolean }
  ): Promise<WorkbookSnapshot>;
  /** Goes to a cell. */
  select(sheet: string, cell: string): Promise<void>;
  /** Calls back after edits to the named sheets; resolves to the function that stops it. */
  watch(names: readonly string[], onChange: () => void): Promise<() => Promise<void>>;
}

/** What the pane may pass to a long draw: where it has got to, and a signal that stops it (取消). */
export interface DrawOptions {
  readonly onProgress?: (progress: DrawProgress) => void;
  readonly signal?: AbortSignal;
}

/** Where a draw has got to: the sheet being drawn (1-based, of how many) and the batches sent so far. */
export interface DrawProgress {
  readonly sheet: number;
  readonly sheets: number;
  readonly name: string;
  readonly batches: number;
}

/** A file the user chose: its name, modification time and bytes on demand (a browser File fits). */
export interface ChosenFile {
  readonly name: string;
  readonly lastModified: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** .xlsx files in and out of the browser; the xlsx libraries load on first use. */
export interface FilePort {
  /** Reads .xlsx bytes; throws an Error with a Chinese message for a file that cannot be read. */
  read(bytes: Uint8Array): Promise<WorkbookSnapshot>;
  write(spec: WorkbookSpec): Promise<Uint8Array>;
  /** Hands bytes to the user as a download. */
  save(fileName: string, bytes: Uint8Array): void;
}
