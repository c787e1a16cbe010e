import { allCells } from "../../src/core";
import {
  livingSpec,
  portableSpec,
  specAssembler,
  specParts,
} from "../../src/taskpane/consolidation-worker-client";
import { committeeReport } from "../support/committee-report";

describe("a report spec posted from the consolidation worker", () => {
  it.each([
    ["in one piece", undefined],
    ["in pieces of at most 7 rows, each cloned as a message", 7],
  ])("survives structured cloning with every cell and row height of its blocks, %s", (_, size) => {
    const report = committeeReport(20);
    expect(() => structuredClone(report)).toThrow(); // blocks give their rows through functions
    let posted = structuredClone(portableSpec(report));
    if (size !== undefined) {
      const parts = [...specParts(portableSpec(report), size)].map((p) => structuredClone(p));
      const rows = parts.flatMap((p) => (p.kind === "rows" ? [p.rows.length] : []));
      expect(Math.max(...rows)).toBeLessThanOrEqual(size);
      expect(rows.length).toBeGreaterThan(report.sheets.length);
      const assembler = specAssembler();
      for (const part of parts) assembler.add(part);
      posted = assembler.spec();
    }
    const back = livingSpec(posted);
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
