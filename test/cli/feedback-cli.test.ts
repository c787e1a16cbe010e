import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dabiao } from "../support/cli-run";
import { openWorkbook, scoresheetBytes, tableOf, type Submission } from "../support/submissions";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dabiao-feedback-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scoresheet(name: string, s: Submission): Promise<string> {
  const file = join(dir, "报送", name);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, await scoresheetBytes(s));
  return file;
}

describe("dabiao consolidate: the 回执", () => {
  it("the report's 回执单 gives every file's SHA-256 exactly as sha256sum computes it", async () => {
    const files = [
      await scoresheet("一支部.xlsx", { name: "第一党支部" }),
      await scoresheet("二支部.xlsx", { name: "第二党支部", entries: { D2: "十个月" } }),
    ];
    await writeFile(join(dir, "报送", "坏.xlsx"), "not a workbook");
    files.push(join(dir, "报送", "坏.xlsx"));
    const report = join(dir, "汇总.xlsx");
    const run = await dabiao("consolidate", join(dir, "报送"), "-o", report);
    expect(run.code).toBe(1);
    const rows = tableOf(await openWorkbook(await readFile(report)), "回执单");
    const sums = new Map(
      execFileSync("sha256sum", files, { encoding: "utf8" })
        .trim()
        .split("\n")
        .map((line) => {
          const [sum, path] = line.split(/\s+\*?/);
          return [path?.split("/").pop(), sum];
        })
    );
    expect(rows.map((r) => [r["文件"], r["状态"], r["SHA-256"]])).toEqual(
      [
        ["一支部.xlsx", "接收"],
        ["二支部.xlsx", "退回修改"],
        ["坏.xlsx", "拒收"],
      ].map(([file, status]) => [file, status, sums.get(file)])
    );
    expect(sums.size).toBe(3);
  });
});
