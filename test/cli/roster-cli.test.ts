import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeXlsx } from "../../src/adapters/xlsx/write/writer";
import { readXlsx } from "../../src/adapters/xlsx/read/reader";
import { readRoster, ROSTER_SHEET, singleSheetWorkbook } from "../../src/core";
import { SheetBuilder } from "../../src/sheet/builder";
import { dabiao } from "../support/cli-run";
import { openWorkbook, scoresheetBytes, type Submission } from "../support/submissions";

// The committee's whole set of branches through the CLI: the roster file, every file of a folder
// accounted for, and the JSON keys that say who did not submit.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dabiao-roster-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FIN = "市财政局机关党委";
const EDU = "市教育局机关党委";

async function put(path: string, bytes: Uint8Array | string): Promise<string> {
  const file = join(dir, path);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, bytes);
  return file;
}
const scoresheet = async (path: string, s: Submission): Promise<string> =>
  put(path, await scoresheetBytes(s));

/** A roster workbook: a title line, the header, then one row per [committee, name, leader, contact]. */
async function rosterFile(
  path: string,
  header: readonly string[],
  rows: readonly (readonly string[])[]
): Promise<string> {
  const b = new SheetBuilder(
    ROSTER_SHEET,
    header.map(() => ({ width: 20 }))
  );
  [["党支部名册"], [...header], ...rows].forEach((r, row) =>
    r.forEach((value, col) => b.value(row, col, value === "" ? null : value))
  );
  return put(path, await writeXlsx(singleSheetWorkbook(b.build({}))));
}

const HEADER = ["所属党委（党总支）", "党支部名称", "党支部负责人", "联系方式"];

interface Json {
  inputs: { file: string; status: string; reasons: string[] }[];
  passRate: number;
  recommended: unknown[];
  roster: {
    expected: number;
    submitted: number;
    missing: { committee: string; name: string; leader: string | null; contact: string | null }[];
    unlisted: { committee: string; name: string; file: string }[];
  } | null;
  committees: {
    name: string;
    branches: number;
    submitted: number;
    counts: Record<string, number>;
    passRate: number;
    required: number;
    recommended: string[];
    shortfall: number;
  }[];
}

