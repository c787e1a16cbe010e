import { columnName, parseRef } from "../../../sheet/address";
import type { BlockSpec, CellSpec, SheetSpec } from "../../../sheet/spec";
import { parseRange, rangeText, type Rect } from "../../../sheet/range";

const LAST_ROW = 1048575;
const LAST_COLUMN = 16383;

/** A block and the row after its last. */
export interface PlacedBlock {
  readonly spec: BlockSpec;
  readonly end: number;
}

/**
 * One sheet's cells arranged for writing row by row: cells and merged areas grouped by row up front,
 * blocks left compact (sorted by first row), so no cell object ever exists per block value.
 */
export class SheetLayout {
  /** The sheet's merges as normalised ranges. */
  readonly merges: readonly string[];
  /** Cells by 0-based row, then column; a later cell at the same place replaces an earlier one. */
  readonly cells = new Map<number, Map<number, CellSpec>>();
  /** Cells a merge covers, with the style of its top-left cell: Excel's Merge gives them that look. */
  readonly covered = new Map<number, Map<number, string | undefined>>();
  /** Row heights by 0-based row, from `rowHeights`; blocks carry their own. */
  readonly heights = new Map<number, number>();
  readonly blocks: readonly PlacedBlock[];
  private used: Rect | undefined;

  constructor(private readonly sheet: SheetSpec) {
    for (const cell of sheet.cells) {
      const at = parseRef(cell.ref);
      if (at === undefined)
        throw new Error(`bad cell reference "${cell.ref}" on sheet ${sheet.name}`);
      rowOf(this.cells, at.row).set(at.col, cell);
      this.use({ top: at.row, left: at.col, bottom: at.row, right: at.col });
    }
    for (const [row, height] of Object.entries(sheet.rowHeights ?? {}))
      this.heights.set(Number(row) - 1, height);
    this.blocks = (sheet.blocks ?? [])
      .filter((b) => b.rowCount > 0)
      .map((spec) => ({ spec, end: spec.row + spec.rowCount }))
      .sort((a, b) => a.spec.row - b.spec.row);
    // A block's width is its styles' count (its rows are only made while they are written).
    for (const { spec, end } of this.blocks) {
      const width = spec.styles.length;
      if (width > 0)
        this.use({ top: spec.row, left: spec.col, bottom: end - 1, right: spec.col + width - 1 });
    }
    const merged = new Set<number>();
    // A one-cell merge is no merge; Excel would flag it.
    this.merges = sheet.merges
      .map((range) => this.merge(range, merged))
      .filter((r) => r.includes(":"));
  }

  /** The used range, for the <dimension> element. */
  get dimension(): string {
    return this.used === undefined ? "A1" : rangeText(this.used);
  }

  /** The rows with cells, merged areas or a height of their own, in order. */
  rowsOutsideBlocks(): number[] {
    const rows = new Set([...this.cells.keys(), ...this.covered.keys(), ...this.heights.keys()]);
    return [...rows].sort((a, b) => a - b);
  }

  /** Records a merge's covered cells with the style of its top-left cell; overlapping merges are a bug. */
  private merge(range: string, merged: Set<number>): string {
    const rect = parseRange(range);
    if (rect === undefined)
      throw new Error(`bad merge range "${range}" on sheet ${this.sheet.name}`);
    this.use(rect);
    const style = this.styleAt(rect.top, rect.left);
    for (let row = rect.top; row <= rect.bottom; row++) {
      for (let col = rect.left; col <= rect.right; col++) {
        const key = row * (LAST_COLUMN + 1) + col;
        if (merged.has(key))
          throw new Error(
            `merges overlap on sheet ${this.sheet.name} at ${columnName(col)}${row + 1}`
          );
        merged.add(key);
        if (row !== rect.top || col !== rect.left) rowOf(this.covered, row).set(col, style);
      }
    }
    return rangeText(rect);
  }

  private styleAt(row: number, col: number): string | undefined {
    const cell = this.cells.get(row)?.get(col);
    if (cell !== undefined) return cell.style;
    const block = this.blocks.find(
      ({ spec, end }) =>
        spec.row <= row &&
        row < end &&
        spec.col <= col &&
        col - spec.col < spec.rowAt(row - spec.row).values.length
    );
    return block?.spec.styles[col - block.spec.col];
  }

  private use(rect: Rect): void {
    if (rect.top < 0 || rect.left < 0 || rect.bottom > LAST_ROW || rect.right > LAST_COLUMN)
      throw new Error(
        `${rangeText(rect)} on sheet ${this.sheet.name} lies beyond Excel's last row or column`
      );
    const u = this.used;
    this.used =
      u === undefined
        ? rect
        : {
            top: Math.min(u.top, rect.top),
            left: Math.min(u.left, rect.left),
            bottom: Math.max(u.bottom, rect.bottom),
            right: Math.max(u.right, rect.right),
          };
  }
}

function rowOf<T>(rows: Map<number, Map<number, T>>, row: number): Map<number, T> {
  let cells = rows.get(row);
  if (cells === undefined) {
    cells = new Map();
    rows.set(row, cells);
  }
  return cells;
}
