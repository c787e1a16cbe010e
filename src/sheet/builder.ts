import { cellRef } from "./address";
import {
  arrayBlock,
  type BlockRow,
  type BlockSpec,
  type BlockValue,
  type CellSpec,
  type ConditionalFormatSpec,
  type PrintSpec,
  type SheetSpec,
  type ValidationSpec,
} from "./spec";

interface OpenBlock {
  row: number;
  styles: (string | undefined)[];
  rows: (readonly BlockValue[])[];
  heights: (number | undefined)[];
}

/** Accumulates one sheet description cell by cell; `build()` returns the plain SheetSpec. */
export class SheetBuilder {
  private readonly cells = new Map<string, CellSpec>();
  private readonly merges: string[] = [];
  private readonly validations: ValidationSpec[] = [];
  private readonly conditionalFormats: ConditionalFormatSpec[] = [];
  private readonly rowHeights: Record<number, number> = {};
  private readonly blocks: OpenBlock[] = [];
  /** Blocks whose rows a function makes (renderers place blocks by their first row, not by this order). */
  private readonly lazyBlocks: BlockSpec[] = [];

  constructor(
    private readonly name: string,
    private readonly columns: readonly { width: number; hidden?: boolean }[]
  ) {}

  /** Puts a literal value at 0-based (row, col). */
  value(row: number, col: number, value: string | number | boolean | null, style?: string): this {
    const ref = cellRef(row, col);
    this.cells.set(ref, style === undefined ? { ref, value } : { ref, value, style });
    return this;
  }

  /** Puts a formula at 0-based (row, col). */
  formula(row: number, col: number, formula: string, style?: string): this {
    const ref = cellRef(row, col);
    this.cells.set(ref, style === undefined ? { ref, formula } : { ref, formula, style });
    return this;
  }

  /** Merges a rectangle given by 0-based corners; the styled value sits in the first cell. */
  merge(row: number, col: number, toRow: number, toCol: number, style?: string): this {
    this.merges.push(`${cellRef(row, col)}:${cellRef(toRow, toCol)}`);
    if (style !== undefined) {
      for (let r = row; r <= toRow; r++)
        for (let c = col; c <= toCol; c++)
          if (r !== row || c !== col) this.value(r, c, null, style);
    }
    return this;
  }

  /**
   * Appends a table row from column A as part of a block (the compact form of large tables); rows that follow
   * each other with the same column styles share one block.
   */
  tableRow(
    row: number,
    values: readonly BlockValue[],
    styles: readonly (string | undefined)[],
    height?: number
  ): this {
    const last = this.blocks[this.blocks.length - 1];
    const fits =
      last !== undefined &&
      last.row + last.rows.length === row &&
      styles.every((st, i) => i >= last.styles.length || last.styles[i] === st);
    const block = fits ? last : { row, styles: [], rows: [], heights: [] };
    if (!fits) this.blocks.push(block);
    if (styles.length > block.styles.length) block.styles = [...styles];
    block.rows.push(values);
    block.heights.push(height);
    return this;
  }

  /**
   * Adds a table of `count` rows from column A whose rows are made only when a renderer asks for
   * them (the largest tables: they never exist whole). `styles` has one entry per column of the widest row.
   */
  lazyRows(
    row: number,
    count: number,
    styles: readonly (string | undefined)[],
    rowAt: (index: number) => BlockRow
  ): this {
    if (count > 0) this.lazyBlocks.push({ row, col: 0, styles, rowCount: count, rowAt });
    return this;
  }

  /** Sets a row height in points (0-based row). */
  height(row: number, points: number): this {
    this.rowHeights[row + 1] = points;
    return this;
  }

  /** Adds a data validation. */
  validate(v: ValidationSpec): this {
    if (v.ranges.length > 0) this.validations.push(v);
    return this;
  }

  /** Adds a conditional format. */
  highlight(cf: ConditionalFormatSpec): this {
    if (cf.ranges.length > 0) this.conditionalFormats.push(cf);
    return this;
  }

  /** The finished sheet description. */
  build(extra: {
    state?: SheetSpec["state"];
    protect?: boolean;
    freeze?: SheetSpec["freeze"];
    print?: PrintSpec;
    autoFilter?: string;
    tabColour?: string;
  }): SheetSpec {
    return {
      name: this.name,
      state: extra.state ?? "visible",
      columns: this.columns,
      rowHeights: { ...this.rowHeights },
      cells: [...this.cells.values()],
      ...(this.blocks.length + this.lazyBlocks.length > 0
        ? { blocks: [...this.blocks.map(finishBlock), ...this.lazyBlocks] }
        : {}),
      merges: [...this.merges],
      validations: [...this.validations],
      conditionalFormats: [...this.conditionalFormats],
      ...(extra.protect !== undefined ? { protect: extra.protect } : {}),
      ...(extra.freeze ? { freeze: extra.freeze } : {}),
      ...(extra.print ? { print: extra.print } : {}),
      ...(extra.autoFilter ? { autoFilter: extra.autoFilter } : {}),
      ...(extra.tabColour ? { tabColour: extra.tabColour } : {}),
    };
  }
}

/** Collapses 0-based rows of one column into A1 ranges: [12,13,14,16] → ["E13:E15","E17"]. */
export function columnRanges(col: number, rows: readonly number[]): string[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const out: string[] = [];
  let start = sorted[0];
  let prev = start;
  for (const r of [...sorted.slice(1), undefined]) {
    if (r !== undefined && prev !== undefined && r === prev + 1) {
      prev = r;
      continue;
    }
    if (start !== undefined && prev !== undefined)
      out.push(
        start === prev ? cellRef(start, col) : `${cellRef(start, col)}:${cellRef(prev, col)}`
      );
    start = r;
    prev = r;
  }
  return out;
}

function finishBlock(b: OpenBlock): BlockSpec {
  return arrayBlock(b.row, 0, b.styles, b.rows, b.heights);
}