describe("dabiao consolidate --roster", () => {
  it("counts 党支部数 from the roster: 未报送 named with leader and contact, 名册外 with the file, the 20 % over all", async () => {
    const inbox = join(dir, "inbox");
    await scoresheet("inbox/一.xlsx", { committee: FIN, name: "市财政局第1党支部" });
    await scoresheet("inbox/二.xlsx", { committee: FIN, name: "市财政局第2党支部", lose: 12 });
    await scoresheet("inbox/外.xlsx", { committee: FIN, name: "市财政局新设党支部", lose: 25 });
    const roster = await rosterFile("名册.xlsx", HEADER, [
      // Full-width digit and a space: the same branch as the scoresheet's 市财政局第2党支部.
      [FIN, "市财政局 第２党支部", "李明", "13800000002"],
      [FIN, "市财政局第1党支部", "王强", "13800000001"],
      ...Array.from({ length: 8 }, (_, i) => [
        FIN,
        `市财政局第${i + 3}党支部`,
        `负责人${i + 3}`,
        `1390000000${i}`,
      ]),
    ]);
    const json = join(dir, "摘要.json");
    const r = await dabiao(
      "consolidate",
      inbox,
      "-o",
      join(dir, "报告.xlsx"),
      "--roster",
      roster,
      "--json",
      json
    );
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(json, "utf8")) as Json;
    expect(s.roster).toMatchObject({ expected: 10, submitted: 2 });
    expect(s.roster?.missing).toHaveLength(8);
    expect(s.roster?.missing[0]).toEqual({
      committee: FIN,
      name: "市财政局第3党支部",
      leader: "负责人3",
      contact: "13900000000",
    });
    expect(s.roster?.unlisted).toEqual([
      { committee: FIN, name: "市财政局新设党支部", file: join(inbox, "外.xlsx") },
    ]);
    // 10 on the roster + 1 not on it = 11; 3 passed: 3/11, and ⌈20 % × 11⌉ = 3 to recommend.
    expect(s.committees).toEqual([
      {
        name: FIN,
        branches: 11,
        submitted: 3,
        counts: { 示范: 1, 先进: 1, 达标: 1, 未达标: 0 },
        passRate: 3 / 11,
        required: 3,
        recommended: ["市财政局第1党支部", "市财政局第2党支部"],
        shortfall: 1,
      },
    ]);
    expect(s.passRate).toBeCloseTo(3 / 11);
    expect(s.recommended).toHaveLength(2);
    expect(r.out).toContain("名册 10 个党支部：已报送 2，未报送 8，名册外报送 1");
    expect(r.out).toContain(`未报送：${FIN} / 市财政局第3党支部（负责人3，13900000000）`);
    const book = await openWorkbook(await readFile(join(dir, "报告.xlsx")));
    const sheet = book.getWorksheet("收齐情况");
    const texts: string[] = [];
    sheet?.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain("市财政局第10党支部");
    expect(texts).toContain("负责人10");
    expect(texts.some((t) => t.startsWith("名册外（1 个）"))).toBe(true);
  });

  it("refuses a bad roster with every problem at its cell, and exit 2", async () => {
    await scoresheet("inbox/一.xlsx", { committee: FIN, name: "第一党支部" });
    const roster = await rosterFile("名册.xlsx", HEADER, [
      [FIN, "第一党支部", "", ""],
      ["", "第二党支部", "", ""],
      [FIN, "第一 党支部", "", ""],
      ["", "", "张三", ""],
    ]);
    const r = await dabiao(
      "consolidate",
      join(dir, "inbox"),
      "-o",
      join(dir, "报告.xlsx"),
      "--roster",
      roster
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(`名册 ${roster} 名册!A4 错误：第 4 行没有填写所属党委（党总支）`);
    expect(r.err).toContain(`名册!B5 错误：“第一 党支部”在名册中出现了两次（第一次在 B3）`);
    expect(r.err).toContain("名册!B6 错误：第 6 行填了负责人等信息，但没有所属党委和党支部名称");
    const noColumns = await rosterFile("坏名册.xlsx", ["单位", "名称"], [[FIN, "第一党支部"]]);
    const r2 = await dabiao(
      "consolidate",
      join(dir, "inbox"),
      "-o",
      join(dir, "报告.xlsx"),
      "--roster",
      noColumns
    );
    expect(r2.code).toBe(2);
    expect(r2.err).toContain("找不到表头“所属党委（党总支）”和“党支部名称”");
  });

  it("dabiao roster writes a blank roster, and from a report the roster next year's consolidation accepts", async () => {
    const blank = join(dir, "空白名册.xlsx");
    expect((await dabiao("roster", "-o", blank)).code).toBe(0);
    const book = await openWorkbook(await readFile(blank));
    const sheet = book.getWorksheet(ROSTER_SHEET);
    expect(String(sheet?.getCell("A1").value)).toMatch(/^填表说明/);
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      "所属党委（党总支）",
      "党支部名称",
      "党支部负责人",
      "联系方式",
      "支部类型",
      "星级",
    ]);
    expect(sheet?.getCell("E3").dataValidation).toMatchObject({ type: "list" });
    // Read back blank, it is a roster with no branch yet: said at its first row.
    const read = readRoster(readXlsx(await readFile(blank)));
    expect(read.ok ? [] : read.issues.map((i) => i.cell)).toEqual(["A3"]);

    await scoresheet("inbox/一.xlsx", { committee: EDU, name: "第一党支部", leader: "赵一" });
    await scoresheet("inbox/二.xlsx", { committee: FIN, name: "第二党支部" });
    const report = join(dir, "报告.xlsx");
    expect((await dabiao("consolidate", join(dir, "inbox"), "-o", report)).code).toBe(0);
    const next = join(dir, "明年名册.xlsx");
    const r = await dabiao("roster", report, "-o", next);
    expect(r.code).toBe(0);
    expect(r.out).toContain("已生成名册（2 个党支部）");
    const again = readRoster(readXlsx(await readFile(next)));
    expect(again.ok && again.roster.entries.map((e) => [e.committee, e.name, e.leader])).toEqual([
      [FIN, "第二党支部", "王建国"],
      [EDU, "第一党支部", "赵一"],
    ]);
    const s = await dabiao("roster", join(dir, "inbox", "一.xlsx"), "-o", join(dir, "x.xlsx"));
    expect(s.code).toBe(2);
    expect(s.err).toContain("请先用 dabiao consolidate 生成汇总报告");
  });
});

