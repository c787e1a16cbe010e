import type { Entry } from "../scoring/filling";
import { STAR_CHOICES } from "../rubric/rubric";

// How the printed forms write things: gaps left for handwriting, the date line, 星级, entries.

/** A full-width space: printed Chinese forms leave room for handwriting and indent paragraphs with them. */
export const GAP = "\u3000";

/** "2019年  月  日" (full-width gaps), the day and month left to write by hand; the year too when not given. */
export function dateLine(year?: number): string {
  return `${year ?? GAP.repeat(4)}年${GAP.repeat(2)}月${GAP.repeat(2)}日`;
}

/** 星级 as the form writes it: 5 → "五星", 0 → "未评", unknown → "". */
export function starsText(stars: number | null): string {
  return stars !== null && Number.isInteger(stars) && stars >= 0 && stars <= 5
    ? (STAR_CHOICES[5 - stars] ?? "")
    : "";
}

/** An entry as the scoresheet shows it: a number, 是/否, 不适用, a ladder word, or blank. */
export function entryValue(entry: Entry | undefined): string | number | null {
  if (entry === undefined || entry === null) return null;
  if (typeof entry === "boolean") return entry ? "是" : "否";
  return entry;
}
