import { columnName } from "../../../sheet/address";
import {
  isFormulaCell,
  type BlockRow,
  type BlockValue,
  type CellSpec,
  type SheetSpec,
} from "../../../sheet/spec";
import type { PlacedBlock, SheetLayout } from "./sheet-layout";
import type { SharedStrings } from "./shared-strings";
import type { StyleSheet } from "./styles";
import { xmlText } from "./xml";

/**
 * Roughly how many characters of row XML go into one chunk before it is handed on to be deflated.
 * Small enough that a chunk's pieces die young: at 256 K, they outlived the young generation and
 * piled up as old garbage (5,000-branch report: 238–246 MB peak RSS; at 64 K, 202–213 MB, no slower;
 * the file 0.3 % larger).
 */
const CHUNK = 1 << 16;

/** What a sheet's cells take from the workbook: style indices and the shared-string table. */
export interface CellContext {
  readonly styles: StyleSheet;
  readonly strings: SharedStrings;
}

const names: string[] = [];
function column(col: number): string {
  return (names[col] ??= columnName(col));
}

/** The <row> elements of a sheet's <sheetData>, in chunks of about CHUNK characters, rows and cells in order. */
export function* rowsXml(
  sheet: SheetSpec,
  layout: SheetLayout,
  context: CellContext
): Generator<string> {
  const rows = new RowWriter(sheet.name, layout, context);
  const outside = layout.rowsOutsideBlocks();
  const blocks = layout.blocks;
  const active: PlacedBlock[] = [];
  let next = 0;
  let extra = 0;
  let chunk = "";
  for (let row = -1; ;) {
    // The next row with anything in it: the next one inside a block, a block's first, or one with cells.
    let candidate = active.some((b) => b.end > row + 1)
      ? row + 1
      : (blocks[next]?.spec.row ?? Infinity);
    while ((outside[extra] ?? Infinity) <= row) extra++;
    candidate = Math.min(candidate, outside[extra] ?? Infinity);
    if (candidate === Infinity) break;
    row = candidate;
    for (; next < blocks.length && blocks[next]!.spec.row <= row; next++)
      active.push(blocks[next]!);
    for (let i = active.length - 1; i >= 0; i--) if (active[i]!.end <= row) active.splice(i, 1);
    chunk += rows.rowXml(row, active);
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}

/** Turns one row at a time into XML: cells as written, block rows from their values, merged cells styled. */
class RowWriter {
  private readonly styleAttrs = new Map<string | undefined, string>();
  private readonly blockStyles: ReadonlyMap<PlacedBlock, readonly string[]>;

  constructor(
    private readonly sheetName: string,
    private readonly layout: SheetLayout,
    private readonly context: CellContext
  ) {
    this.blockStyles = new Map(
      layout.blocks.map((b) => [
        b,
        b.spec.styles.map((name) => this.styleAttr(name, `a block at row ${b.spec.row + 1}`)),
      ])
    );
  }

  rowXml(row: number, active: readonly PlacedBlock[]): string {
    const cells = this.layout.cells.get(row);
    const covered = this.layout.covered.get(row);
    const rowNumber = String(row + 1);
    // Each block's row is asked for once: blocks may make their rows only now.
    const rows = active.map((block) => this.blockRow(block, row));
    const xml =
      cells === undefined && covered === undefined && active.length === 1
        ? this.blockValuesXml(active[0]!, rows[0]!.values, rowNumber)
        : this.mixedRowXml(rowNumber, active, rows, cells, covered);
    let height = this.layout.heights.get(row);
    for (const r of rows) height ??= r.height;
    const ht = height === undefined ? "" : ` ht="${height}" customHeight="1"`;
    if (xml === "") return ht === "" ? "" : `<row r="${rowNumber}"${ht}/>`;
    return `<row r="${rowNumber}"${ht}>${xml}</row>`;
  }

  /** A block's row; one wider than the block's styles would reach past the used range written up front. */
  private blockRow(block: PlacedBlock, row: number): BlockRow {
    const r = block.spec.rowAt(row - block.spec.row);
    if (r.values.length > block.spec.styles.length)
      throw new Error(
        `row ${row + 1} of a block on sheet ${this.sheetName} has ${r.values.length} values for ${block.spec.styles.length} columns`
      );
    return r;
  }

  /** One block's values in a row, each with its column's style. */
  private blockValuesXml(
    block: PlacedBlock,
    values: readonly BlockValue[],
    rowNumber: string
  ): string {
    const styles = this.blockStyles.get(block) ?? [];
    const left = block.spec.col;
    let xml = "";
    for (let i = 0; i < values.length; i++) {
      xml += this.valueXml(column(left + i) + rowNumber, values[i] ?? null, styles[i] ?? "");
    }
    return xml;
  }

  /** A row where cells, merged areas and blocks meet: each cell's XML gathered by column, then put in order. */
  private mixedRowXml(
    rowNumber: string,
    active: readonly PlacedBlock[],
    rows: readonly BlockRow[],
    cells: ReadonlyMap<number, CellSpec> | undefined,
    covered: ReadonlyMap<number, string | undefined> | undefined
  ): string {
    const byColumn = new Map<number, string>();
    const put = (col: number, xml: string): void => {
      if (byColumn.has(col))
        throw new Error(
          `cell ${column(col)}${rowNumber} on sheet ${this.sheetName} is written twice (a block overlaps it)`
        );
      byColumn.set(col, xml);
    };
    for (const [col, cell] of cells ?? []) put(col, this.cellXml(column(col) + rowNumber, cell));
    active.forEach((block, b) => {
      const values = rows[b]?.values ?? [];
      const styles = this.blockStyles.get(block) ?? [];
      for (let i = 0; i < values.length; i++) {
        const col = block.spec.col + i;
        put(col, this.valueXml(column(col) + rowNumber, values[i] ?? null, styles[i] ?? ""));
      }
    });
    // A merge's covered cells lose their value and take the top-left cell's look, as in Excel.
    for (const [col, style] of covered ?? []) {
      const ref = column(col) + rowNumber;
      byColumn.set(col, this.valueXml(ref, null, this.styleAttr(style, `a merge over ${ref}`)));
    }
    return [...byColumn.keys()]
      .sort((a, b) => a - b)
      .map((col) => byColumn.get(col))
      .join("");
  }

  private cellXml(ref: string, cell: CellSpec): string {
    const s = this.styleAttr(cell.style, `cell ${ref}`);
    if (!isFormulaCell(cell)) return this.valueXml(ref, cell.value, s);
    const f = `<f>${xmlText(cell.formula)}</f>`;
    const result = cell.result;
    if (result === undefined) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof result === "string")
      return `<c r="${ref}"${s} t="str">${f}<v>${xmlText(result)}</v></c>`;
    if (typeof result === "boolean")
      return `<c r="${ref}"${s} t="b">${f}<v>${result ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s}>${f}<v>${this.number(ref, result)}</v></c>`;
  }

  /** A literal: text always as a shared string, however it starts ("=", "+", "-", "@" included). */
  private valueXml(ref: string, value: BlockValue, s: string): string {
    switch (typeof value) {
      case "string":
        return `<c r="${ref}"${s} t="s"><v>${this.context.strings.index(value)}</v></c>`;
      case "number":
        return `<c r="${ref}"${s}><v>${this.number(ref, value)}</v></c>`;
      case "boolean":
        return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
      default:
        return s === "" ? "" : `<c r="${ref}"${s}/>`;
    }
  }

  /** NaN and infinities have no form in a cell; Excel would repair the file. They are a bug upstream. */
  private number(ref: string, value: number): string {
    if (!Number.isFinite(value))
      throw new Error(`cell ${ref} on sheet ${this.sheetName} holds ${value}`);
    return String(value);
  }

  /** ` s="N"` for a named style, "" for none (the Normal style). */
  private styleAttr(name: string | undefined, where: string): string {
    let attr = this.styleAttrs.get(name);
    if (attr === undefined) {
      const index = this.context.styles.xfIndex(name, `${where} on sheet ${this.sheetName}`);
      attr = index === 0 ? "" : ` s="${index}"`;
      this.styleAttrs.set(name, attr);
    }
    return attr;
  }
}
