/** Pads text to a display width, counting CJK characters as two columns. */
export function pad(text: string, width: number): string {
  const w = [...text].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return text + " ".repeat(Math.max(0, width - w));
}
