import { EMPTY_HEADER, type Entry, type Filling, type HeaderValues } from "../scoring/filling";
import { HEADER_FIELDS, type HeaderField } from "./header";
import { STAR_CHOICES } from "../rubric/rubric";
import type { Issue } from "../issues";
import { MSG } from "../messages";
import {
  displayText,
  readBool,
  readDate,
  readNumber,
  readStars,
  readText,
  type Reading,
  type ReadNote,
} from "../readings";
import {
  allItems,
  BRANCH_TYPES,
  enabledVetoes,
  type BranchType,
  type Rubric,
} from "../rubric/rubric";
import type { FoundScoresheet } from "./locate";
import { LADDER, slotsOf, type Slot } from "../rubric/slots";
import type { CellValue } from "../../sheet/snapshot";
import { settled } from "../records";

/** Reads the located cells into plain values, with an issue for everything not read as typed. */
export function readFilling(
  found: FoundScoresheet,
  rubric: Rubric
): { filling: Filling; issues: Issue[] } {
  const issues: Issue[] = [];
  const at = (cell: string | undefined) =>
    cell ? { sheet: found.sheet, cell } : { sheet: found.sheet };
  const issue = (
    severity: Issue["severity"],
    rule: string,
    cell: string | undefined,
    message: string
  ): void => {
    issues.push({ severity, rule, ...at(cell), message });
  };
  const number = (
    what: string,
    cell: string,
    v: CellValue,
    min: number,
    max: number,
    step: "whole" | "half" | "any",
    required: boolean
  ): number | null => {
    const r = readNumber(v);
    if (!r.ok) {
      if (r.reason === "empty") {
        if (required)
          issue(
            "错误",
            "V1",
            cell,
            MSG.missing(what, `${min}～${max}的${step === "whole" ? "整数" : "数"}`)
          );
      } else
        issue(
          "错误",
          "V1",
          cell,
          MSG.unreadable(what, r.text, `${min}～${max}的${step === "whole" ? "整数" : "数"}`)
        );
      return null;
    }
    noteIssue(r, what, cell, String(r.value));
    if (r.value < min || r.value > max)
      issue("错误", "V1", cell, MSG.outOfRange(what, r.value, min, max));
    else if (step === "whole" && !Number.isInteger(r.value))
      issue("错误", "V1", cell, MSG.notWhole(what, r.value));
    else if (step === "half" && !Number.isInteger(r.value * 2))
      issue("错误", "V1", cell, MSG.notHalfStep(what, r.value));
    return r.value;
  };
  const noteIssue = <T>(r: Reading<T>, what: string, cell: string, shown: string): void => {
    if (r.ok && r.notes.length > 0 && r.text !== undefined)
      issue("警告", "V1", cell, MSG.interpreted(what, r.text, shown, r.notes));
  };
  /** A word (较好, 不适用) read from text with stray spaces or full-width forms, which the sheet's formulas do not match. */
  const tidiedIssue = (what: string, cell: string, raw: string, read: string): void => {
    if (raw === read) return;
    const notes: ReadNote[] = [];
    if (raw.normalize("NFKC") !== raw) notes.push("fullwidth");
    if (raw.trim() !== raw) notes.push("spaces");
    issue("警告", "V1", cell, MSG.interpreted(what, raw, read, notes));
  };

  const entries: Record<string, Entry> = {};
  for (const item of allItems(rubric)) {
    for (const slot of slotsOf(item)) {
      const f = found.slots[slot.key];
      if (!f) continue;
      entries[slot.key] = readSlot(slot, f.ref, f.v);
    }
  }
  function readSlot(slot: Slot, cell: string, v: CellValue): Entry {
    const what =
      slot.key === slot.item.code
        ? `${slot.item.code} ${slot.item.title}的填报`
        : `${slot.key}（${slot.label}）`;
    const typed = readText(v).normalize("NFKC");
    if (typed === "不适用") {
      if (slot.item.naAllowed && slot.key === slot.item.code) {
        tidiedIssue(what, cell, displayText(v), typed);
        return "不适用";
      }
      issue("错误", "V1", cell, MSG.naNotAllowed(what));
      return null;
    }
    switch (slot.kind) {
      case "score":
        return number(what, cell, v, 0, slot.max, "half", true);
      case "ladder": {
        const level = LADDER.find((l) => l.level === typed);
        if (level) {
          tidiedIssue(what, cell, displayText(v), level.level);
          return level.level as Entry;
        }
        issue(
          "错误",
          "V1",
          cell,
          typed === ""
            ? MSG.missing(what, "好、较好、一般或差")
            : MSG.unreadable(what, displayText(v), "好、较好、一般或差")
        );
        return null;
      }
      case "bool": {
        const r = readBool(v);
        if (!r.ok) {
          issue(
            "错误",
            "V1",
            cell,
            r.reason === "empty"
              ? MSG.missing(what, "“是”或“否”")
              : MSG.unreadable(what, r.text, "“是”或“否”")
          );
          return null;
        }
        noteIssue(r, what, cell, r.value ? "是" : "否");
        return r.value;
      }
      default:
        return number(what, cell, v, slot.min, slot.max, "whole", true);
    }
  }

  const reviews: Record<string, number> = {};
  const samples: Record<string, number> = {};
  const notes: Record<string, string> = {};
  for (const item of allItems(rubric)) {
    const f = found.items[item.code];
    if (!f) continue;
    // The committee's scores: blank until typed, in half points within the item's max.
    const stage = (label: string, cell: typeof f.review): number | null =>
      number(`${item.code} ${label}`, cell.ref, cell.v, 0, item.max, "half", false);
    const review = stage("审核得分", f.review);
    if (review !== null) reviews[item.code] = review;
    const sample = stage("抽验得分", f.sample);
    if (sample !== null) samples[item.code] = sample;
    const note = readText(f.note.v);
    if (note) notes[item.code] = note;
  }

  const vetoes: Record<string, boolean> = {};
  for (const veto of enabledVetoes(rubric)) {
    const f = found.vetoes[veto.code];
    if (!f) continue;
    const r = readBool(f.v);
    const what = `否决项 ${veto.code}`;
    if (!r.ok) {
      issue(
        "错误",
        "V22",
        f.ref,
        r.reason === "empty"
          ? MSG.missing(what, "“是”或“否”")
          : MSG.unreadable(what, r.text, "“是”或“否”")
      );
      continue;
    }
    noteIssue(r, what, f.ref, r.value ? "是" : "否");
    vetoes[veto.code] = r.value;
  }

  const header: Record<string, unknown> = { ...EMPTY_HEADER };
  for (const field of HEADER_FIELDS) {
    const f = found.header[field.key];
    if (!f) {
      if (field.required)
        issue(
          "错误",
          "V1",
          undefined,
          MSG.missingField(field.label, "表头缺少此栏，请使用上级下发的模板。")
        );
      continue;
    }
    header[field.key] = readHeaderField(field, f.ref, f.v);
  }
  function readHeaderField(field: HeaderField, cell: string, v: CellValue): unknown {
    const what = field.label;
    const empty = readText(v) === "";
    if (empty) {
      if (field.required) issue("错误", "V1", cell, MSG.missingField(what, field.prompt));
      return null;
    }
    switch (field.kind) {
      case "text":
        return readText(v);
      case "branchType": {
        const t = readText(v).normalize("NFKC");
        const type = BRANCH_TYPES.find((b) => b === t || `${b}党支部` === t);
        if (!type)
          issue(
            "错误",
            "V1",
            cell,
            MSG.unreadable(what, displayText(v), BRANCH_TYPES.join("、") + "之一")
          );
        return (type as BranchType | undefined) ?? null;
      }
      case "bool": {
        const r = readBool(v);
        if (!r.ok) issue("错误", "V1", cell, MSG.unreadable(what, r.text, "“是”或“否”"));
        else noteIssue(r, what, cell, r.value ? "是" : "否");
        return r.ok ? r.value : null;
      }
      case "count":
        return number(what, cell, v, 0, 100000, "whole", field.required);
      case "year":
        return number(what, cell, v, 2019, 2100, "whole", field.required);
      case "percent":
        return number(what, cell, v, 0, 100, "any", false);
      case "date": {
        const r = readDate(v);
        if (!r.ok) issue("错误", "V1", cell, MSG.unreadable(what, r.text, "日期，如 2017-05-12"));
        else if (r.notes.includes("text") && r.text !== undefined)
          issue(
            "提示",
            "V1",
            cell,
            `${what}“${r.text}”是文本，已按 ${r.value.year}年${r.value.month}月${r.value.day}日 读取。`
          );
        return r.ok ? r.value : null;
      }
      case "stars": {
        const stars = readStars(readText(v));
        if (stars !== undefined) return stars;
        issue(
          "错误",
          "V1",
          cell,
          MSG.unreadable(what, displayText(v), `${STAR_CHOICES.join("、")}之一`)
        );
        return null;
      }
    }
  }
  const filling: Filling = {
    header: header as unknown as HeaderValues,
    entries: settled(entries),
    reviews: settled(reviews),
    samples: settled(samples),
    vetoes: settled(vetoes),
    notes: settled(notes),
  };
  return { filling, issues };
}
