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
  type TypedFilling,
} from "../../../src/core";
import { fullMarks, fullMarksEntries } from "../../support/fillings";
import { itWithSoffice, recalcXlsx, requireSoffice } from "../../support/libreoffice";

const TODAY = new Date(Date.UTC(2019, 11, 31));

/** Writes fillings, lets LibreOffice recalculate them, and checks what comes back. */
async function recalculated(fillings: TypedFilling[]) {
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
  return (await recalcXlsx(files, join(dir, "out"))).map((p) =>
    checkWorkbook(readXlsx(readFileSync(p)), DEFAULT_RUBRIC, TODAY)
  );
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
