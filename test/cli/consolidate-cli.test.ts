import {
  link,
  mkdir,
  symlink,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  utimes,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TIERS } from "../../src/core";
import { dabiao } from "../support/cli-run";
import { itWithSoffice, recalcXlsx } from "../support/libreoffice";
import {
  openWorkbook,
  saveWorkbook,
  scoresheetBytes,
  tableOf,
  typeInto,
  unrelatedWorkbook,
  type Submission,
} from "../support/submissions";

/** What a run of the CLI printed and returned. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dabiao-cli-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a branch's scoresheet into the test folder, optionally with a modification time. */
async function scoresheet(path: string, s: Submission, modified?: Date): Promise<string> {
  const file = join(dir, path);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, await scoresheetBytes(s));
  if (modified) await utimes(file, modified, modified);
  return file;
}

async function json(path: string): Promise<Summary> {
  return JSON.parse(await readFile(path, "utf8")) as Summary;
}

interface Summary {
  inputs: { file: string; status: string; reasons: string[]; branch: string | null }[];
  branches: {
    committee: string;
    name: string;
    finalTotal: number;
    tier: string;
    errors: number;
    file: string;
    [k: string]: unknown;
  }[];
  counts: Record<string, number>;
  passRate: number;
  recommended: unknown[];
  roster: unknown;
}

/** Five clean branches of one committee: 示范, 先进 ×2, 达标, 未达标. */
async function cleanInbox(folder = "inbox"): Promise<string> {
  await scoresheet(`${folder}/一.xlsx`, { name: "第一党支部" });
  await scoresheet(`${folder}/二.xlsx`, { name: "第二党支部", lose: 12 });
  await scoresheet(`${folder}/三.xlsx`, { name: "第三党支部", lose: 15, stars: "五星" });
  await scoresheet(`${folder}/sub/四.xlsx`, { name: "第四党支部", lose: 25 });
  await scoresheet(`${folder}/五.xlsx`, { name: "第五党支部", lose: 31.5 });
  return join(dir, folder);
}

