import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { existsSync, readdirSync } from "node:fs";
import { link, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { readXlsx } from "../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../src/adapters/xlsx/write/writer";
import { writeAtomic } from "../../src/cli/files";
import {
  buildReport,
  cellRef,
  COL,
  consolidate,
  DEFAULT_RUBRIC,
  layoutTemplate,
} from "../../src/core";
import { dabiao, type JsonSummary } from "../support/cli-run";
import { edited, withCells } from "../support/hostile-corpus";
import { itWithSoffice, recalcXlsx } from "../support/libreoffice";
import {
  openWorkbook,
  saveWorkbook,
  scoresheetBytes,
  tableOf,
  TODAY,
  typeInto,
  type Submission,
} from "../support/submissions";

// The module object itself (not an import's copy of it), so a spy on it reaches files.ts.
const fs: typeof import("node:fs") = require("node:fs");

const rubric = DEFAULT_RUBRIC;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dabiao-safety-"));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function scoresheet(path: string, s: Submission): Promise<string> {
  const file = join(dir, path);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, await scoresheetBytes(s));
  return file;
}

async function summary(path: string): Promise<JsonSummary> {
  return JSON.parse(await readFile(path, "utf8")) as JsonSummary;
}

/** Every cell of every worksheet of an .xlsx, straight from its XML: its text and whether it has a formula. */
function cellsOf(
  bytes: Uint8Array
): { sheet: string; ref: string; text: string; formula: string | null }[] {
  const parts = unzipSync(bytes);
  const decode = (xml: string): string =>
    xml.replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e] ?? ""
    );
  const textOf = (inner: string): string =>
    [...inner.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1] ?? "")).join("");
  const sst = parts["xl/sharedStrings.xml"]
    ? [...strFromU8(parts["xl/sharedStrings.xml"]).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
        textOf(m[1] ?? "")
      )
    : [];
  const out: { sheet: string; ref: string; text: string; formula: string | null }[] = [];
  for (const [name, data] of Object.entries(parts)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    for (const m of strFromU8(data).matchAll(
      /<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g
    )) {
      const [, ref = "", attrs = "", inner = ""] = m;
      const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
      const f = /<f(?:\s[^>]*)?>([\s\S]*?)<\/f>|<f(?:\s[^>]*)?\/>/.exec(inner);
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? "";
      const text =
        type === "s" ? (sst[Number(v)] ?? "") : type === "inlineStr" ? textOf(inner) : decode(v);
      out.push({ sheet: name, ref, text, formula: f ? decode(f[1] ?? "") : null });
    }
  }
  return out;
}

/** Each text is in the workbook, intact, and in no cell with a formula; and no formula carries it. */
function expectWrittenAsText(bytes: Uint8Array, texts: readonly string[]): void {
  const cells = cellsOf(bytes);
  for (const text of texts) {
    const holding = cells.filter((c) => c.text === text);
    expect({ text, found: holding.length > 0 }).toEqual({ text, found: true });
    expect(holding.filter((c) => c.formula !== null)).toEqual([]);
    const body = text.replace(/^[=+\-@]+/, "");
    if (body.length > 2) expect(cells.filter((c) => c.formula?.includes(body))).toEqual([]);
  }
}

const HYPERLINK = '=HYPERLINK("http://example.com/x","点我领奖")';
const CMD = "=cmd|' /C calc'!A0";

