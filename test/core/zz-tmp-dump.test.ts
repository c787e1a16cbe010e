import { buildReport, isFormulaCell, parseRef } from "../../src/core";
import { branchRow, consolidationOf } from "../support/branch-rows";
it("dump", () => {
  const FIN = "市财政局机关党委";
  const c = consolidationOf([
    branchRow({ committee: FIN, name: "第一党支部", stars: 5 }),
    branchRow({ committee: FIN, name: "第二党支部", stars: 5, lose: 12, changes: { notes: { D2: "支委会少开4次" } } }),
    branchRow({ committee: FIN, name: "第三党支部", type: "国有企业", lose: 25 }),
    branchRow({ committee: FIN, name: "第四党支部", changes: { vetoes: { X2: true } } }),
  ], { inputs: [{ file: "坏文件.xlsx", status: "rejected", reasons: ["文件已损坏，无法打开。"], branch: null, kind: "unknown", branches: 0 }] });
  const r = buildReport(c, { generatedAt: "2019-05-20", sample: { ratio: 0.2, seed: 1 } });
  for (const s of r.sheets) {
    if (s.name === "明细") { console.log(s.cells.filter(x => { const p = parseRef(x.ref); return p && p.row < 40; }).map(x => `${x.ref}=${isFormulaCell(x) ? x.formula : x.value}`).join(" | ")); continue; }
    console.log("== " + s.name + "\n" + s.cells.filter(x => !isFormulaCell(x) && x.value !== null).map(x => `${x.ref}=${isFormulaCell(x) ? "" : String(x.value)}`).join(" | "));
  }
});
