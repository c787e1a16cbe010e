import { cellRef } from "../../sheet/address";
import { isCellError, type CellValue } from "../../sheet/snapshot";
import type { Rubric } from "../rubric/rubric";
import type { TypedFilling, TypedValue } from "./fill";
import type { HeaderKey } from "./header";
import { COL, headerRef, layoutTemplate } from "./layout";
import type { Found, FoundScoresheet } from "./locate";
import type { Filling } from "../scoring/filling";
import { displayText } from "../readings";
import { settled } from "../records";

/** What a branch typed, cell by cell as it arrived, and where its cells sit on the official template. */
export interface TypedCells {
  /** The typed values, unread: "十个月" stays "十个月"; a blank 说明, 审核 or 抽验 cell is left out. */
  readonly filling: TypedFilling;
  /** Where the branch's sheet differs from the template (rows inserted, say): its cell → the template's. */
  readonly moved: Readonly<Record<string, string>>;
}

const typedValue = (v: CellValue): TypedValue => (isCellError(v) ? v.error : v);

/** The template's own cell of everything typedCellsOf looks at, by what it is. */
interface TemplateRefs {
  readonly header: ReadonlyMap<string, string>;
  readonly entry: ReadonlyMap<string, string>;
  readonly item: ReadonlyMap<
    string,
    Readonly<Record<"note" | "review" | "sample" | "max" | "self" | "final", string>>
  >;
  readonly section: ReadonlyMap<string, StageRefs>;
  readonly total: StageRefs;
  readonly selfTier: string;
  readonly finalTier: string;
  readonly veto: ReadonlyMap<string, string>;
}

type StageRefs = Readonly<Record<"self" | "final", string>>;

const templateRefs = new WeakMap<Rubric, TemplateRefs>();

/** The template's cells, made once per rubric: every scoresheet of a batch is compared with the same. */
function refsOf(rubric: Rubric): TemplateRefs {
  const known = templateRefs.get(rubric);
  if (known) return known;
  const layout = layoutTemplate(rubric);
  const stage = (row: number): StageRefs => ({
    self: cellRef(row, COL.self),
    final: cellRef(row, COL.final),
  });
  const refs: TemplateRefs = {
    header: new Map(
      (Object.keys(layout.header) as HeaderKey[]).map((key) => [key, headerRef(layout, key)])
    ),
    entry: new Map([...layout.slotRow].map(([key, row]) => [key, cellRef(row, COL.entry)])),
    item: new Map(
      [...layout.itemRow].map(([code, row]) => [
        code,
        {
          note: cellRef(row, COL.note),
          review: cellRef(row, COL.review),
          sample: cellRef(row, COL.sample),
          max: cellRef(row, COL.max),
          self: cellRef(row, COL.self),
          final: cellRef(row, COL.final),
        },
      ])
    ),
    section: new Map([...layout.sectionRow].map(([code, row]) => [code, stage(row)])),
    total: stage(layout.totalRow),
    selfTier: cellRef(layout.result.selfTier, COL.standard),
    finalTier: cellRef(layout.result.finalTier, COL.standard),
    veto: new Map(layout.vetoRows.map(({ row, veto }) => [veto.code, cellRef(row, COL.entry)])),
  };
  templateRefs.set(rubric, refs);
  return refs;
}

/** The input cells of a located scoresheet as the branch typed them, and the cells that moved. */
export function typedCellsOf(found: FoundScoresheet, rubric: Rubric): TypedCells {
  const refs = refsOf(rubric);
  const moved: Record<string, string> = {};
  const at = (f: Found, ref: string): TypedValue => {
    if (f.ref !== ref) moved[f.ref] = ref;
    return typedValue(f.v);
  };
  const header: Partial<Record<HeaderKey, TypedValue>> = {};
  for (const [key, f] of Object.entries(found.header) as [HeaderKey, Found][]) {
    const ref = refs.header.get(key);
    if (ref !== undefined) header[key] = at(f, ref);
  }
  const entries: Record<string, TypedValue> = {};
  for (const [key, f] of Object.entries(found.slots)) {
    const ref = refs.entry.get(key);
    if (ref !== undefined) entries[key] = at(f, ref);
  }
  const notes: Record<string, TypedValue> = {};
  const reviews: Record<string, TypedValue> = {};
  const samples: Record<string, TypedValue> = {};
  for (const [code, item] of Object.entries(found.items)) {
    const ref = refs.item.get(code);
    if (ref === undefined) continue;
    // Blank is what the template holds there: only what was typed is kept (most rows have none, and
    // 5,000 branches' blanks were megabytes of a consolidation's memory).
    const keep = (into: Record<string, TypedValue>, f: Found, cell: string): void => {
      const v = at(f, cell);
      if (v !== null) into[code] = v;
    };
    keep(notes, item.note, ref.note);
    keep(reviews, item.review, ref.review);
    keep(samples, item.sample, ref.sample);
    at(item.max, ref.max);
    at(item.self, ref.self);
    at(item.final, ref.final);
  }
  const stages = (f: { self: Found; final: Found } | undefined, cells: StageRefs): void => {
    if (!f) return;
    at(f.self, cells.self);
    at(f.final, cells.final);
  };
  for (const [code, f] of Object.entries(found.sections)) {
    const cells = refs.section.get(code);
    if (cells !== undefined) stages(f, cells);
  }
  stages(found.total, refs.total);
  if (found.tiers.self) at(found.tiers.self, refs.selfTier);
  if (found.tiers.final) at(found.tiers.final, refs.finalTier);
  const vetoes: Record<string, TypedValue> = {};
  for (const [code, ref] of refs.veto) {
    const f = found.vetoes[code];
    if (f) vetoes[code] = at(f, ref);
  }
  return {
    filling: {
      header,
      entries: settled(entries),
      notes: settled(notes),
      reviews: settled(reviews),
      samples: settled(samples),
      vetoes: settled(vetoes),
    },
    moved,
  };
}

/**
 * What the branch typed that could not be read at all ("八分", "十五"), by header key, slot key or
 * veto code: the reading holds nothing there, and a report that showed a blank would lose it.
 */
export function unreadEntries(found: FoundScoresheet, filling: Filling): Record<string, string> {
  const out: Record<string, string> = {};
  const keep = (key: string, f: Found | undefined, read: unknown): void => {
    if (!f || (read !== null && read !== undefined)) return;
    const text = displayText(f.v).trim();
    if (text !== "") out[key] = text;
  };
  for (const [key, f] of Object.entries(found.header) as [HeaderKey, Found][])
    keep(key, f, filling.header[key]);
  for (const [key, f] of Object.entries(found.slots)) keep(key, f, filling.entries[key]);
  for (const [code, f] of Object.entries(found.vetoes)) keep(code, f, filling.vetoes[code]);
  return out;
}