describe("text that looks like a formula is written as text, never as a formula", () => {
  const hostile: Submission = {
    name: HYPERLINK,
    leader: "+1",
    header: { contact: "-2" },
    lose: 8,
    notes: { B2: "@x", D5: CMD, A1: "+1+1", C5: "-2-2" },
  };
  const texts = [HYPERLINK, "+1", "-2", "@x", CMD, "+1+1", "-2-2"];

  it("in every sheet of the report, as the CLI writes it", async () => {
    await scoresheet("inbox/恶意.xlsx", hostile);
    await scoresheet("inbox/好.xlsx", { name: "第二党支部", lose: 12 });
    const report = join(dir, "汇总报告.xlsx");
    const r = await dabiao(
      "consolidate",
      join(dir, "inbox"),
      "-o",
      report,
      "--json",
      join(dir, "s.json")
    );
    expect(r.code).toBe(0);
    const bytes = await readFile(report);
    expectWrittenAsText(bytes, texts);
    // The cells keep what the branch typed: read back, the branch is the same.
    const s = await summary(join(dir, "s.json"));
    expect(s.branches.map((b) => [b.name, b.leader, b.contact]).sort()).toEqual(
      [
        [HYPERLINK, "+1", "-2"],
        ["第二党支部", "王建国", "0391-3560001"],
      ].sort()
    );
  });

  itWithSoffice(
    "and LibreOffice, opening the report and saving it again, keeps them as text",
    async () => {
      await scoresheet("inbox/恶意.xlsx", hostile);
      const report = join(dir, "汇总报告.xlsx");
      expect((await dabiao("consolidate", join(dir, "inbox"), "-o", report)).code).toBe(0);
      const [resaved] = await recalcXlsx([report], join(dir, "lo"));
      expectWrittenAsText(await readFile(resaved ?? ""), texts);
    }
  );

  it("for any formula-looking text typed into a name, a leader or an explanation (20 runs)", async () => {
    const layout = layoutTemplate(rubric);
    const refs = {
      name: cellRef(layout.header.name.row, layout.header.name.valueCol),
      leader: cellRef(layout.header.leader.row, layout.header.leader.valueCol),
      note: cellRef(layout.itemRow.get("D5") ?? 0, COL.note),
    };
    const base = await scoresheetBytes({ name: "第一党支部", lose: 8 });
    // Printable text only: what exceljs drops (control characters) or XML folds (CR) is not the point here.
    const unit = fc.constantFrom(..."=+-@|'!\"<>&()*/ \t\nAa0中党支部𠀀".split(/(?:)/u));
    const formulaish = fc
      .tuple(
        fc.constantFrom("=", "+", "-", "@", "=cmd|' /C ", '=HYPERLINK("'),
        fc.string({ unit, maxLength: 30 })
      )
      .map(([a, b]) => `${a}${b}`.trim());
    await fc.assert(
      fc.asyncProperty(formulaish, formulaish, formulaish, async (name, leader, note) => {
        const bytes = edited(base, (x) =>
          x.edit(x.sheetPart("打分表"), (xml) =>
            withCells(xml, { [refs.name]: name, [refs.leader]: leader, [refs.note]: note })
          )
        );
        const c = consolidate([{ file: "一.xlsx", modified: null, book: readXlsx(bytes) }], {
          rubric,
          today: TODAY,
        });
        expect(c.inputs[0]?.status).toBe("accepted");
        const report = await writeXlsx(
          buildReport(c, {
            generatedAt: "2019-05-20T09:00:00.000Z",
            rubric,
            sample: { ratio: 0.3, seed: 2019 },
          })
        );
        expectWrittenAsText(report, [name, leader, note]);
      }),
      { seed: 20190531, numRuns: 20 }
    );
  });
});

describe("a hostile text never makes the report unreadable", () => {
  it("reads back a report built from a name holding U+FFFF and half a surrogate pair (as _xFFFF_ and _xD800_)", async () => {
    const layout = layoutTemplate(rubric);
    const nameRef = cellRef(layout.header.name.row, layout.header.name.valueCol);
    const bytes = edited(await scoresheetBytes({ name: "第一党支部" }), (x) =>
      x.edit(x.sheetPart("打分表"), (xml) =>
        withCells(xml, { [nameRef]: "第一\uffff党支部\ud800" })
      )
    );
    const c = consolidate([{ file: "一.xlsx", modified: null, book: readXlsx(bytes) }], {
      rubric,
      today: TODAY,
    });
    const report = await writeXlsx(
      buildReport(c, {
        generatedAt: "2019-05-20T09:00:00.000Z",
        rubric,
        sample: { ratio: 0.3, seed: 2019 },
      })
    );
    // Before the fix, the report's own XML held a raw U+FFFF and no reader could open it again.
    const again = consolidate([{ file: "汇总报告.xlsx", modified: null, book: readXlsx(report) }], {
      rubric,
      today: TODAY,
    });
    expect(again.branches.map((b) => b.header.name)).toEqual(["第一\ufffd党支部\ufffd"]);
  });
});

