import { cellRef } from "../../sheet/address";
import type { Rubric, Tier } from "../rubric/rubric";
import { LADDER, slotsOf } from "../rubric/slots";
import { COL, headerRef, type TemplateLayout } from "./layout";
import { clauseCaps, sectionFloorFor示范, tierLevel } from "../scoring/tiers";
import type { Item } from "../rubric/rubric";

// The sheet's formulas mirror score.ts and tiers.ts term by term; the LibreOffice agreement test keeps
// them honest. Only SUM, IF, MAX, MIN, ROUNDDOWN, AND, OR, NOT, N, ISNUMBER, COUNT, COUNTIF, CHOOSE:
// every one of them is evaluated alike by Excel 2010, WPS and LibreOffice, and none needs "_xlfn.".

/** clampStep(x, max) of score.ts as a formula. */
function clampStep(x: string, max: string): string {
  return `MIN(${max},ROUNDDOWN(MAX(0,${x})*2,0)/2)`;
}

/** coverScore of score.ts as a formula. */
function coverScore(points: number, covered: string, required: string): string {
  return `IF(${required}>0,ROUNDDOWN(${points}*2*MIN(MAX(${covered},0),${required})/${required},0)/2,0)`;
}

/** The 自评得分 formula of an item on the given layout. */
export function selfScoreFormula(item: Item, layout: TemplateLayout): string {
  const row = layout.itemRow.get(item.code) ?? 0;
  const max = cellRef(row, COL.max);
  const slots = slotsOf(item);
  const entry = (i: number): string =>
    cellRef(layout.slotRow.get(slots[i]?.key ?? "") ?? row, COL.entry);
  const own = cellRef(row, COL.entry);
  const r = item.rule;
  let body: string;
  switch (r.type) {
    case "JUDGE":
      body = r.ladder
        ? LADDER.filter((l) => l.share > 0)
            .reverse()
            .reduce(
              (inner, l) =>
                `IF(${own}="${l.level}",${clampStep(`${max}*${l.share}`, max)},${inner})`,
              "0"
            )
        : `IF(ISNUMBER(${own}),${clampStep(own, max)},0)`;
      break;
    case "BOOL":
      body = `IF(${own}="是",${max},0)`;
      break;
    case "COUNT": {
      const required = r.perGroup
        ? `${r.required}*N(${headerRef(layout, "groups")})`
        : `${r.required}`;
      body = `IF(ISNUMBER(${own}),${clampStep(`${max}-${r.deduct}*MAX(0,${required}-${own})`, max)},0)`;
      break;
    }
    case "COVER":
      body = clampStep(
        coverScore(
          r.cover.points,
          `N(${entry(0)})`,
          r.cover.required !== undefined ? `${r.cover.required}` : `N(${entry(1)})`
        ),
        max
      );
      break;
    case "CHECK": {
      const n = r.clauses.length;
      const deducted = r.clauses.map((c, i) => `${c.deduct}*N(${entry(i)})`).join("+");
      const base = r.cover ? `${max}-${r.cover.points}` : max;
      const cover = r.cover
        ? `+${coverScore(r.cover.points, `N(${entry(n)})`, r.cover.required !== undefined ? `${r.cover.required}` : `N(${entry(n + 1)})`)}`
        : "";
      body = clampStep(`MAX(0,${base}-(${deducted}))${cover}`, max);
      break;
    }
  }
  return item.naAllowed ? `IF(${own}="不适用",${max},${body})` : body;
}

/** The 最终得分 formula: 抽验 if present, else 审核 if present, else 自评; held to 0..max in 0.5 steps like score.ts. */
export function finalScoreFormula(row: number): string {
  const s = cellRef(row, COL.sample);
  const r = cellRef(row, COL.review);
  const max = cellRef(row, COL.max);
  return `IF(ISNUMBER(${s}),${clampStep(s, max)},IF(ISNUMBER(${r}),${clampStep(r, max)},${cellRef(row, COL.self)}))`;
}

/**
 * A stage subtotal over `rows` (item rows for a section, section rows for the total): 自评 and 最终
 * always sum; 审核 and 抽验 stay blank until the committee enters any, and then count a row left blank
 * at the stage before (审核 else 自评; 抽验 else 审核 else 自评), as sumStages does.
 */
export function subtotalFormula(
  col: number,
  rows: readonly number[],
  ranges: readonly string[]
): string {
  const list = ranges.join(",");
  if (col !== COL.review && col !== COL.sample) return `SUM(${list})`;
  const term = (row: number): string => {
    const self = cellRef(row, COL.self);
    const review = cellRef(row, COL.review);
    const upToReview = `IF(ISNUMBER(${review}),${review},${self})`;
    if (col === COL.review) return upToReview;
    const sample = cellRef(row, COL.sample);
    return `IF(ISNUMBER(${sample}),${sample},${upToReview})`;
  };
  return `IF(COUNT(${list})=0,"",${rows.map(term).join("+")})`;
}

/** The tier formula for a stage (its total column), with every cap of tiers.ts. */
export function tierFormula(rubric: Rubric, layout: TemplateLayout, col: number): string {
  const total = cellRef(layout.totalRow, col);
  const t = rubric.thresholds;
  const byTotal = `IF(${total}>=${t.示范},3,IF(${total}>=${t.先进},2,IF(${total}>=${t.达标},1,0)))`;
  const sat = headerRef(layout, "satisfaction");
  const caps: string[] = [byTotal];
  for (const c of clauseCaps(rubric)) {
    caps.push(
      `IF(N(${cellRef(layout.slotRow.get(c.key) ?? 0, COL.entry)})>0,${tierLevel(c.tier)},3)`
    );
  }
  caps.push(
    `IF(ISNUMBER(${sat}),IF(${sat}<${rubric.caps.satisfactionCap},${tierLevel("达标")},3),3)`
  );
  const sectionTests = rubric.sections.map((s) => {
    const max = s.items.reduce((a, i) => a + i.max, 0);
    return `${cellRef(layout.sectionRow.get(s.code) ?? 0, col)}>=${sectionFloorFor示范(rubric, max)}`;
  });
  const satFor示范 = `OR(NOT(ISNUMBER(${sat})),${sat}>=${rubric.caps.satisfactionFor示范})`;
  caps.push(`IF(AND(${[...sectionTests, satFor示范].join(",")}),3,${tierLevel("先进")})`);
  const capped = `MIN(${caps.join(",")})`;
  const first = layout.vetoRows[0];
  const last = layout.vetoRows[layout.vetoRows.length - 1];
  const level =
    first && last
      ? `IF(COUNTIF(${cellRef(first.row, COL.entry)}:${cellRef(last.row, COL.entry)},"是")>0,0,${capped})`
      : capped;
  const names: Tier[] = ["未达标", "达标", "先进", "示范"];
  return `CHOOSE(${level}+1,${names.map((n) => `"${n}"`).join(",")})`;
}
