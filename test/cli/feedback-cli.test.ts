import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dabiao } from "../support/cli-run";
import { readXlsx } from "../../src/adapters/xlsx/read/reader";
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
    const sums = sha256sum(files);
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

const sha256sum = (files: readonly string[]): Map<string | undefined, string | undefined> =>
  new Map(
    execFileSync("sha256sum", files, { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((line) => {
        const [sum, path] = line.split(/\s+\*?/);
        return [path?.split("/").pop(), sum];
      })
  );

/** `dabiao consolidate 报送 -o 汇总.xlsx …` in the test folder. */
const consolidateWith = (...options: string[]) =>
  dabiao("consolidate", join(dir, "报送"), "-o", join(dir, "汇总.xlsx"), ...options);

describe("dabiao consolidate --feedback DIR", () => {
  it("writes one 退回修改 workbook per branch with problems and 回执.xlsx, and --json lists them", async () => {
    const files = [
      await scoresheet("一支部.xlsx", { name: "第一党支部" }),
      await scoresheet("二支部.xlsx", {
        name: "第二党支部",
        leader: "",
        entries: { D2: "十个月", B2: 2.5 },
        notes: { B2: "" },
      }),
    ];
    const out = join(dir, "退回");
    const json = join(dir, "摘要.json");
    const run = await consolidateWith("--feedback", out, "--json", json);
    expect(run.code).toBe(1);
    expect((await readdir(out)).sort()).toEqual(
      ["市财政局机关党委-第二党支部-退回修改.xlsx", "回执.xlsx"].sort()
    );
    expect(run.out).toContain("退回修改：1 个党支部的退回修改工作簿和回执已写入");
    const summary = JSON.parse(await readFile(json, "utf8")) as {
      feedback: { receipt: string; workbooks: { branch: string; file: string }[] };
    };
    expect(summary.feedback.workbooks).toEqual([
      {
        branch: "市财政局机关党委 / 第二党支部",
        file: join(out, "市财政局机关党委-第二党支部-退回修改.xlsx"),
      },
    ]);
    const back = await readFile(summary.feedback.workbooks[0]!.file);
    expect(readXlsx(back).sheets.map((s) => s.name)).toEqual([
      "退回意见",
      "打分表",
      "填表说明",
      "_dabiao",
    ]);
    const x = await openWorkbook(back);
    const noted: string[] = [];
    x.getWorksheet("打分表")?.eachRow((r) =>
      r.eachCell((cell) => {
        if (cell.note !== undefined) noted.push(cell.address);
      })
    );
    expect(noted.sort()).toEqual(["E51", "G27", "G4"]);
    const receipts = tableOf(
      await openWorkbook(await readFile(summary.feedback.receipt)),
      "回执单"
    );
    const sums = sha256sum(files);
    expect(receipts.map((r) => [r["文件"], r["状态"], r["SHA-256"]])).toEqual([
      ["一支部.xlsx", "接收", sums.get("一支部.xlsx")],
      ["二支部.xlsx", "退回修改", sums.get("二支部.xlsx")],
    ]);
  });

  it("refuses a folder that holds the inputs, before writing anything", async () => {
    await scoresheet("一支部.xlsx", { name: "第一党支部" });
    const run = await consolidateWith("--feedback", join(dir, "报送"));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--feedback 的目录.*里有报送文件/);
    expect(await readdir(dir)).toEqual(["报送"]);
  });
});
