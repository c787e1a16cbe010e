import { cellRef, parseRef } from "./address";

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** The rectangle of an A1 range ("B3:C8", "E4", "$A$1:$D$8"), or undefined when it is not one. */
export function parseRange(range: string): Rect | undefined {
  const [first = "", last = first, extra] = range.trim().split(":");
  const a = parseRef(first);
  const b = parseRef(last);
  if (!a || !b || extra !== undefined) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** The A1 text of a rectangle, a single cell written as one reference. */
export function rangeText(rect: Rect): string {
  const tl = cellRef(rect.top, rect.left);
  const br = cellRef(rect.bottom, rect.right);
  return tl === br ? tl : `${tl}:${br}`;
}

/** True when two rectangles share a cell. */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}
