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
  META_SHEET,
  type TypedFilling,
  type WorkbookSnapshot,
} from "../../../src/core";
import { fullMarks, fullMarksEntries, validHeader } from "../../support/fillings";
import { itWithSoffice, recalcXlsx, requireSoffice } from "../../support/libreoffice";

const TODAY = new Date(Date.UTC(2019, 11, 31));

/** Writes fillings, lets LibreOffice recalculate them, and reads what comes back. */
async function recalculatedBooks(fillings: TypedFilling[]) {
  requireSoffice();
  const dir = mkdtempSync(join(tmpdir(), "dabiao-view-"));
  const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-12-31T00:00:00Z" });
  const files = await Promise.all(
    fillings.map(async (f, i) => {
      const path = join(dir, `f${i}.xlsx`);
      writeFileSync(path, await writeXlsx(fillTemplate(template, DEFAULT_RUBRIC, f)));
      return path;
    })
  );
  return (await recalcXlsx(files, join(dir, "out"))).map((p) => readXlsx(readFileSync(p)));
}

/** Writes fillings, lets LibreOffice recalculate them, and checks what comes back. */
async function recalculated(fillings: TypedFilling[]) {
  return (await recalculatedBooks(fillings)).map((book) =>
    checkWorkbook(book, DEFAULT_RUBRIC, TODAY)
  );
}

/** The value `_dabiao`'s 实时检查 row holds after recalculation. */
function watchValue(book: WorkbookSnapshot): unknown {
  const meta = book.sheets.find((s) => s.name === META_SHEET);
  const row = meta?.rows.find((r) => r?.[0]?.v === "实时检查");
  return row?.[1]?.v;
}

describe("entries the sheet's formulas read differently", () => {
  itWithSoffice(
    "are reported as typed mistakes, and the totals they change are not taken for tampering",
    async () => {
      const typedAsText = fullMarks({
        entries: { ...fullMarksEntries(), B2: "2.5分", E1: "√", D5: " 12 " },
      });
      const [result] = await recalculated([typedAsText]);
      if (!result?.ok) throw new Error("not read");
      // The engine reads what is unambiguous: 2.5 + 3 + 6, so 99.5; the sheet's formulas counted 0 for all three.
      expect(result.assessment.totals.self).toBe(99.5);
      const cells = result.issues
        .filter((i) => i.rule === "V1" && i.severity === "警告")
        .map((i) => i.cell);
      expect(cells).toEqual(expect.arrayContaining(["E27", "E63", "E54"]));
      expect(
        result.issues.filter((i) => ["V2", "V3", "V22"].includes(i.rule) && i.severity === "错误")
      ).toEqual([]);
    },
    120_000
  );
});

describe("the hidden sheet's 实时检查 formula", () => {
  itWithSoffice(
    "changes its value whenever 支部类型, 是否设支委会 or 星级 is chosen differently, so a dropdown pick recalculates",
    async () => {
      const books = await recalculatedBooks([
        fullMarks(),
        fullMarks({ header: validHeader({ type: "农村" }) }),
        fullMarks({ header: validHeader({ hasCommittee: "否" }) }),
        fullMarks({ header: validHeader({ stars: "五星" }) }),
      ]);
      const values = books.map(watchValue);
      expect(values[0]).toBe("机关|是|四星");
      expect(values.slice(1)).toEqual(["农村|是|四星", "机关|否|四星", "机关|是|五星"]);
    },
    120_000
  );
});
