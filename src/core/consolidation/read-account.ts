import type { WorkbookSnapshot } from "../../sheet/snapshot";
import { readStars, readText } from "../readings";
import { branchKey, normaliseName } from "./identity";
import type { CarriedInput } from "./model";
import { ACCOUNT_COLUMNS, ACCOUNT_KINDS, ACCOUNT_SHEET } from "./report-format";
import type { RosterEntry } from "./roster";

/** What a report's `_收齐` sheet carries up: its roster's branches and the files its level did not use. */
export interface Account {
  readonly roster: readonly RosterEntry[];
  readonly carried: readonly CarriedInput[];
}

const col = (label: (typeof ACCOUNT_COLUMNS)[number]): number => ACCOUNT_COLUMNS.indexOf(label);

/** Reads a report's `_收齐` sheet; a report without one (or from before it existed) carries nothing. */
export function readAccount(
  book: WorkbookSnapshot,
  via: string,
  committee: string | null
): Account {
  const sheet = book.sheets.find((s) => s.name === ACCOUNT_SHEET);
  const roster: RosterEntry[] = [];
  const carried: CarriedInput[] = [];
  (sheet?.rows ?? []).forEach((row, r) => {
    if (r === 0 || !row) return;
    const text = (label: (typeof ACCOUNT_COLUMNS)[number]): string => readText(row[col(label)]?.v);
    const kind = text("类别");
    const owner = text("所属党委") || committee || "";
    if (kind === ACCOUNT_KINDS.roster) {
      const name = text("党支部名称");
      if (!normaliseName(owner) || !normaliseName(name)) return;
      roster.push({
        key: branchKey(owner, name),
        committee: owner,
        name,
        leader: text("党支部负责人") || null,
        contact: text("联系方式") || null,
        type: text("支部类型") || null,
        stars: readStars(text("星级")) ?? null,
        source: via,
      });
    } else if (kind === ACCOUNT_KINDS.rejected || kind === ACCOUNT_KINDS.superseded)
      carried.push({
        committee: owner,
        file: text("文件"),
        status: kind === ACCOUNT_KINDS.rejected ? "rejected" : "superseded",
        reason: text("说明"),
        via,
      });
  });
  return { roster, carried };
}
