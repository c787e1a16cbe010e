import { cellRef } from "../../sheet/address";
import { HEADER_FIELDS, normaliseLabel, type HeaderKey } from "./header";
import { carriesRubric, META_SHEET } from "./meta";
import { displayText } from "../readings";
import { allItems, enabledVetoes, type Rubric } from "../rubric/rubric";
import { slotsOf } from "../rubric/slots";
import type {
  CellValue,
  SheetSnapshot,
  SnapshotCell,
  WorkbookSnapshot,
} from "../../sheet/snapshot";
import { COL, layoutTemplate, SCORESHEET, TABLE_HEADERS } from "./layout";

/** A cell as found on the sheet: where it is, what it holds, and its formula if any. */
export interface Found {
  readonly ref: string;
  readonly v: CellValue;
  readonly f?: string;
}

/** One item row as found: entry-related cells and the cached results the file carries. */
export interface FoundItem {
  readonly row: number;
  readonly max: Found;
  readonly self: Found;
  readonly note: Found;
  readonly review: Found;
  readonly sample: Found;
  readonly final: Found;
}

/** A subtotal row's cells at every stage (a section's, or the 合计 row). */
export interface FoundStages {
  readonly self: Found;
  readonly review: Found;
  readonly sample: Found;
  readonly final: Found;
}

/** Everything located on a scoresheet, still raw: the core reads and judges it afterwards. */
export interface FoundScoresheet {
  readonly sheet: string;
  readonly header: Partial<Record<HeaderKey, Found>>;
  readonly slots: Readonly<Record<string, Found>>;
  readonly items: Readonly<Record<string, FoundItem>>;
  readonly vetoes: Readonly<Record<string, Found>>;
  readonly sections: Readonly<Record<string, FoundStages>>;
  readonly total?: FoundStages;
  readonly tiers: { readonly self?: Found; readonly final?: Found };
  /** Codes of the rubric with no row on the sheet. */
  readonly missingRows: readonly string[];
  /** Codes on the sheet that the rubric does not know. */
  readonly unknownRows: readonly { readonly code: string; readonly ref: string }[];
  readonly meta: Readonly<Record<string, string>>;
}

/** Why a workbook is not a scoresheet. */
export interface NotAScoresheet {
  readonly notScoresheet: true;
  readonly reason: string;
}

const cellAt = (sheet: SheetSnapshot, row: number, col: number): SnapshotCell | undefined =>
  sheet.rows[row]?.[col];

function found(sheet: SheetSnapshot, row: number, col: number): Found {
  const c = cellAt(sheet, row, col);
  const ref = cellRef(row, col);
  if (!c) return { ref, v: null };
  return c.f !== undefined ? { ref, v: c.v, f: c.f } : { ref, v: c.v };
}

const text = (sheet: SheetSnapshot, row: number, col: number): string =>
  normaliseLabel(displayText(cellAt(sheet, row, col)?.v));

/** The row holding the item table's header (序号, 考核项目, 填报 …), if the sheet has one. */
function tableHeaderRow(sheet: SheetSnapshot): number | undefined {
  const limit = Math.min(sheet.rows.length, 80);
  for (let r = 0; r < limit; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const texts = row.map((c) => normaliseLabel(displayText(c?.v)));
    if (texts.includes("考核项目") && texts.includes("填报")) return r;
  }
  return undefined;
}

/** The scoresheet worksheet: 打分表 by name, else the first sheet with the item table (a renamed sheet). */
export function findScoresheet(book: WorkbookSnapshot): SheetSnapshot | undefined {
  const named = book.sheets.find((s) => s.name.trim() === SCORESHEET);
  if (named && tableHeaderRow(named) !== undefined) return named;
  return book.sheets.find((s) => s.name !== META_SHEET && tableHeaderRow(s) !== undefined);
}

