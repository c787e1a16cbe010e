import { parseRef } from "../../sheet/address";
import type { CellValue, SheetSnapshot, SnapshotCell } from "../../sheet/snapshot";

/** A used range as Office.js loads it: its address and its values, formulas and value types. */
export interface LoadedRange {
  readonly address: string;
  readonly values: readonly (readonly unknown[])[];
  readonly formulas: readonly (readonly unknown[])[];
  readonly valueTypes?: readonly (readonly string[])[];
}

/** The top-left cell of "Sheet!B2:J40" or "'My sheet'!B2", 0-based. */
export function topLeftOf(address: string): { row: number; col: number } {
  const bang = address.lastIndexOf("!");
  const range = address.slice(bang + 1);
  const first = range.split(":")[0] ?? "";
  return parseRef(first) ?? { row: 0, col: 0 };
}

function cellValue(value: unknown, type: string | undefined): CellValue | undefined {
  if (type === "Error") return { error: String(value) };
  if (type === "Empty" || value === "" || value === null || value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string")
    return value;
  return String(value);
}

/** A loaded used range as the core's sparse sheet snapshot; formulas lose their "=" as in a file. */
export function sheetFromUsedRange(
  name: string,
  hidden: boolean,
  range: LoadedRange | null
): SheetSnapshot {
  if (!range) return { name, hidden, rows: [] };
  const origin = topLeftOf(range.address);
  const rows: (SnapshotCell | undefined)[][] = [];
  range.values.forEach((line, r) => {
    line.forEach((raw, c) => {
      const formula = range.formulas[r]?.[c];
      const hasFormula = typeof formula === "string" && formula.startsWith("=");
      const v = cellValue(raw, range.valueTypes?.[r]?.[c]);
      if (v === undefined && !hasFormula) return;
      const cell: SnapshotCell = hasFormula
        ? { v: v ?? null, f: formula.slice(1) }
        : { v: v ?? null };
      (rows[origin.row + r] ??= [])[origin.col + c] = cell;
    });
  });
  return { name, hidden, rows };
}
