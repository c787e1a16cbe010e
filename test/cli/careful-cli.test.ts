import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VERSION } from "../../src/cli/version";
import { dabiao } from "../support/cli-run";
import { scoresheetBytes } from "../support/submissions";

// The CLI as a careful tool: what it does not understand it says, before any work, in Chinese.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dabiao-careful-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inbox(): Promise<string> {
  await mkdir(join(dir, "inbox"), { recursive: true });
  await writeFile(join(dir, "inbox", "一.xlsx"), await scoresheetBytes({ name: "第一党支部" }));
  return join(dir, "inbox");
}

describe("a careful command line", () => {
  it("refuses an option the command does not take, suggests the one meant, and names the valid ones", async () => {
    const r = await dabiao(
      "consolidate",
      await inbox(),
      "-o",
      join(dir, "报告.xlsx"),
      "--rooster",
      "名册.xlsx"
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("dabiao consolidate 没有选项 --rooster，是不是 --roster？");
    expect(r.err).toContain(
      "可用的选项：-o、--roster、--previous、--json、--accept-other-rubric、--jobs、--feedback、--hints"
    );
    await expect(readFile(join(dir, "报告.xlsx"))).rejects.toThrow();
    const t = await dabiao("template", "--seed", "3");
    expect(t.code).toBe(2);
    expect(t.err).toContain("dabiao template 没有选项 --seed");
    const u = await dabiao("consolidat", "x");
    expect(u.code).toBe(2);
    expect(u.err).toContain("未知命令：consolidat");
  });

  it("says its version", async () => {
    const r = await dabiao("--version");
    expect([r.code, r.out.trim()]).toEqual([0, `支部达标创建助手 dabiao ${VERSION}`]);
    const pkg = JSON.parse(await readFile(join(__dirname, "../../package.json"), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });

  it("takes --ratio as 20% as well as 0.2, and refuses what is neither", async () => {
    const report = join(dir, "报告.xlsx");
    expect((await dabiao("consolidate", await inbox(), "-o", report)).code).toBe(0);
    const r = await dabiao("recommend", report, "-o", join(dir, "推荐.xlsx"), "--ratio", "20%");
    expect(r.code).toBe(0);
    expect(r.out).toContain("应不少于 1 个");
    const bad = await dabiao("recommend", report, "-o", join(dir, "推荐.xlsx"), "--ratio", "二成");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("如 0.2 或 20%");
  });

  it("checks the output can be written before reading any file, and says why in Chinese", async () => {
    await writeFile(join(dir, "是文件"), "x");
    const r = await dabiao(
      "consolidate",
      await inbox(),
      "-o",
      join(dir, "是文件", "子", "报告.xlsx")
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("路径中的某一级不是文件夹");
    expect(r.err).not.toMatch(/ENOTDIR|EACCES|ENOENT|\.tmp/);
  });

  it("recommend on a file that is not a report says to consolidate first", async () => {
    const r = await dabiao(
      "recommend",
      join(await inbox(), "一.xlsx"),
      "-o",
      join(dir, "推荐.xlsx")
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("请先用 dabiao consolidate");
  });

  it("when every input is rejected, exits 2 with the reasons and writes no empty report", async () => {
    await mkdir(join(dir, "bad"), { recursive: true });
    await writeFile(join(dir, "bad", "坏.xlsx"), "not a zip");
    const report = join(dir, "报告.xlsx");
    const r = await dabiao("consolidate", join(dir, "bad"), "-o", report);
    expect(r.code).toBe(2);
    expect(r.err).toContain("收到的 1 个文件都无法使用，未生成汇总报告");
    expect(r.err).toContain("坏.xlsx：");
    await expect(readFile(report)).rejects.toThrow();
  });
});
