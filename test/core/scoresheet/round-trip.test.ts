import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsx } from "../../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import {
  assess,
  buildTemplate,
  cellRef,
  checkWorkbook,
  COL,
  DEFAULT_RUBRIC,
  layoutTemplate,
  readNumber,
  SCORESHEET,
  type CheckResult,
  type Entry,
  type HeaderKey,
} from "../../../src/core";
import { filling } from "../../support/engine-filling";
import { itWithSoffice, recalcXlsx } from "../../support/libreoffice";

const RUBRIC = DEFAULT_RUBRIC;
const TODAY = new Date(Date.UTC(2019, 11, 31));
const LAYOUT = layoutTemplate(RUBRIC);

// A branch that lost points here and there; every loss explained, every item reviewed.
const ENTRIES: Record<string, Entry> = {
  D2: 10,
  "A2.3": 1,
  C5: "较好",
  D8: 2,
  "C2.3": 15,
  "C2.4": 20,
  "F1.3": 7,
  "F1.4": 10,
  B3: false,
  D3: 20,
};
const NOTES: Record<string, string> = {
  D2: "3月、8月未召开支委会",
  A2: "纪检委员空缺",
  C5: "志愿服务参与面不广",
  D8: "党员之间谈心谈话无记录",
  C2: "5名党员学时不足32学时",
  F1: "部分活动未上传平台",
  B3: "书记全年未讲党课",
  D3: "第二党小组4个月未开会",
};
const INTENDED = filling(ENTRIES, {
  header: { satisfaction: 85 },
  notes: NOTES,
  // The committee confirms the self scores, except C5 (差) and D2 (typed "3分" below, the same as 自评).
  reviews: Object.fromEntries(
    assess(RUBRIC, filling(ENTRIES)).items.map((i) => [i.code, i.code === "C5" ? 0 : i.self])
  ),
});

/** What a branch officer types, cell by cell, into the template opened in a spreadsheet program. */
function typeInto(ws: ExcelJS.Worksheet): void {
  const header: Partial<Record<HeaderKey, ExcelJS.CellValue>> = {
    name: "市财政局机关第一党支部",
    committee: "市财政局机关党委",
    type: "机关",
    leader: "王建国",
    contact: "0391-3560001",
    members: "12人", // a number typed with its unit
    probationary: 1,
    hasCommittee: "是",
    committeeSize: 5,
    groups: 2,
    lastElection: new Date(Date.UTC(2018, 5, 15)),
    stars: "四星",
    year: 2019,
    satisfaction: 85,
  };
  for (const [key, value] of Object.entries(header)) {
    const h = LAYOUT.header[key as HeaderKey];
    ws.getCell(cellRef(h.row, h.valueCol)).value = value;
  }
  for (const [key, entry] of Object.entries(INTENDED.entries)) {
    const row = LAYOUT.slotRow.get(key);
    if (row === undefined) throw new Error(`no row for ${key}`);
    ws.getCell(cellRef(row, COL.entry)).value =
      entry === true ? "是" : entry === false ? "否" : entry;
  }
  for (const [code, note] of Object.entries(INTENDED.notes))
    ws.getCell(cellRef(LAYOUT.itemRow.get(code) ?? -1, COL.note)).value = note;
  for (const [code, review] of Object.entries(INTENDED.reviews)) {
    // A score typed as text: the engine reads it (with a warning); the sheet's 最终得分 falls back to the equal 自评.
    ws.getCell(cellRef(LAYOUT.itemRow.get(code) ?? -1, COL.review)).value =
      code === "D2" ? `${review}分` : review;
  }
  for (const { row, veto } of LAYOUT.vetoRows)
    ws.getCell(cellRef(row, COL.entry)).value = INTENDED.vetoes[veto.code] ? "是" : "否";
}

async function typedWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (await writeXlsx(buildTemplate(RUBRIC, { generatedAt: "2019-12-31T00:00:00Z" }))).slice().buffer
  );
  const ws = wb.getWorksheet(SCORESHEET);
  if (!ws) throw new Error("no 打分表");
  typeInto(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function checked(bytes: Uint8Array): Extract<CheckResult, { ok: true }> {
  const result = checkWorkbook(readXlsx(bytes), RUBRIC, TODAY);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

/** The same entries, scores and tier as the engine gives the intended filling, and only the two expected readings noted. */
function expectIntended(r: Extract<CheckResult, { ok: true }>): void {
  expect(r.filling).toEqual(INTENDED);
  expect(r.assessment).toEqual(assess(RUBRIC, INTENDED));
  expect(r.issues.filter((i) => i.severity === "错误")).toEqual([]);
  const interpreted = r.issues.filter((i) => i.rule === "V1");
  expect(interpreted.map((i) => [i.severity, i.cell])).toEqual([
    ["警告", cellRef(LAYOUT.header.members.row, LAYOUT.header.members.valueCol)],
    ["警告", cellRef(LAYOUT.itemRow.get("D2") ?? -1, COL.review)],
  ]);
}

describe("the template filled by writers other than ours", () => {
  it("the intended filling scores 91 (示范) by itself and 88 (先进) after review", () => {
    const a = assess(RUBRIC, INTENDED);
    expect(a.totals).toEqual({ self: 91, review: 88, sample: null, final: 88 });
    expect(a.selfTier.tier).toBe("示范");
    expect(a.tier.tier).toBe("先进");
  });

  it("typed and saved with exceljs, it reads back as the intended filling", async () => {
    const r = checked(await typedWorkbook());
    expectIntended(r);
    expect(r.issues.filter((i) => ["V2", "V3", "V22"].includes(i.rule))).toEqual([]);
  });

  itWithSoffice(
    "re-saved by LibreOffice, it reads back the same, its cached totals and tier are the engine's, and no integrity issue appears",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "dabiao-round-trip-"));
      let resavedBytes: Uint8Array;
      try {
        const typed = join(dir, "typed.xlsx");
        writeFileSync(typed, await typedWorkbook());
        const [resaved] = await recalcXlsx([typed], join(dir, "out"));
        resavedBytes = readFileSync(resaved ?? "");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const r = checked(resavedBytes);
      expectIntended(r);
      const a = r.assessment;
      const shown = (v: unknown): number | null => {
        const n = readNumber(v as never);
        return n.ok ? n.value : null;
      };
      expect(shown(r.found.total?.self.v)).toBe(a.totals.self);
      expect(shown(r.found.total?.final.v)).toBe(a.totals.final);
      expect(r.found.tiers.final?.v).toBe(a.tier.tier);
      expect(r.found.tiers.self?.v).toBe(a.selfTier.tier);
      for (const item of a.items) {
        expect([item.code, shown(r.found.items[item.code]?.self.v)]).toEqual([
          item.code,
          item.self,
        ]);
        expect([item.code, shown(r.found.items[item.code]?.final.v)]).toEqual([
          item.code,
          item.final,
        ]);
      }
      expect(r.issues.filter((i) => ["V2", "V3", "V22"].includes(i.rule))).toEqual([]);
      expect(r.found.items.D2?.self.f).toBeDefined();
    },
    120_000
  );
});
