import type { BranchType } from "../rubric/rubric";
import type { DateParts } from "../readings";

/** What a branch entered in one entry cell, already read: a number, 是/否, 不适用, a ladder level, or nothing. */
export type Entry = number | boolean | "不适用" | "好" | "较好" | "一般" | "差" | null;

/** The header block's values, already read; null where empty or unreadable. */
export interface HeaderValues {
  readonly name: string | null;
  readonly committee: string | null;
  readonly type: BranchType | null;
  readonly leader: string | null;
  readonly contact: string | null;
  readonly members: number | null;
  readonly probationary: number | null;
  readonly hasCommittee: boolean | null;
  readonly committeeSize: number | null;
  readonly groups: number | null;
  readonly lastElection: DateParts | null;
  /** 1–5, or 0 for 未评. */
  readonly stars: number | null;
  readonly year: number | null;
  readonly satisfaction: number | null;
}

/** A scoresheet's content as plain values: what the engine scores. */
export interface Filling {
  readonly header: HeaderValues;
  /** By slot key: the item code, or "A2.1" for a sub-row. */
  readonly entries: Readonly<Record<string, Entry>>;
  /** 审核得分 by item code. */
  readonly reviews: Readonly<Record<string, number>>;
  /** 抽验得分 by item code. */
  readonly samples: Readonly<Record<string, number>>;
  /** Veto answers by veto code: true = 是. */
  readonly vetoes: Readonly<Record<string, boolean>>;
  /** 扣分说明及佐证材料 by item code. */
  readonly notes: Readonly<Record<string, string>>;
}

/** A header with every field empty. */
export const EMPTY_HEADER: HeaderValues = {
  name: null,
  committee: null,
  type: null,
  leader: null,
  contact: null,
  members: null,
  probationary: null,
  hasCommittee: null,
  committeeSize: null,
  groups: null,
  lastElection: null,
  stars: null,
  year: null,
  satisfaction: null,
};
