import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  consolidate,
  DEFAULT_RUBRIC,
  feedbackFileName,
  feedbackFor,
  isFormulaCell,
  SCORESHEET,
  cellRef,
  COL,
  layoutTemplate,
  type BranchRow,
  type CellSpec,
  type Consolidation,
  type FeedbackOptions,
  type SheetSpec,
  type WorkbookSpec,
} from "../../../src/core";
import { readXlsx } from "../../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import { tamper } from "../../../src/cli/demo-command";
import { itWithSoffice, recalcXlsx } from "../../support/libreoffice";
import { inputOf, openWorkbook, submitted, template, TODAY } from "../../support/submissions";

const OPTIONS: FeedbackOptions = {
  committee: "市财政局机关党委",
  today: new Date(2019, 4, 20, 16, 0),
};

/** Three problems: no 党支部负责人 (G4), "十个月" for a count (E51), a deduction left unexplained (G27). */
const THREE = {
  name: "第二党支部",
  leader: "",
  entries: { D2: "十个月", B2: 2.5 },
  notes: { B2: "" },
};
const PROBLEM_CELLS = ["G4", "E51", "G27"];
const LAYOUT = layoutTemplate(DEFAULT_RUBRIC);
const TOTAL_SELF = cellRef(LAYOUT.totalRow, COL.self);
const TOTAL_FINAL = cellRef(LAYOUT.totalRow, COL.final);
const RESULTS = ["selfTotal", "finalTotal", "selfTier", "finalTier"] as const;
const RESULT_CELLS = RESULTS.map((k) => cellRef(LAYOUT.result[k], COL.standard));

async function consolidated(...inputs: Parameters<typeof submitted>[]): Promise<Consolidation> {
  const read = await Promise.all(inputs.map((args) => submitted(...args)));
  return consolidate(read, { rubric: DEFAULT_RUBRIC, today: TODAY });
}

