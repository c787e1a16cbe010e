import { cellRef } from "./address";

/** A colour as six hex digits, e.g. "FFF2CC". */
export type Colour = string;

/** How a cell looks; a renderer maps it to its own format objects. */
export interface CellStyle {
  readonly font?: {
    readonly bold?: boolean;
    readonly size?: number;
    readonly colour?: Colour;
    readonly italic?: boolean;
  };
  readonly fill?: Colour;
  /** Dots over the fill in this colour, so the cell stands out on a black-and-white print too. */
  readonly dots?: Colour;
  readonly align?: {
    readonly horizontal?: "left" | "center" | "right";
    readonly vertical?: "top" | "middle" | "bottom";
    readonly wrap?: boolean;
  };
  /** Thin borders on all four sides. */
  readonly border?: boolean;
  /** A number format code, e.g. "0.0" or "yyyy-mm-dd". */
  readonly numFmt?: string;
  /** False for cells the user may edit on a protected sheet. Default true (locked). */
  readonly locked?: boolean;
}

/** A literal cell: text is always written as text, never as a formula, whatever it starts with. */
export interface ValueCellSpec {
  readonly ref: string;
  readonly value: string | number | boolean | null;
  readonly style?: string;
}

/** A formula cell; `result` is the value it has before any input (written as the cached result). */
export interface FormulaCellSpec {
  readonly ref: string;
  /** Formula text without the leading "=", using only functions all target spreadsheets share. */
  readonly formula: string;
  readonly result?: string | number | boolean;
  readonly style?: string;
}

/** One cell of a sheet description. */
export type CellSpec = ValueCellSpec | FormulaCellSpec;

/** A data-validation rule over one or more ranges ("E12:E14 E16"), with Chinese prompt and alert. */
export interface ValidationSpec {
  readonly ranges: readonly string[];
  readonly type: "decimal" | "whole" | "list" | "date" | "textLength" | "custom";
  /** For custom: a formula that is TRUE for an allowed value, relative to the first cell of `ranges[0]`. */
  readonly formula?: string;
  /** For decimal/whole/date/textLength: inclusive bounds (dates as serial numbers). */
  readonly min?: number;
  readonly max?: number;
  /** For list: the allowed values, shown as a dropdown. */
  readonly list?: readonly string[];
  readonly allowBlank: boolean;
  readonly prompt: { readonly title: string; readonly text: string };
  readonly error: {
    readonly title: string;
    readonly text: string;
    readonly style: "stop" | "warning";
  };
}

/** A formula-driven conditional format; the formula is written relative to the first cell of `ranges[0]`. */
export interface ConditionalFormatSpec {
  readonly ranges: readonly string[];
  readonly formula: string;
  readonly style: { readonly fill?: Colour; readonly fontColour?: Colour; readonly bold?: boolean };
}

/** Print setup for a sheet. */
export interface PrintSpec {
  readonly paper: "A4";
  readonly orientation: "portrait" | "landscape";
  readonly fitToWidth: boolean;
  /** Rows repeated on every printed page, e.g. "11:11". */
  readonly titleRows?: string;
  /** Page footer text (may use &P page number and &N page count). */
  readonly footer?: string;
  readonly area?: string;
  /** Rows (0-based) each starting a new printed page: one form per page, e.g. one 附件2 per committee. */
  readonly breaks?: readonly number[];
  /** Print the sheet's comments on pages after the sheet ("atEnd") or where they show ("asDisplayed"). */
  readonly comments?: "atEnd" | "asDisplayed";
}

/** A literal in a block: text is always text, never a formula. */
export type BlockValue = string | number | boolean | null;

/** One row of a block: its values from the block's first column on, and its height in points where set. */
export interface BlockRow {
  readonly values: readonly BlockValue[];
  readonly height?: number;
}

/**
 * A rectangle of literal values written row by row: the compact form of a large table. Its rows are
 * given by a count and a function rather than held: a 5,000-branch 明细 has 410,000 rows and 3.3
 * million values, which a renderer turns into XML (or a request) row by row as it asks for them, so
 * the table never exists whole. `rowAt` is pure: the same index always gives the same row.
 */