/** Locates a scoresheet's cells by their labels and item codes (not by fixed positions). */
export function findCells(
  book: WorkbookSnapshot,
  rubric: Rubric
): FoundScoresheet | NotAScoresheet {
  const sheet = findScoresheet(book);
  if (!sheet)
    return {
      notScoresheet: true,
      reason: "找不到“打分表”工作表（没有含“考核项目”“填报”列的表格），不是本评分标准的打分表。",
    };
  const headRow = tableHeaderRow(sheet) ?? 0;
  const col = columnsOf(sheet, headRow);
  const header = findHeader(sheet, rubric, headRow);
  const { itemCodes, slotKeys, vetoCodes, sectionCodes } = codesOf(rubric);
  const slots: Record<string, Found> = {};
  const items: Record<string, FoundItem> = {};
  const vetoes: Record<string, Found> = {};
  const sections: Record<string, FoundStages> = {};
  const stages = (r: number): FoundStages => ({
    self: found(sheet, r, col.self),
    review: found(sheet, r, col.review),
    sample: found(sheet, r, col.sample),
    final: found(sheet, r, col.final),
  });
  const unknownRows: { code: string; ref: string }[] = [];
  let total: FoundScoresheet["total"];
  const tiers: { self?: Found; final?: Found } = {};
  for (let r = headRow + 1; r < sheet.rows.length; r++) {
    const code = text(sheet, r, COL.code).toUpperCase();
    if (code === "") continue;
    if (itemCodes.has(code)) {
      items[code] = {
        row: r,
        max: found(sheet, r, col.max),
        self: found(sheet, r, col.self),
        note: found(sheet, r, col.note),
        review: found(sheet, r, col.review),
        sample: found(sheet, r, col.sample),
        final: found(sheet, r, col.final),
      };
    }
    if (slotKeys.has(code)) slots[code] = found(sheet, r, col.entry);
    else if (vetoCodes.has(code)) vetoes[code] = found(sheet, r, col.entry);
    else if (sectionCodes.has(code)) sections[code] = stages(r);
    else if (code === "合计") total = stages(r);
    else if (code === "自评等次") tiers.self = found(sheet, r, COL.standard);
    else if (code === "最终等次") tiers.final = found(sheet, r, COL.standard);
    else if (!itemCodes.has(code) && /^[A-Z]\d+(\.\d+)?$/.test(code))
      unknownRows.push({ code, ref: cellRef(r, COL.code) });
  }
  // An item row is missing even when its sub-rows remain (its 分值 and formulas went with it).
  const missing = new Set<string>();
  for (const item of allItems(rubric)) {
    if (!items[item.code]) missing.add(item.code);
    for (const slot of slotsOf(item)) if (!slots[slot.key]) missing.add(slot.key);
  }
  const missingRows = [...missing, ...[...vetoCodes].filter((k) => !vetoes[k])];
  const meta = readMeta(book);
  const result = {
    sheet: sheet.name,
    header,
    slots,
    items,
    vetoes,
    sections,
    tiers,
    missingRows,
    unknownRows,
    meta,
  };
  return total ? { ...result, total } : result;
}

/** The codes a rubric's rows carry, by kind. */
export interface RubricCodes {
  readonly itemCodes: ReadonlySet<string>;
  readonly slotKeys: ReadonlySet<string>;
  readonly vetoCodes: ReadonlySet<string>;
  readonly sectionCodes: ReadonlySet<string>;
}

const rubricCodes = new WeakMap<Rubric, RubricCodes>();

/** A rubric's codes, made once per rubric: every scoresheet of a batch is located by the same ones. */
export function codesOf(rubric: Rubric): RubricCodes {
  const known = rubricCodes.get(rubric);
  if (known) return known;
  const items = allItems(rubric);
  const codes = {
    itemCodes: new Set(items.map((i) => i.code)),
    slotKeys: new Set(items.flatMap((i) => slotsOf(i).map((s) => s.key))),
    vetoCodes: new Set(enabledVetoes(rubric).map((v) => v.code)),
    sectionCodes: new Set(rubric.sections.map((s) => s.code)),
  };
  rubricCodes.set(rubric, codes);
  return codes;
}

/** Column positions by the table header's texts, falling back to the template's own columns. */
function columnsOf(
  sheet: SheetSnapshot,
  headRow: number
): Record<"max" | "entry" | "self" | "note" | "review" | "sample" | "final", number> {
  const texts = (sheet.rows[headRow] ?? []).map((c) => normaliseLabel(displayText(c?.v)));
  const at = (label: string, fallback: number): number => {
    const i = texts.indexOf(normaliseLabel(label));
    return i >= 0 ? i : fallback;
  };
  return {
    max: at(TABLE_HEADERS[COL.max], COL.max),
    entry: at(TABLE_HEADERS[COL.entry], COL.entry),
    self: at(TABLE_HEADERS[COL.self], COL.self),
    note: at(TABLE_HEADERS[COL.note], COL.note),
    review: at(TABLE_HEADERS[COL.review], COL.review),
    sample: at(TABLE_HEADERS[COL.sample], COL.sample),
    final: at(TABLE_HEADERS[COL.final], COL.final),
  };
}

/** Header values found beside their labels above the item table. */
function findHeader(
  sheet: SheetSnapshot,
  rubric: Rubric,
  headRow: number
): Partial<Record<HeaderKey, Found>> {
  const layout = layoutTemplate(rubric);
  const byLabel = new Map(HEADER_FIELDS.map((f) => [normaliseLabel(f.label), f.key]));
  const out: Partial<Record<HeaderKey, Found>> = {};
  for (let r = 0; r < headRow; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    row.forEach((c, ci) => {
      const key = byLabel.get(normaliseLabel(displayText(c?.v)));
      if (!key || out[key]) return;
      const h = layout.header[key];
      out[key] = found(sheet, r, ci + (h.valueCol - h.labelCol));
    });
  }
  return out;
}

/** The `_dabiao` sheet's key/value rows, but the chunks of the rubric it carries (see carriesRubric). */
function readMeta(book: WorkbookSnapshot): Record<string, string> {
  const sheet = book.sheets.find((s) => s.name === META_SHEET);
  const values: Record<string, string> = {};
  if (!sheet) return values;
  for (let r = 0; r < sheet.rows.length; r++) {
    const key = displayText(cellAt(sheet, r, 0)?.v).trim();
    if (key && !carriesRubric(key)) values[key] = displayText(cellAt(sheet, r, 1)?.v);
  }
  return values;
}
