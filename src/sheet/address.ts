/** Column letters for a 0-based column index: 0 → "A", 26 → "AA". */
export function columnName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** An A1 address for 0-based row and column. */
export function cellRef(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** 0-based row and column of an A1 address ("$" allowed), or undefined when it is not one. */
export function parseRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1) return undefined;
  return { row: row - 1, col: col - 1 };
}
