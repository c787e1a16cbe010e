import type { Filling } from "../scoring/filling";
import type { Issue } from "../issues";
import type { Rubric } from "../rubric/rubric";
import type { FoundScoresheet } from "../scoresheet/locate";
import { expectedCounts } from "../scoring/expected-counts";

/** The rule each sheet-determined count is checked under (RUBRIC.md: V21 学时 feeds C2, V26 e家 coverage is F1). */
const RULE: Readonly<Record<string, string>> = { C2: "V21", F1: "V26" };

/** A required count typed differently from what the sheet itself determines is a 警告 at that cell, saying which and why. */
export function checkCounts(rubric: Rubric, found: FoundScoresheet, filling: Filling): Issue[] {
  return expectedCounts(rubric, filling.header, filling.entries).flatMap((e): Issue[] => {
    const typed = filling.entries[e.slot];
    if (typeof typed !== "number" || typed === e.value) return [];
    const cell = found.slots[e.slot]?.ref;
    return [
      {
        severity: "警告",
        rule: RULE[e.item] ?? "V26",
        sheet: found.sheet,
        ...(cell ? { cell } : {}),
        message: `${e.slot} ${e.label}填了 ${typed}，按本表应为 ${e.value}（${e.why}＝${e.value}）；覆盖率按此数计算，请核对后改正。`,
      },
    ];
  });
}