describe("dabiao consolidate", () => {
  it("reads files and folders (recursively), writes the report and a --json summary with exactly the documented keys", async () => {
    const inbox = await cleanInbox();
    const loose = await scoresheet("单独报送.xlsx", {
      name: "第六党支部",
      committee: "市教育局机关党委",
      lose: 5,
    });
    const report = join(dir, "汇总报告.xlsx");
    const summary = join(dir, "摘要.json");
    const r = await dabiao("consolidate", inbox, loose, "-o", report, "--json", summary);
    expect(r.code).toBe(0);
    expect(r.out).toContain("输入 6 个文件：接收 6，拒收 0，被替代 0");
    const s = await json(summary);
    expect(Object.keys(s).sort()).toEqual([
      "branches",
      "committees",
      "counts",
      "held",
      "inputs",
      "passRate",
      "recommended",
      "roster",
    ]);
    expect(s.roster).toBeNull();
    expect(s.inputs).toHaveLength(6);
    for (const i of s.inputs)
      expect(Object.keys(i).sort()).toEqual(["branch", "file", "reasons", "status"]);
    expect(s.inputs.map((i) => i.file)).toContain(join(inbox, "sub", "四.xlsx"));
    const keys = [
      "committee",
      "name",
      "type",
      "leader",
      "contact",
      "stars",
      "selfTotal",
      "reviewTotal",
      "sampleTotal",
      "finalTotal",
      "tier",
      "vetoes",
      "errors",
      "warnings",
      "file",
    ];
    expect(s.branches).toHaveLength(6);
    for (const b of s.branches) expect(Object.keys(b).sort()).toEqual([...keys].sort());
    expect(Object.keys(s.counts).sort()).toEqual([...TIERS].sort());
    expect(s.counts).toEqual({ 示范: 2, 先进: 2, 达标: 1, 未达标: 1 });
    expect(s.passRate).toBeCloseTo(5 / 6);
    expect(s.recommended).toHaveLength(2);
    const book = await openWorkbook(await readFile(report));
    expect(book.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        "汇总表",
        "明细",
        "问题清单",
        "统计",
        "推荐名单",
        "公示名单",
        "抽验名单",
        "工作情况",
      ])
    );
    expect(tableOf(book, "汇总表")).toHaveLength(6);
  });

  it("exits 1 when an input is rejected, lists it, and still writes the report", async () => {
    const inbox = await cleanInbox();
    await writeFile(join(inbox, "工资表.xlsx"), await unrelatedWorkbook());
    const report = join(dir, "汇总报告.xlsx");
    const r = await dabiao("consolidate", inbox, "-o", report, "--json", join(dir, "s.json"));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/拒收：.*工资表\.xlsx —— .*打分表/);
    const s = await json(join(dir, "s.json"));
    expect(s.inputs.find((i) => i.file.endsWith("工资表.xlsx"))).toMatchObject({
      status: "rejected",
      branch: null,
    });
    expect((await stat(report)).size).toBeGreaterThan(0);
  });

  it("accounts for a file in the folder that cannot be opened (a dangling link) as rejected, in Chinese, and goes on", async () => {
    const inbox = await cleanInbox();
    await symlink(join(dir, "已删除.xlsx"), join(inbox, "断开的链接.xlsx"));
    const r = await dabiao(
      "consolidate",
      inbox,
      "-o",
      join(dir, "r.xlsx"),
      "--json",
      join(dir, "s.json")
    );
    expect(r.code).toBe(1);
    const s = await json(join(dir, "s.json"));
    expect(s.inputs).toHaveLength(6);
    const broken = s.inputs.find((i) => i.file.endsWith("断开的链接.xlsx"));
    expect(broken?.status).toBe("rejected");
    expect(broken?.reasons.join("")).toMatch(/^[^A-Za-z]*无法(读取|打开)/);
    expect(s.branches).toHaveLength(5);
  });

  it("exits 1 when an accepted scoresheet has entry errors", async () => {
    const file = await scoresheet("a.xlsx", { name: "第一党支部", entries: { B2: "八分" } });
    const r = await dabiao(
      "consolidate",
      file,
      "-o",
      join(dir, "r.xlsx"),
      "--json",
      join(dir, "s.json")
    );
    expect(r.code).toBe(1);
    const s = await json(join(dir, "s.json"));
    expect(s.inputs[0]?.status).toBe("accepted");
    expect(s.branches[0]?.errors).toBeGreaterThan(0);
  });

  it("exits 0 when a resubmission supersedes an earlier file, and says which file won", async () => {
    await scoresheet(
      "inbox/一（初报）.xlsx",
      { name: "第一党支部", lose: 20 },
      new Date(2019, 4, 18)
    );
    await scoresheet("inbox/一.xlsx", { name: "第一党支部" }, new Date(2019, 4, 19));
    const r = await dabiao(
      "consolidate",
      join(dir, "inbox"),
      "-o",
      join(dir, "r.xlsx"),
      "--json",
      join(dir, "s.json")
    );
    expect(r.code).toBe(0);
    const s = await json(join(dir, "s.json"));
    expect(s.inputs.map((i) => i.status).sort()).toEqual(["accepted", "superseded"]);
    expect(s.inputs.find((i) => i.status === "superseded")?.reasons.join("")).toContain(
      "“一.xlsx”"
    );
    expect(s.branches.map((b) => b.finalTotal)).toEqual([100]);
  });

  it.each([
    ["no inputs", ["consolidate", "-o", "r.xlsx"]],
    ["no -o", ["consolidate", "inbox"]],
    ["only missing inputs", ["consolidate", "没有这个目录", "-o", "r.xlsx"]],
    ["an unknown command", ["merge", "inbox"]],
  ])("exits 2 on a usage error: %s", async (_, argv) => {
    await cleanInbox();
    const r = await dabiao(
      ...argv.map((a) =>
        a.includes(".") || a === "inbox" || a.startsWith("没有") ? join(dir, a) : a
      )
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses to write the report over an input, leaving the input unchanged", async () => {
    const file = await scoresheet("一.xlsx", { name: "第一党支部" });
    const before = await readFile(file);
    const r = await dabiao("consolidate", file, "-o", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/输入/);
    expect(Buffer.compare(await readFile(file), before)).toBe(0);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("recognises an input behind another spelling of its path or a link, and the --previous report as an input", async () => {
    const inbox = await cleanInbox();
    const file = join(inbox, "一.xlsx");
    const before = await readFile(file);
    await symlink(file, join(dir, "链接.xlsx"));
    expect((await dabiao("consolidate", inbox, "-o", `${inbox}/sub/../一.xlsx`)).code).toBe(2);
    expect((await dabiao("consolidate", inbox, "-o", join(dir, "链接.xlsx"))).code).toBe(2);
    expect(Buffer.compare(await readFile(file), before)).toBe(0);
    const report = join(dir, "汇总报告.xlsx");
    expect((await dabiao("consolidate", inbox, "-o", report)).code).toBe(0);
    const written = await readFile(report);
    const r = await dabiao("consolidate", inbox, "-o", report, "--previous", report);
    expect(r.code).toBe(2);
    expect(Buffer.compare(await readFile(report), written)).toBe(0);
  });

  it("refuses to write the --json summary over an input too", async () => {
    const file = await scoresheet("一.xlsx", { name: "第一党支部" });
    const before = await readFile(file);
    const r = await dabiao("consolidate", file, "-o", join(dir, "r.xlsx"), "--json", file);
    expect(r.code).toBe(2);
    expect(Buffer.compare(await readFile(file), before)).toBe(0);
  });

  it("replaces an existing output by renaming a complete file into place, never writing into the old one", async () => {
    const inbox = await cleanInbox();
    const report = join(dir, "汇总报告.xlsx");
    const witness = join(dir, "旧报告的另一个链接.xlsx");
    await writeFile(report, "上次的报告");
    // A second name for the old file: writing in place would change it too; a rename leaves it alone.
    await link(report, witness);
    const r = await dabiao("consolidate", inbox, "-o", report);
    expect(r.code).toBe(0);
    expect(await readFile(witness, "utf8")).toBe("上次的报告");
    expect((await openWorkbook(await readFile(report))).getWorksheet("汇总表")).toBeDefined();
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("carries typed scores over from --previous and keeps a branch that sent nothing this time", async () => {
    const inbox = await cleanInbox();
    const first = join(dir, "第一次.xlsx");
    expect((await dabiao("consolidate", inbox, "-o", first)).code).toBe(0);
    const book = await openWorkbook(await readFile(first));
    typeInto(book, "明细", { name: "第二党支部", code: "D5" }, "审核得分", 0);
    typeInto(book, "汇总表", { name: "第二党支部" }, "备注", "已复核");
    await writeFile(first, await saveWorkbook(book));
    await rm(join(inbox, "五.xlsx"));
    const second = join(dir, "第二次.xlsx");
    const r = await dabiao(
      "consolidate",
      inbox,
      "-o",
      second,
      "--previous",
      first,
      "--json",
      join(dir, "s.json")
    );
    expect(r.code).toBe(0);
    const s = await json(join(dir, "s.json"));
    // 审核 D5 at 0 alone: 审核总分 counts the other items at 自评, so it equals 最终总分.
    expect(s.branches.find((b) => b.name === "第二党支部")).toMatchObject({
      reviewTotal: 85,
      finalTotal: 85,
    });
    expect(s.branches.map((b) => b.name)).toContain("第五党支部");
    // 第二党支部 lost 3 of D5's 6 points in its own entries; the committee's 0 takes the other 3.
    expect(s.counts).toEqual({ 示范: 1, 先进: 2, 达标: 1, 未达标: 0 });
    const summary = tableOf(await openWorkbook(await readFile(second)), "汇总表");
    expect(summary.find((row) => row["党支部名称"] === "第二党支部")?.["备注"]).toBe("已复核");
    expect(String(summary.find((row) => row["党支部名称"] === "第五党支部")?.["标记"])).toMatch(
      /未收到/
    );
  });

  it("exits 0 when this round's inputs are clean, even if a branch only remembered from --previous had errors", async () => {
    const inbox = await cleanInbox();
    await scoresheet("inbox/错.xlsx", { name: "第九党支部", entries: { B2: "八分" } });
    const first = join(dir, "第一次.xlsx");
    expect((await dabiao("consolidate", inbox, "-o", first)).code).toBe(1);
    await rm(join(inbox, "错.xlsx"));
    const r = await dabiao(
      "consolidate",
      inbox,
      "-o",
      join(dir, "第二次.xlsx"),
      "--previous",
      first,
      "--json",
      join(dir, "s.json")
    );
    expect(
      (await json(join(dir, "s.json"))).branches.find((b) => b.name === "第九党支部")?.errors
    ).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });

  it("refuses a --previous that is not a report instead of silently carrying nothing over", async () => {
    const inbox = await cleanInbox();
    const notReport = join(inbox, "一.xlsx");
    const r = await dabiao(
      "consolidate",
      inbox,
      "-o",
      join(dir, "r.xlsx"),
      "--previous",
      notReport
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是汇总报告/);
    await expect(stat(join(dir, "r.xlsx"))).rejects.toThrow();
  });
});

describe("dabiao recommend and sample", () => {
  it("recommend writes the 推荐名单 (附件2) workbook from a report", async () => {
    const report = join(dir, "汇总报告.xlsx");
    expect((await dabiao("consolidate", await cleanInbox(), "-o", report)).code).toBe(0);
    const out = join(dir, "推荐名单.xlsx");
    const r = await dabiao("recommend", report, "-o", out);
    expect(r.code).toBe(0);
    expect(r.out).toContain("推荐 1 个党支部（应不少于 1 个）");
    const book = await openWorkbook(await readFile(out));
    expect(book.worksheets.map((w) => w.name)).toEqual(["推荐名单"]);
    const sheet = book.getWorksheet("推荐名单");
    expect(sheet?.getCell("A2").value).toBe("推荐标准化规范化建设示范党支部名单");
    expect([1, 2, 3, 4, 5].map((c) => sheet?.getRow(4).getCell(c).value)).toEqual([
      "序号",
      "党支部名称",
      "党支部负责人",
      "联系方式",
      "支部类型",
    ]);
    expect([
      sheet?.getCell("B5").value,
      sheet?.getCell("C5").value,
      sheet?.getCell("E5").value,
    ]).toEqual(["第一党支部", "王建国", "机关"]);
  });

  it("recommend counts only the branches that submitted this round, as the report itself does", async () => {
    const inbox = await cleanInbox();
    await scoresheet("inbox/六.xlsx", { name: "第六党支部", lose: 12 });
    const first = join(dir, "第一次.xlsx");
    expect((await dabiao("consolidate", inbox, "-o", first)).code).toBe(0);
    await rm(join(inbox, "五.xlsx"));
    const second = join(dir, "第二次.xlsx");
    expect(
      (
        await dabiao(
          "consolidate",
          inbox,
          "-o",
          second,
          "--previous",
          first,
          "--json",
          join(dir, "s.json")
        )
      ).code
    ).toBe(0);
    expect((await json(join(dir, "s.json"))).recommended).toHaveLength(1);
    const r = await dabiao("recommend", second, "-o", join(dir, "推荐名单.xlsx"));
    expect(r.code).toBe(0);
    // Five branches sent files; the sixth is only remembered: ⌈20% × 5⌉ = 1.
    expect(r.out).toContain("推荐 1 个党支部（应不少于 1 个）");
  });

  it("recommend refuses a file that is not a report", async () => {
    const file = await scoresheet("一.xlsx", { name: "第一党支部" });
    const r = await dabiao("recommend", file, "-o", join(dir, "推荐名单.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是汇总报告/);
  });

  it("sample with the same seed draws the same list twice", async () => {
    for (let i = 0; i < 12; i++)
      await scoresheet(`inbox/${i}.xlsx`, { name: `第${i + 1}党支部`, lose: (i % 4) * 6 });
    const report = join(dir, "汇总报告.xlsx");
    expect((await dabiao("consolidate", join(dir, "inbox"), "-o", report)).code).toBe(0);
    const draw = async (out: string, seed: string): Promise<unknown[]> => {
      const r = await dabiao(
        "sample",
        report,
        "-o",
        join(dir, out),
        "--ratio",
        "0.3",
        "--seed",
        seed
      );
      expect(r.code).toBe(0);
      const sheet = (await openWorkbook(await readFile(join(dir, out)))).getWorksheet("抽验名单");
      const names: unknown[] = [];
      sheet?.eachRow((row, n) => n > 3 && names.push(row.getCell(3).value));
      return names;
    };
    const first = await draw("抽验1.xlsx", "2019");
    expect(first).toHaveLength(4);
    expect(await draw("抽验2.xlsx", "2019")).toEqual(first);
  });

  it("sample without --seed is a usage error", async () => {
    const report = join(dir, "汇总报告.xlsx");
    await dabiao("consolidate", await cleanInbox(), "-o", report);
    expect((await dabiao("sample", report, "-o", join(dir, "x.xlsx"), "--ratio", "0.3")).code).toBe(
      2
    );
  });
});

describe("the report as an independent reader sees it", () => {
  itWithSoffice(
    "shows, after LibreOffice recalculates and re-saves it, the same 最终总分 and 等次 as --json",
    async () => {
      const inbox = await cleanInbox();
      await scoresheet("inbox/改过.xlsx", {
        name: "第七党支部",
        committee: "市教育局机关党委",
        lose: 8,
        reviews: { D5: 2 },
      });
      const report = join(dir, "汇总报告.xlsx");
      expect(
        (await dabiao("consolidate", inbox, "-o", report, "--json", join(dir, "s.json"))).code
      ).toBe(0);
      const s = await json(join(dir, "s.json"));
      const [resaved] = await recalcXlsx([report], join(dir, "lo"));
      const rows = tableOf(await openWorkbook(await readFile(resaved ?? "")), "汇总表");
      const seen = Object.fromEntries(
        rows.map((r) => [
          `${String(r["所属党委"])}/${String(r["党支部名称"])}`,
          [r["最终总分"], r["等次"]],
        ])
      );
      const told = Object.fromEntries(
        s.branches.map((b) => [`${b.committee}/${b.name}`, [b.finalTotal, b.tier]])
      );
      expect(Object.keys(told)).toHaveLength(6);
      expect(seen).toEqual(told);
    }
  );
});

describe("dabiao check", () => {
  it("accepts --json after the files", async () => {
    const file = await scoresheet("一.xlsx", { name: "第一党支部" });
    const r = await dabiao("check", file, "--json");
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.out) as { file: string; tier: string }[];
    expect(entries.map((e) => [e.file, e.tier])).toEqual([[file, "示范"]]);
  });
});

describe("dabiao demo", () => {
  it("runs the whole job: report and summary written, with a resubmission, a damaged file, a tampered branch and every tier", async () => {
    const r = await dabiao("demo", "-o", dir);
    expect(r.code).toBe(0);
    const s = await json(join(dir, "汇总摘要.json"));
    expect((await stat(join(dir, "汇总报告.xlsx"))).size).toBeGreaterThan(0);
    expect(s.inputs.filter((i) => i.status === "superseded")).toHaveLength(1);
    const rejected = s.inputs.filter((i) => i.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reasons.join("")).toMatch(/损坏/);
    expect(TIERS.every((t) => (s.counts[t] ?? 0) > 0)).toBe(true);
    expect(s.inputs.length).toBe(s.inputs.filter((i) => i.status === "accepted").length + 2);
    // The tampered file: its errors are in the JSON, its flags in the 汇总表's 标记 column.
    const summary = tableOf(
      await openWorkbook(await readFile(join(dir, "汇总报告.xlsx"))),
      "汇总表"
    );
    const flagged = summary.filter((row) => /公式被改动/.test(String(row["标记"] ?? "")));
    expect(flagged).toHaveLength(1);
    const tampered = s.branches.find((b) => b.name === flagged[0]?.["党支部名称"]);
    expect(tampered?.errors).toBeGreaterThan(0);
    expect(String(flagged[0]?.["标记"])).toMatch(/分值被改动/);
  });

  it("rolls the demo up through one report per committee with every branch's errors, warnings, flags, scores, tier and 待核实 unchanged", async () => {
    expect((await dabiao("demo", "-o", dir)).code).toBe(0);
    const inbox = join(dir, "报送文件");
    const files = await readdir(inbox);
    const committees = [...new Set(files.map((f) => f.split("-")[0] ?? ""))].filter((c) =>
      c.endsWith("党委")
    );
    expect(committees.length).toBe(3);
    const reports: string[] = [];
    for (const [i, committee] of committees.entries()) {
      const own = join(dir, `委${i}`);
      await mkdir(own);
      for (const f of files.filter((x) => x.startsWith(`${committee}-`)))
        await link(join(inbox, f), join(own, f));
      reports.push(join(dir, `汇总${i}.xlsx`));
      await dabiao("consolidate", own, "-o", reports[i] ?? "");
    }
    await dabiao(
      "consolidate",
      ...reports,
      "-o",
      join(dir, "工委.xlsx"),
      "--json",
      join(dir, "up.json")
    );
    const up = await json(join(dir, "up.json"));
    const direct = await json(join(dir, "汇总摘要.json"));
    const essence = (s: Summary) =>
      Object.fromEntries(
        s.branches.map((b) => [
          `${b.committee}/${b.name}`,
          [b.errors, b.warnings, b.flags, b.selfTotal, b.reviewTotal, b.finalTotal, b.tier],
        ])
      );
    expect(essence(up)).toEqual(essence(direct));
    expect(up.branches.some((b) => b.errors > 0)).toBe(true);
    expect((up as unknown as { held: unknown }).held).toEqual(
      (direct as unknown as { held: unknown }).held
    );
  });
});
