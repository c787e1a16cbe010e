/** Normalises a name for identity: NFKC (full-width to half-width), no whitespace or invisible characters at all, and unified brackets. */
export function normaliseName(text: string): string {
  // \p{Cf} covers the zero-width space, joiners and the BOM that text pasted from web pages and chats carries.
  return text
    .normalize("NFKC")
    .replace(/[\s\p{Cf}]+/gu, "")
    .replace(/[（(]/g, "(")
    .replace(/[）)]/g, ")");
}

/** A branch as the 问题清单 names it: "所属党委 / 党支部名称". */
export function branchLabel(row: {
  readonly header: { readonly committee: string | null; readonly name: string | null };
}): string {
  return `${row.header.committee ?? ""} / ${row.header.name ?? ""}`;
}

/** A branch's identity: (所属党委, 党支部名称), normalised, so "市财政局 机关党委" and "市财政局机关党委" are one. */
export function branchKey(committee: string, name: string): string {
  return `${normaliseName(committee)}｜${normaliseName(name)}`;
}
