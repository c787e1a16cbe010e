/** Normalises a name for identity: NFKC (full-width to half-width), no whitespace at all, and unified brackets. */
export function normaliseName(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").replace(/[（(]/g, "(").replace(/[）)]/g, ")");
}

/** A branch's identity: (所属党委, 党支部名称), normalised, so "市财政局 机关党委" and "市财政局机关党委" are one. */
export function branchKey(committee: string, name: string): string {
  return `${normaliseName(committee)}｜${normaliseName(name)}`;
}