const sheetOf = (book: WorkbookSpec, name: string): SheetSpec => {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

describe("退回修改 workbooks", () => {
  let c: Consolidation;
  let book: WorkbookSpec;
  let row: BranchRow;
  beforeAll(async () => {
    c = await consolidated(["一支部.xlsx", { name: "第一党支部" }], ["二支部.xlsx", THREE]);
    const feedback = feedbackFor(c, DEFAULT_RUBRIC, OPTIONS);
    expect(feedback.map((f) => f.fileName)).toEqual(["市财政局机关党委-第二党支部-退回修改.xlsx"]);
    book = feedback[0]!.workbook;
    row = feedback[0]!.branch;
  });

  it("go only to branches with 错误 or 警告, and to 提示-only ones when asked", async () => {
    expect(row.issues.map((i) => i.cell)).toEqual(expect.arrayContaining(PROBLEM_CELLS));
    expect(row.errors + row.warnings).toBe(3);
    const hintsOnly = c.branches.find((b) => b.header.name === "第一党支部");
    const withHints = feedbackFor(c, DEFAULT_RUBRIC, { ...OPTIONS, hints: true });
    expect(withHints.length).toBe(hintsOnly?.issues.length ? 2 : 1);
  });

  it("mark exactly the problem cells of the 打分表, each with a comment saying what to fix", () => {
    const sheet = sheetOf(book, SCORESHEET);
    const marked = sheet.cells.filter((cell) => cell.style?.endsWith("·问题")).map((x) => x.ref);
    expect(marked.sort()).toEqual([...PROBLEM_CELLS].sort());
    expect(sheet.comments?.map((x) => x.ref).sort()).toEqual([...PROBLEM_CELLS].sort());
    const e51 = sheet.comments?.find((x) => x.ref === "E51");
    expect(e51?.text).toMatch(/^【错误·V1】D2 .*“十个月”.*请填0～12的整数/);
    expect(e51?.author).toBe("市财政局机关党委");
    const style = book.styles[sheet.cells.find((x) => x.ref === "E51")?.style ?? ""];
    expect(style).toMatchObject({ fill: "FFC7CE", dots: "7F7F7F", locked: false });
  });

  it("open on 退回意见: sender, date, counts by severity and one linked row per problem", () => {
    expect(book.sheets.map((s) => s.name)).toEqual(["退回意见", "打分表", "填表说明", "_dabiao"]);
    const first = sheetOf(book, "退回意见");
    const text = first.cells.map((x) => ("value" in x ? String(x.value) : "")).join("\n");
    expect(text).toContain("退回单位：市财政局机关党委\u3000\u3000退回日期：2019年5月20日");
    expect(text).toContain("共 3 个问题：错误 2 个，警告 1 个，提示 0 个。");
    expect(first.links?.map((l) => l.location).sort()).toEqual(
      PROBLEM_CELLS.map((ref) => `'打分表'!${ref}`).sort()
    );
  });

  it("keep what the branch typed byte for byte, the template's formulas, and the engine's results as cached values", async () => {
    const bytes = await writeXlsx(book);
    const read = readXlsx(bytes).sheets.find((s) => s.name === SCORESHEET);
    const at = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      return read?.rows[Number(m[2]) - 1]?.[m[1]!.charCodeAt(0) - 65];
    };
    expect(at("E51")?.v).toBe("十个月");
    // Our reader sees every formula with the engine's result cached ("" and 0 included).
    for (const f of sheetOf(book, SCORESHEET).cells.filter(isFormulaCell))
      expect([f.ref, at(f.ref)?.f, at(f.ref)?.v]).toEqual([f.ref, f.formula, f.result]);
    const official = template().sheets[0]!.cells.filter(isFormulaCell);
    const ours = sheetOf(book, SCORESHEET).cells.filter(isFormulaCell);
    expect(ours.map((x) => [x.ref, x.formula])).toEqual(official.map((x) => [x.ref, x.formula]));
    expect(ours.every((x) => x.result !== undefined)).toBe(true);
    // The reader sees the cached totals and tiers a phone preview would show.
    const found = consolidate([inputOf("退回.xlsx", bytes)], {
      rubric: DEFAULT_RUBRIC,
      today: TODAY,
    });
    const again = found.branches[0];
    expect(again?.totals).toEqual(row.totals);
    expect(again?.typed?.filling.entries["D2"]).toBe("十个月");
    // Sent back in as it is, it reads as the same scoresheet: the same problems, no cached figure disputed.
    expect(again?.issues.map((i) => [i.cell, i.rule, i.message])).toEqual(
      row.issues.map((i) => [i.cell, i.rule, i.message])
    );
    expect(again?.issues.some((i) => /表内显示为/.test(i.message))).toBe(false);
    // An independent reader: exceljs sees the template's formula in every formula cell, with the
    // engine's result cached, and the branch's text as typed.
    const x = await openWorkbook(bytes);
    const xs = x.getWorksheet(SCORESHEET);
    const seen = official.map((f) => {
      const v = xs?.getCell(f.ref).value as { formula?: string; result?: unknown } | null;
      return [f.ref, v?.formula, v?.result];
    });
    // exceljs's reader leaves out a cached "" or 0 (the file has them: our reader saw them above).
    const cached = (r: unknown) => (r === "" || r === 0 ? undefined : r);
    expect(seen).toEqual(ours.map((f) => [f.ref, f.formula, cached(f.result)]));
    expect(xs?.getCell("E51").value).toBe("十个月");
    expect(x.getWorksheet(SCORESHEET)?.getCell("E51").note).toBeDefined();
  });

  it("come back repaired from a tampered sheet, and say so", async () => {
    const t = await consolidated([
      "改过.xlsx",
      { name: "第三党支部" },
      { change: (spec) => tamper(spec, DEFAULT_RUBRIC) },
    ]);
    const [f] = feedbackFor(t, DEFAULT_RUBRIC, OPTIONS);
    const ours = sheetOf(f!.workbook, SCORESHEET).cells;
    const official = template().sheets[0]!.cells;
    const formulas = (cells: readonly CellSpec[]) =>
      cells.filter(isFormulaCell).map((x) => [x.ref, x.formula]);
    expect(formulas(ours)).toEqual(formulas(official));
    const maxima = (cells: readonly CellSpec[]) =>
      cells
        .filter((x) => /^D\d+$/.test(x.ref) && !isFormulaCell(x))
        .map((x) => [x.ref, "value" in x ? x.value : null]);
    expect(maxima(ours)).toEqual(maxima(official));
    expect(t.branches[0]?.flags.length).toBeGreaterThan(0);
    const text = sheetOf(f!.workbook, "退回意见")
      .cells.map((x) => ("value" in x ? String(x.value) : ""))
      .join("");
    expect(text).toContain("已按官方模板恢复公式和分值");
  });

  it("name files safely", () => {
    const named = {
      ...row,
      header: { ...row.header, committee: "机关/党委:一", name: " 第*二?支部 " },
    };
    expect(feedbackFileName(named)).toBe("机关_党委_一-第_二_支部-退回修改.xlsx");
  });

  itWithSoffice(
    "LibreOffice opens it with the comments, and its recalculation gives the cached totals",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "dabiao-feedback-lo-"));
      try {
        const input = join(dir, "退回.xlsx");
        await writeFile(input, await writeXlsx(book));
        const [out] = await recalcXlsx([input], join(dir, "out"));
        const x = await openWorkbook(await readFile(out ?? ""));
        const sheet = x.getWorksheet(SCORESHEET);
        for (const ref of PROBLEM_CELLS) expect(sheet?.getCell(ref).note).toBeDefined();
        const cached = new Map(
          sheetOf(book, SCORESHEET)
            .cells.filter(isFormulaCell)
            .map((f) => [f.ref, f.result])
        );
        const recalculated = (ref: string): unknown =>
          (sheet?.getCell(ref).value as { result?: unknown } | null)?.result;
        for (const ref of [TOTAL_SELF, TOTAL_FINAL, ...RESULT_CELLS])
          expect([ref, recalculated(ref)]).toEqual([ref, cached.get(ref)]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000
  );
});
