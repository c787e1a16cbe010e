import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsx } from "../../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import {
  buildTemplate,
  checkWorkbook,
  DEFAULT_RUBRIC,
  fillTemplate,
  readNumber,
  type TypedFilling,
} from "../../../src/core";
import {
  fullMarks,
  fullMarksEntries,
  noVetoes,
  randomValidFilling,
  validHeader,
} from "../../support/fillings";
import { itWithSoffice, recalcXlsx, requireSoffice } from "../../support/libreoffice";

const TODAY = new Date(Date.UTC(2019, 11, 31));

/** Full marks less points taken 0.5 at a time from items spread over the sections, down to `total`. */
function atTotal(total: number): TypedFilling {
  const entries = fullMarksEntries();
  let toLose = 100 - total;
  // [slot, step] pairs that each cost 0.5 (or 1) point, visited round-robin across sections.
  const levers: [string, number, number][] = [
    ["B2", -0.5, 6],
    ["E2.1", 1, 6],
    ["D5", -1, 12],
    ["F2.1", 1, 6],
    ["C1.1", 1, 5],
    ["A2.3", 1, 3],
    ["D2", -1, 8],
    ["E3.1", 1, 2],
  ];
  const costs: Record<string, number> = {
    B2: 0.5,
    "E2.1": 0.5,
    D5: 0.5,
    "F2.1": 1,
    "C1.1": 1,
    "A2.3": 0.5,
    D2: 0.5,
    "E3.1": 1,
  };
  const used: Record<string, number> = {};
  while (toLose > 0) {
    const lever = levers.find(
      ([k, , limit]) => (used[k] ?? 0) < limit && (costs[k] ?? 0) <= toLose
    );
    if (!lever) throw new Error(`cannot reach ${total}`);
    const [key, step] = lever;
    used[key] = (used[key] ?? 0) + 1;
    entries[key] = (entries[key] as number) + step;
    toLose -= costs[key] ?? 0;
    levers.push(levers.shift()!);
  }
  return fullMarks({ entries });
}

function edgeCases(): [string, TypedFilling][] {
  const zero: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(fullMarksEntries()))
    zero[k] = typeof v === "number" ? (k.includes(".") ? 9 : 0) : v === "是" ? "否" : "差";
  const cases: [string, TypedFilling][] = [
    ["full marks", fullMarks()],
    ["all zero", fullMarks({ entries: zero })],
    [
      "不适用 D2 and D3",
      fullMarks({
        header: validHeader({ hasCommittee: "否", committeeSize: 0, groups: 0, members: 6 }),
        entries: { ...fullMarksEntries(), D2: "不适用", D3: "不适用" },
      }),
    ],
    ["D6 not held", fullMarks({ entries: { ...fullMarksEntries(), "D6.1": 1 } })],
    ["D7 not held", fullMarks({ entries: { ...fullMarksEntries(), "D7.1": 1 } })],
    ["satisfaction 59.5", fullMarks({ header: validHeader({ satisfaction: 59.5 }) })],
    ["satisfaction 60", fullMarks({ header: validHeader({ satisfaction: 60 }) })],
    ["satisfaction 79.5", fullMarks({ header: validHeader({ satisfaction: 79.5 }) })],
    ["satisfaction 80", fullMarks({ header: validHeader({ satisfaction: 80 }) })],
    ["weak section blocks 示范", fullMarks({ entries: { ...fullMarksEntries(), "A3.1": 1 } })],
    ["reviewed and sampled", fullMarks({ reviews: { A1: 2, B2: 1.5 }, samples: { A1: 1 } })],
    [
      "review off the grid and out of range",
      fullMarks({ reviews: { B2: 2.7, A1: 8, C1: 4 }, samples: { C1: -1 } }),
    ],
  ];
  for (const code of Object.keys(noVetoes()))
    cases.push([`veto ${code}`, fullMarks({ vetoes: { ...noVetoes(), [code]: "是" } })]);
  for (const t of [90, 80, 70])
    for (const d of [-0.5, 0, 0.5]) cases.push([`total ${t + d}`, atTotal(t + d)]);
  return cases;
}

describe("the template's formulas and the engine agree", () => {
  itWithSoffice(
    "on 200 random valid fillings and every edge case, recalculated by LibreOffice",
    async () => {
      requireSoffice();
      const dir = mkdtempSync(join(tmpdir(), "dabiao-agree-"));
      const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-12-31T00:00:00Z" });
      const cases: [string, TypedFilling][] = [...edgeCases()];
      for (let seed = 1; seed <= 200; seed++)
        cases.push([`random #${seed}`, randomValidFilling(seed)]);
      const files = await Promise.all(
        cases.map(async ([, filling], i) => {
          const path = join(dir, `case-${String(i).padStart(3, "0")}.xlsx`);
          writeFileSync(path, await writeXlsx(fillTemplate(template, DEFAULT_RUBRIC, filling)));
          return path;
        })
      );
      const recalculated = await recalcXlsx(files, join(dir, "out"));
      const tiersSeen = new Set<string>();
      const mismatches: string[] = [];
      recalculated.forEach((path, i) => {
        const [name] = cases[i]!;
        const result = checkWorkbook(readXlsx(readFileSync(path)), DEFAULT_RUBRIC, TODAY);
        if (!result.ok) throw new Error(`${name}: ${result.reason}`);
        const { found, assessment: a } = result;
        const num = (v: unknown): number | string => {
          const r = readNumber(v as never);
          return r.ok ? r.value : String(v);
        };
        const compare = (what: string, sheet: unknown, engine: number | string | null): void => {
          const shown =
            sheet === null || sheet === ""
              ? null
              : typeof engine === "string"
                ? String(sheet)
                : num(sheet);
          if (shown !== engine)
            mismatches.push(`${name}: ${what} sheet=${String(shown)} engine=${String(engine)}`);
        };
        for (const item of a.items) {
          compare(`${item.code} 自评`, found.items[item.code]?.self.v, item.self);
          compare(`${item.code} 最终`, found.items[item.code]?.final.v, item.final);
        }
        for (const s of a.sections) {
          compare(`${s.code} 自评小计`, found.sections[s.code]?.self.v, s.self);
          compare(`${s.code} 审核小计`, found.sections[s.code]?.review.v, s.review);
          compare(`${s.code} 抽验小计`, found.sections[s.code]?.sample.v, s.sample);
          compare(`${s.code} 最终小计`, found.sections[s.code]?.final.v, s.final);
        }
        compare("自评总分", found.total?.self.v, a.totals.self);
        compare("审核总分", found.total?.review.v, a.totals.review);
        compare("抽验总分", found.total?.sample.v, a.totals.sample);
        compare("最终总分", found.total?.final.v, a.totals.final);
        compare("自评等次", found.tiers.self?.v, a.selfTier.tier);
        compare("最终等次", found.tiers.final?.v, a.tier.tier);
        if (name.startsWith("total "))
          compare("constructed total", a.totals.final, Number(name.slice(6)));
        if (name === "full marks") compare("full marks tier", a.tier.tier, "示范");
        tiersSeen.add(a.tier.tier);
      });
      expect(mismatches).toEqual([]);
      expect([...tiersSeen].sort()).toEqual(["先进", "未达标", "示范", "达标"].sort());
    },
    900_000
  );
});