export interface BlockSpec {
  /** 0-based row and column of the block's top-left cell. */
  readonly row: number;
  readonly col: number;
  /** The style name of each column (undefined: unstyled): one per column of the block's widest row. */
  readonly styles: readonly (string | undefined)[];
  readonly rowCount: number;
  /** The block's row at a 0-based index below `rowCount`. */
  readonly rowAt: (index: number) => BlockRow;
}

/** A comment (批注) on a cell, in plain text: the renderer shows it beside the cell, visible. */
export interface CommentSpec {
  readonly ref: string;
  readonly text: string;
  readonly author: string;
}

/** A link in a cell to a place in the same workbook, e.g. "'打分表'!E12". */
export interface LinkSpec {
  readonly ref: string;
  /** The target as a sheet-qualified reference. */
  readonly location: string;
  readonly tooltip?: string;
}

/** One worksheet as plain data; cells are sparse and addressed A1-style. */
export interface SheetSpec {
  readonly name: string;
  readonly state: "visible" | "hidden" | "veryHidden";
  /** Column widths in characters, from column A on. */
  readonly columns: readonly { readonly width: number; readonly hidden?: boolean }[];
  /** Row heights in points, keyed by 1-based row number. */
  readonly rowHeights?: Readonly<Record<number, number>>;
  readonly cells: readonly CellSpec[];
  /** Large tables as compact blocks; they never overlap `cells`. */
  readonly blocks?: readonly BlockSpec[];
  readonly merges: readonly string[];
  readonly validations: readonly ValidationSpec[];
  readonly conditionalFormats: readonly ConditionalFormatSpec[];
  /** Sheet protection without a password: locked cells cannot be edited, unlocked ones can. */
  readonly protect?: boolean;
  /** Rows and columns frozen at the top-left. */
  readonly freeze?: { readonly rows: number; readonly columns: number };
  readonly autoFilter?: string;
  readonly print?: PrintSpec;
  readonly tabColour?: Colour;
  /** Comments on cells (the .xlsx renderer writes them; the Office.js renderer does not draw them). */
  readonly comments?: readonly CommentSpec[];
  /** In-workbook links from cells (a cell's value is its text; the link only adds where it goes). */
  readonly links?: readonly LinkSpec[];
}

/** A workbook as plain data: the seam between the core and every renderer. */
export interface WorkbookSpec {
  readonly sheets: readonly SheetSpec[];
  /** Named cell styles used by the cells' `style` field. */
  readonly styles: Readonly<Record<string, CellStyle>>;
  readonly properties: { readonly title: string; readonly creator: string };
}

/** True when the cell spec is a formula. */
export function isFormulaCell(cell: CellSpec): cell is FormulaCellSpec {
  return "formula" in cell;
}

/** A block over rows held in memory (small tables); `styles` is padded to the widest row. */
export function arrayBlock(
  row: number,
  col: number,
  styles: readonly (string | undefined)[],
  rows: readonly (readonly BlockValue[])[],
  heights: readonly (number | undefined)[] = []
): BlockSpec {
  const width = rows.reduce((w, values) => Math.max(w, values.length), styles.length);
  return {
    row,
    col,
    styles: Array.from({ length: width }, (_, i) => styles[i]),
    rowCount: rows.length,
    rowAt: (index) => {
      const height = heights[index];
      const values = rows[index] ?? [];
      return height === undefined ? { values } : { values, height };
    },
  };
}

/** Every cell of a sheet, the blocks' values included, as cell specs (for renderers that want one list). */
export function* allCells(sheet: SheetSpec): Generator<CellSpec> {
  yield* sheet.cells;
  for (const block of sheet.blocks ?? []) {
    for (let r = 0; r < block.rowCount; r++) {
      const { values } = block.rowAt(r);
      for (let c = 0; c < values.length; c++) {
        const value = values[c] ?? null;
        const style = block.styles[c];
        const ref = cellRef(block.row + r, block.col + c);
        yield style === undefined ? { ref, value } : { ref, value, style };
      }
    }
  }
}
