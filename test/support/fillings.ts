import {
  allItems,
  dateToSerial,
  DEFAULT_RUBRIC,
  EMPTY_HEADER,
  expectedCounts,
  pick,
  randomInt,
  seededRandom,
  slotsOf,
  type Rubric,
  type TypedFilling,
  type TypedValue,
} from "../../src/core";

/** A complete, valid header for a 机关 branch with a committee; override what a case needs. */
export function validHeader(over: TypedFilling["header"] = {}): TypedFilling["header"] {
  return {
    name: "市财政局机关第一党支部",
    committee: "市财政局机关党委",
    type: "机关",
    leader: "王建国",
    contact: "0391-3560001",
    members: 12,
    probationary: 1,
    hasCommittee: "是",
    committeeSize: 5,
    groups: 2,
    lastElection: dateToSerial({ year: 2018, month: 6, day: 15 }),
    stars: "四星",
    year: 2019,
    satisfaction: null,
    ...over,
  };
}

/** Entries that give every item full marks. */
export function fullMarksEntries(
  rubric: Rubric = DEFAULT_RUBRIC,
  groups = 2
): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const item of allItems(rubric)) {
    for (const slot of slotsOf(item)) {
      const r = item.rule;
      switch (slot.kind) {
        case "score":
          out[slot.key] = item.max;
          break;
        case "ladder":
          out[slot.key] = "好";
          break;
        case "bool":
          out[slot.key] = "是";
          break;
        case "count":
          out[slot.key] = r.type === "COUNT" ? (r.perGroup ? r.required * groups : r.required) : 0;
          break;
        case "clause":
          out[slot.key] = 0;
          break;
        case "covered":
          out[slot.key] =
            r.type === "COVER" || r.type === "CHECK"
              ? ((r.type === "COVER" ? r.cover.required : r.cover?.required) ?? 20)
              : 0;
          break;
        case "required":
          out[slot.key] = 20;
          break;
      }
    }
  }
  // The counts the sheet itself determines (C2's 党员总数, F1's 应开展次数), for validHeader's
  // 12 + 1 党员 and `groups` 党小组, covered in full.
  const header = { ...EMPTY_HEADER, members: 12, probationary: 1, groups, hasCommittee: true };
  for (const e of expectedCounts(rubric, header, {})) {
    out[e.slot] = e.value;
    if (e.covered) out[e.covered] = e.value;
  }
  return out;
}

/** All vetoes answered 否. */
export function noVetoes(rubric: Rubric = DEFAULT_RUBRIC): Record<string, TypedValue> {
  return Object.fromEntries(rubric.vetoes.filter((v) => v.enabled).map((v) => [v.code, "否"]));
}

/** A full-marks filling with a valid header and explanations; the base of most cases. */
export function fullMarks(over: Partial<TypedFilling> = {}): TypedFilling {
  return {
    header: validHeader(),
    entries: fullMarksEntries(),
    vetoes: noVetoes(),
    notes: {},
    ...over,
  };
}

/** A random filling within what the template's validation allows (the agreement test's input space). */
export function randomValidFilling(seed: number, rubric: Rubric = DEFAULT_RUBRIC): TypedFilling {
  const next = seededRandom(seed);
  const groups = randomInt(next, 0, 4);
  const hasCommittee = next() < 0.7;
  const sat = next();
  const header = validHeader({
    type: pick(next, ["农村", "社区", "机关", "国有企业", "非公企业", "社会组织", "其他"]),
    members: randomInt(next, 3, 60),
    hasCommittee: hasCommittee ? "是" : "否",
    committeeSize: hasCommittee ? randomInt(next, 3, 7) : 0,
    groups,
    satisfaction:
      sat < 0.4
        ? null
        : sat < 0.55
          ? pick(next, [59.5, 60, 79.5, 80, 0])
          : randomInt(next, 80, 200) / 2,
    stars: pick(next, ["五星", "四星", "三星", "二星", "一星", "未评"]),
  });
  // Bias towards good scores so every tier occurs, not just 未达标.
  const quality = next();
  const good = (): boolean => next() < 0.55 + quality * 0.45;
  const entries: Record<string, TypedValue> = {};
  for (const item of allItems(rubric)) {
    if (item.naAllowed && next() < 0.15) {
      entries[item.code] = "不适用";
      continue;
    }
    for (const slot of slotsOf(item)) {
      const r = item.rule;
      switch (slot.kind) {
        case "score":
          entries[slot.key] = good() ? item.max : randomInt(next, 0, item.max * 2) / 2;
          break;
        case "ladder":
          entries[slot.key] = good() ? "好" : pick(next, ["好", "较好", "一般", "差"]);
          break;
        case "bool":
          entries[slot.key] = good() ? "是" : pick(next, ["是", "否"]);
          break;
        case "count": {
          const required = r.type === "COUNT" ? (r.perGroup ? r.required * groups : r.required) : 0;
          entries[slot.key] = good()
            ? Math.min(required, slot.max)
            : randomInt(next, 0, Math.min(slot.max, Math.max(required + 2, 1)));
          break;
        }
        case "clause":
          entries[slot.key] = good() ? 0 : randomInt(next, 0, slot.max);
          break;
        case "covered":
          entries[slot.key] = randomInt(next, 0, Math.min(slot.max, 40));
          break;
        case "required":
          entries[slot.key] = randomInt(next, 0, 40);
          break;
      }
    }
  }
  const vetoRoll = next();
  const vetoes = noVetoes(rubric);
  if (vetoRoll < 0.08) vetoes[pick(next, Object.keys(vetoes))] = "是";
  const reviews: Record<string, TypedValue> = {};
  const samples: Record<string, TypedValue> = {};
  const stageRoll = next();
  for (const item of allItems(rubric)) {
    if (stageRoll < 0.35 || (stageRoll < 0.45 && next() < 0.5))
      reviews[item.code] = randomInt(next, Math.floor(item.max), item.max * 2) / 2;
    if (stageRoll > 0.9 && next() < 0.8) samples[item.code] = randomInt(next, 0, item.max * 2) / 2;
  }
  return { header, entries, vetoes, reviews, samples, notes: {} };
}