describe("writeAtomic", () => {
  const tmpFiles = (): string[] => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

  it("replaces an existing file whole, by renaming a complete file into place, and leaves no temporary file", async () => {
    const target = join(dir, "汇总报告.xlsx");
    const witness = join(dir, "旧报告的另一个名字.xlsx");
    await writeFile(target, "上次的报告，比新的长得多".repeat(100));
    // A second name for the old file: writing in place would change it too; a rename leaves it alone.
    await link(target, witness);
    writeAtomic(target, "新的报告");
    expect(await readFile(target, "utf8")).toBe("新的报告");
    expect(await readFile(witness, "utf8")).toBe("上次的报告，比新的长得多".repeat(100));
    expect(tmpFiles()).toEqual([]);
  });

  it("leaves the old file intact and no temporary file when the disk fills up mid-write", async () => {
    const target = join(dir, "汇总报告.xlsx");
    await writeFile(target, "上次的报告");
    // The first piece goes to disk, the second finds it full.
    const real = fs.writeSync.bind(fs) as (fd: number, data: Uint8Array) => number;
    let writes = 0;
    jest.spyOn(fs, "writeSync").mockImplementation((fd: number, data: unknown) => {
      if (++writes === 1) return real(fd, (data as Uint8Array).subarray(0, 2));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    expect(() => writeAtomic(target, "新的报告".repeat(1000))).toThrow(
      /无法写入.*（磁盘空间不足）/
    );
    expect(writes).toBe(2);
    jest.restoreAllMocks();
    expect(await readFile(target, "utf8")).toBe("上次的报告");
    expect(tmpFiles()).toEqual([]);
  });

  it("leaves the old file intact and no temporary file when a file written piece by piece fails halfway", async () => {
    const target = join(dir, "汇总报告.xlsx");
    await writeFile(target, "上次的报告");
    const failing = (write: (chunk: Uint8Array) => void): void => {
      write(new TextEncoder().encode("新的报告的前一半"));
      throw new Error("sheet 明细 holds NaN");
    };
    expect(() => writeAtomic(target, failing)).toThrow(/无法写入.*NaN/);
    expect(await readFile(target, "utf8")).toBe("上次的报告");
    expect(tmpFiles()).toEqual([]);
  });

  it("leaves the old file intact and no temporary file when the rename fails", async () => {
    const target = join(dir, "汇总报告.xlsx");
    await writeFile(target, "上次的报告");
    jest.spyOn(fs, "renameSync").mockImplementation(() => {
      throw Object.assign(new Error("EPERM: operation not permitted, rename"), { code: "EPERM" });
    });
    expect(() => writeAtomic(target, "新的报告")).toThrow(/无法写入/);
    jest.restoreAllMocks();
    expect(await readFile(target, "utf8")).toBe("上次的报告");
    expect(tmpFiles()).toEqual([]);
  });

  it("refuses a folder as the output, in Chinese, leaving the folder and its files alone", async () => {
    await mkdir(join(dir, "报告"));
    await writeFile(join(dir, "报告", "旧.xlsx"), "旧");
    expect(() => writeAtomic(join(dir, "报告"), "新的报告")).toThrow(/是一个文件夹/);
    expect(readdirSync(join(dir, "报告"))).toEqual(["旧.xlsx"]);
    expect(tmpFiles()).toEqual([]);
  });
});

describe("an input is never overwritten", () => {
  let input: string;
  let before: Buffer;
  beforeEach(async () => {
    input = await scoresheet("inbox/一.xlsx", { name: "第一党支部" });
    await scoresheet("inbox/二.xlsx", { name: "第二党支部" });
    before = await readFile(input);
  });

  async function expectRefused(...argv: string[]): Promise<void> {
    const r = await dabiao("consolidate", join(dir, "inbox"), ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/是输入文件之一/);
    expect(Buffer.compare(await readFile(input), before)).toBe(0);
    expect(readdirSync(join(dir, "inbox")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }

  it("by -o naming it by the same path", () => expectRefused("-o", input));
  it("by -o naming it relative to the working folder", () =>
    expectRefused("-o", relative(process.cwd(), input)));
  it("by -o naming it through another folder (inbox/../inbox)", () =>
    expectRefused("-o", `${dir}/inbox/../inbox/./一.xlsx`));
  it("by -o naming a symbolic link to it", async () => {
    await symlink(input, join(dir, "链接.xlsx"));
    await expectRefused("-o", join(dir, "链接.xlsx"));
  });
  it("by -o naming a hard link to it", async () => {
    await link(input, join(dir, "硬链接.xlsx"));
    await expectRefused("-o", join(dir, "硬链接.xlsx"));
  });
  it("by --json naming it", () => expectRefused("-o", join(dir, "r.xlsx"), "--json", input));

  // The --json summary must never be written over the report just written.
  it("nor is the report just written, by --json naming the same file as -o", async () => {
    const report = join(dir, "汇总报告.xlsx");
    const r = await dabiao("consolidate", join(dir, "inbox"), "-o", report, "--json", report);
    expect(r.code).toBe(2);
    expect(existsSync(report) ? (await readFile(report)).subarray(0, 2).toString() : "PK").toBe(
      "PK"
    );
  });

  it("and -o naming a folder is refused in Chinese", async () => {
    await mkdir(join(dir, "输出"));
    const r = await dabiao("consolidate", join(dir, "inbox"), "-o", join(dir, "输出"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/出错了：.*是一个文件夹/);
    expect((await stat(join(dir, "输出"))).isDirectory()).toBe(true);
  });
});

describe("re-consolidating never loses the committee's typed work", () => {
  /** Consolidates the inbox (with a previous report) and returns the JSON summary and the report. */
  async function round(
    name: string,
    previous?: string
  ): Promise<{ s: JsonSummary; report: string }> {
    const report = join(dir, `${name}.xlsx`);
    const json = join(dir, `${name}.json`);
    const r = await dabiao(
      "consolidate",
      join(dir, "inbox"),
      "-o",
      report,
      "--json",
      json,
      ...(previous ? ["--previous", previous] : [])
    );
    expect(r.code).toBe(0);
    return { s: await summary(json), report };
  }

  /** What the committee typed, as each report's 明细 and 汇总表 must keep it. */
  function expectTyped(
    detail: Record<string, unknown>[],
    summaryRows: Record<string, unknown>[]
  ): void {
    const cell = (code: string, column: string): unknown =>
      detail.find((r) => r["党支部名称"] === "第一党支部" && r["编号"] === code)?.[column];
    expect([cell("D5", "审核得分"), cell("C5", "审核得分"), cell("B2", "抽验得分")]).toEqual([
      1, 2, 0.5,
    ]);
    const second = summaryRows.find((r) => r["党支部名称"] === "第二党支部");
    expect([second?.["备注"], second?.["命名"]]).toEqual(["=1+1", "@市级示范"]);
  }

  itWithSoffice(
    "keeps typed 审核/抽验 scores, 备注 and 命名 through an exceljs edit, a LibreOffice re-save and another round",
    async () => {
      await scoresheet("inbox/一.xlsx", { name: "第一党支部" });
      await scoresheet("inbox/二.xlsx", { name: "第二党支部", lose: 12 });
      await scoresheet("inbox/三.xlsx", { name: "第三党支部", lose: 25 });
      const first = await round("第一次");
      const book = await openWorkbook(await readFile(first.report));
      typeInto(book, "明细", { name: "第一党支部", code: "D5" }, "审核得分", 1);
      // Typed as text in full-width digits, as a committee member's IME leaves it.
      typeInto(book, "明细", { name: "第一党支部", code: "C5" }, "审核得分", "２");
      typeInto(book, "明细", { name: "第一党支部", code: "B2" }, "抽验得分", 0.5);
      typeInto(book, "汇总表", { name: "第二党支部" }, "备注", "=1+1");
      typeInto(book, "汇总表", { name: "第二党支部" }, "命名", "@市级示范");
      await writeFile(join(dir, "编辑后.xlsx"), await saveWorkbook(book));
      const [resaved] = await recalcXlsx([join(dir, "编辑后.xlsx")], join(dir, "lo"));

      const second = await round("第二次", resaved);
      const a = second.s.branches.find((b) => b.name === "第一党支部");
      // 审核 D5 1 of 6 and C5 2 of 4, the rest at 自评: 100 − 5 − 2; 抽验 B2 0.5 of 3 too: − 2.5.
      expect([a?.reviewTotal, a?.finalTotal]).toEqual([93, 90.5]);
      const secondBook = await openWorkbook(await readFile(second.report));
      expectTyped(tableOf(secondBook, "明细"), tableOf(secondBook, "汇总表"));
      expectWrittenAsText(await readFile(second.report), ["=1+1", "@市级示范"]);

      const third = await round("第三次", second.report);
      expect(third.s.branches.find((b) => b.name === "第一党支部")).toMatchObject({
        reviewTotal: 93,
        finalTotal: 90.5,
      });
      const thirdBook = await openWorkbook(await readFile(third.report));
      expectTyped(tableOf(thirdBook, "明细"), tableOf(thirdBook, "汇总表"));
    }
  );

  // The hidden _key column keeps a branch's identity when the committee corrects its name in the
  // 明细's 党支部名称 column: its typed review scores still carry over, and it does not appear twice.
  it("keeps typed scores when the committee corrected a branch's name in the 明细's 党支部名称 column", async () => {
    await scoresheet("inbox/一.xlsx", { name: "第一党支部" });
    await scoresheet("inbox/二.xlsx", { name: "第二党支部", lose: 12 });
    const first = await round("第一次");
    const book = await openWorkbook(await readFile(first.report));
    typeInto(book, "明细", { name: "第一党支部", code: "D5" }, "审核得分", 1);
    const detail = book.getWorksheet("明细");
    const header: string[] = [];
    detail?.getRow(1).eachCell((c, i) => (header[i] = String(c.value)));
    const column = header.indexOf("党支部名称");
    for (let r = 2; r <= (detail?.rowCount ?? 0); r++) {
      const found = detail?.findCell(r, column);
      if (found?.value === "第一党支部") found.value = "机关第一党支部";
    }
    await writeFile(join(dir, "改名.xlsx"), await saveWorkbook(book));
    const second = await round("第二次", join(dir, "改名.xlsx"));
    expect(
      second.s.branches.filter((b) => b.name === "第一党支部").map((b) => b.reviewTotal)
    ).toEqual([100 - 5]);
  });
});
