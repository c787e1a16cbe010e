import { readRoster, ROSTER_SHEET, type Issue, type Roster } from "../core";
import type { ChosenFile, FilePort, WorkbookPort } from "./ports";

/** A roster the pane will consolidate against, where it came from, or the problems that stop it. */
export type RosterChoice =
  | { readonly roster: Roster; readonly origin: "file" | "sheet"; readonly name: string }
  | { readonly issues: readonly Issue[]; readonly origin: "file" | "sheet"; readonly name: string };

/** A chosen roster file read and checked. */
export async function rosterOfFile(file: ChosenFile, files: FilePort): Promise<RosterChoice> {
  try {
    const read = readRoster(await files.read(new Uint8Array(await file.arrayBuffer())));
    return read.ok
      ? { roster: read.roster, origin: "file", name: file.name }
      : { issues: read.issues, origin: "file", name: file.name };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { issues: [{ severity: "错误", rule: "R1", message }], origin: "file", name: file.name };
  }
}

/** The open workbook's 名册 sheet read and checked, or null when it has none. */
export async function rosterInWorkbook(workbook: WorkbookPort): Promise<RosterChoice | null> {
  if (!(await workbook.listSheets()).some((s) => s.name === ROSTER_SHEET)) return null;
  const read = readRoster(await workbook.read([ROSTER_SHEET]));
  return read.ok
    ? { roster: read.roster, origin: "sheet", name: ROSTER_SHEET }
    : { issues: read.issues, origin: "sheet", name: ROSTER_SHEET };
}