describe("every file in a folder is an input", () => {
  it("lists each file once: scoresheets accepted, every other kind rejected with what to do", async () => {
    await scoresheet("inbox/一.xlsx", { committee: FIN, name: "第一党支部" });
    const others: [string, string][] = [
      ["旧版.xls", "旧版 .xls 格式"],
      ["wps.et", "WPS 表格格式（.et），无法读取。请在 WPS 中另存为 .xlsx"],
      ["宏.xlsm", "启用宏的工作簿"],
      ["二进制.xlsb", "Excel 二进制工作簿"],
      ["说明.docx", "这是文字文档"],
      ["扫描件.pdf", "PDF 文件无法读取分数"],
      ["导出.csv", "CSV 文件不含打分表的格式和公式"],
      ["照片.jpg", "这是图片"],
      ["sub/截图.PNG", "这是图片"],
      ["~$一.xlsx", "系统临时文件"],
      ["Thumbs.db", "系统临时文件"],
      [".DS_Store", "系统临时文件"],
      ["desktop.ini", "系统临时文件"],
      ["无扩展名", "文件没有扩展名"],
    ];
    for (const [name] of others) await put(`inbox/${name}`, "x");
    const json = join(dir, "摘要.json");
    const r = await dabiao(
      "consolidate",
      join(dir, "inbox"),
      "-o",
      join(dir, "报告.xlsx"),
      "--json",
      json
    );
    expect(r.code).toBe(1);
    const s = JSON.parse(await readFile(json, "utf8")) as Json;
    expect(s.inputs).toHaveLength(1 + others.length);
    expect(new Set(s.inputs.map((i) => i.file)).size).toBe(s.inputs.length);
    for (const [name, says] of others) {
      const input = s.inputs.find((i) => i.file === join(dir, "inbox", name));
      expect(input?.status).toBe("rejected");
      expect(input?.reasons.join("")).toContain(says);
    }
    expect(s.inputs.find((i) => i.file.endsWith("一.xlsx") && !i.file.includes("~$"))?.status).toBe(
      "accepted"
    );
  });

  it("an empty folder, or one with nothing usable, exits 2 saying what was found and writes no report", async () => {
    await mkdir(join(dir, "空"), { recursive: true });
    const r = await dabiao("consolidate", join(dir, "空"), "-o", join(dir, "报告.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("中没有任何文件");
    await put("旧/一.xls", "x");
    await put("旧/二.xls", "x");
    await put("旧/~$三.xlsx", "x");
    const r2 = await dabiao("consolidate", join(dir, "旧"), "-o", join(dir, "报告.xlsx"));
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(
      "没有可以汇总的 .xlsx 打分表：共找到 3 个文件（.xls 2 个，系统临时文件 1 个）"
    );
    await expect(readFile(join(dir, "报告.xlsx"))).rejects.toThrow();
  });

  it("a report among the scoresheets does not replace them: it is listed with the hint to pass it as the previous report", async () => {
    await scoresheet("old/一.xlsx", { committee: FIN, name: "第一党支部", lose: 10 });
    const oldReport = join(dir, "inbox", "上次汇总报告.xlsx");
    await mkdir(join(dir, "inbox"), { recursive: true });
    expect((await dabiao("consolidate", join(dir, "old"), "-o", oldReport)).code).toBe(0);
    await scoresheet("inbox/一.xlsx", { committee: FIN, name: "第一党支部" });
    const json = join(dir, "摘要.json");
    const r = await dabiao(
      "consolidate",
      join(dir, "inbox"),
      "-o",
      join(dir, "报告.xlsx"),
      "--json",
      json
    );
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(json, "utf8")) as Json & {
      branches: { name: string; file: string; finalTotal: number }[];
    };
    expect(s.branches.map((b) => [b.name, b.file, b.finalTotal])).toEqual([
      ["第一党支部", join(dir, "inbox", "一.xlsx"), 100],
    ]);
    const listed = s.inputs.find((i) => i.file === oldReport);
    expect(listed?.status).toBe("superseded");
    expect(listed?.reasons.join("")).toContain("以打分表为准");
    expect(listed?.reasons.join("")).toContain("--previous");
  });
});
