import { allCells } from "../../src/core";
import { livingSpec, portableSpec } from "../../src/taskpane/consolidation-worker-client";
import { committeeReport } from "../support/committee-report";

describe("a report spec posted from the consolidation worker", () => {
  it("survives structured cloning with every cell and row height of its blocks", () => {
    const report = committeeReport(20);
    expect(() => structuredClone(report)).toThrow(); // blocks give their rows through functions
    const back = livingSpec(structuredClone(portableSpec(report)));
    expect(back.sheets.map((s) => s.name)).toEqual(report.sheets.map((s) => s.name));
    report.sheets.forEach((sheet, i) => {
      const other = back.sheets[i];
      if (!other) throw new Error(`sheet ${sheet.name} lost`);
      expect([sheet.name, [...allCells(other)]]).toEqual([sheet.name, [...allCells(sheet)]]);
      const heights = (s: typeof sheet) =>
        (s.blocks ?? []).flatMap((b) =>
          Array.from({ length: b.rowCount }, (_, r) => b.rowAt(r).height)
        );
      expect(heights(other)).toEqual(heights(sheet));
    });
  });
});
