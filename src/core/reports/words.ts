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

/** What a 示范-tier branch is called until the 工委 names it: a 基层党委 only recommends 示范. */
export const PROPOSED_MODEL = "先进（拟推荐示范）";

/** True when the 工委 has named the branch 示范 (its 命名 cell says so). */
export function namedModel(b: { readonly naming: string }): boolean {
  return b.naming.includes("示范");
}

/** The tier as this level may state it: 示范 only once named, before that 先进（拟推荐示范）. */
export function statedTier(b: { readonly tier: string; readonly naming: string }): string {
  return b.tier === "示范" && !namedModel(b) ? PROPOSED_MODEL : b.tier;
}
