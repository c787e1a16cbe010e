import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildTemplate,
  consolidate,
  DEFAULT_RUBRIC,
  demoBranches,
  fillTemplate,
  sampleBranches,
  type ConsolidationInput,
} from "../../src/core";
import { readXlsx } from "../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../src/adapters/xlsx/write/writer";
import { haveChromium } from "./browser";
import { isLoopback, paneSession, shoot, type PaneSession } from "./page";
import { REPORT_SHEETS } from "../../src/core/consolidation/report-format";

const run = haveChromium() ? describe : describe.skip;
jest.setTimeout(600_000);

/** Twenty submissions as branches send them: 18 branches, one sent again later (the later one wins), one damaged in transfer. */
async function submissions(dir: string): Promise<string[]> {
  const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-05-01T00:00:00Z" });
  const branches = [
    ...sampleBranches(DEFAULT_RUBRIC),
    ...demoBranches(DEFAULT_RUBRIC, 30, 2019),
  ].slice(0, 18);
  const paths: string[] = [];
  const base = new Date(2019, 4, 10).getTime();
  for (const [i, b] of branches.entries()) {
    const path = join(dir, b.file);
    writeFileSync(path, await writeXlsx(fillTemplate(template, DEFAULT_RUBRIC, b.typed)));
    utimesSync(path, new Date(base + i * 60_000), new Date(base + i * 60_000));
    paths.push(path);
  }
  const again = branches[3];
  if (again) {
    // First sent with every entry blank; the branch's later file (above) supersedes it.
    const path = join(dir, again.file.replace(".xlsx", "（初报）.xlsx"));
    writeFileSync(
      path,
      await writeXlsx(fillTemplate(template, DEFAULT_RUBRIC, { ...again.typed, entries: {} }))
    );
    utimesSync(path, new Date(base - 86_400_000), new Date(base - 86_400_000));
    paths.push(path);
  }
  const damaged = join(dir, "传输中断的文件.xlsx");
  const whole = await writeXlsx(
    fillTemplate(
      template,
      DEFAULT_RUBRIC,
      branches[0]?.typed ?? { header: {}, entries: {}, vetoes: {} }
    )
  );
  writeFileSync(damaged, whole.slice(0, Math.floor(whole.length / 2)));
  paths.push(damaged);
  return paths;
}

/** What the same files give when consolidated here, with the CLI's reading of them. */
function expected(paths: readonly string[]) {
  const inputs: ConsolidationInput[] = paths.map((file) => {
    const name = file.split("/").pop() ?? file;
    try {
      return { file: name, modified: statSync(file).mtimeMs, book: readXlsx(readFileSync(file)) };
    } catch (e) {
      return { file: name, modified: statSync(file).mtimeMs, book: null, readError: String(e) };
    }
  });
  return consolidate(inputs, { rubric: DEFAULT_RUBRIC, today: new Date() });
}

run("outside Office (a plain browser, e.g. for WPS users)", () => {
  let session: PaneSession;
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "dabiao-e2e-"));
    session = await paneSession();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("consolidates 20 uploaded scoresheets and downloads a report that reads back with the right tiers and statuses, requesting nothing from any other host", async () => {
    const paths = await submissions(dir);
    expect(paths).toHaveLength(20);
    const { page, requests, errors } = await session.open();
    await page.getByText("未检测到 Excel").waitFor();
    await shoot(page, "browser-template");
    await page.getByRole("tab", { name: "汇总" }).click();
    await page.getByLabel("选择报送文件").setInputFiles(paths);
    await page.getByText("已选 20 个文件").waitFor();
    await page.getByRole("button", { name: "开始汇总" }).click();
    await page.getByText(/^完成：/).waitFor({ timeout: 120_000 });
    await page.getByRole("button", { name: "开始汇总" }).and(page.locator(":enabled")).waitFor();
    await shoot(page, "browser-consolidate");

    const want = expected(paths);
    const shown = await page
      .locator("li[data-status]")
      .evaluateAll((items) =>
        items.map((li) => [li.textContent ?? "", li.getAttribute("data-status")])
      );
    expect(shown).toHaveLength(20);
    for (const input of want.inputs)
      expect(shown.find(([text]) => text?.includes(input.file))?.[1]).toBe(input.status);
    expect(want.inputs.map((i) => i.status).sort()).toEqual(
      [...Array(18).fill("accepted"), "rejected", "superseded"].sort()
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载汇总报告" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("汇总报告.xlsx");
    const saved = join(dir, "report.xlsx");
    await download.saveAs(saved);
    const book = readXlsx(readFileSync(saved));
    const back = consolidate([{ file: "report.xlsx", modified: null, book }], {
      rubric: DEFAULT_RUBRIC,
      today: new Date(),
    });
    expect(back.inputs[0]).toMatchObject({ status: "accepted", kind: "report", branches: 18 });
    const tiers = (c: typeof back) =>
      Object.fromEntries(c.branches.map((b) => [b.key, `${b.tier} ${b.totals.final}`]));
    expect(tiers(back)).toEqual(tiers(want));
    // The rejected file is listed in the report's 问题清单 with its reason.
    const issues = book.sheets.find((s) => s.name === REPORT_SHEETS.issues);
    expect(JSON.stringify(issues?.rows)).toContain("传输中断的文件.xlsx");

    expect(errors).toEqual([]);
    expect(requests.filter((u) => !isLoopback(u))).toEqual([]);
    // Reading, consolidating and writing ran in the Web Worker, fetched on first use.
    expect(requests.some((u) => /consolidation-worker\.js\?v=\w+$/.test(u))).toBe(true);
  });

  it("downloads a blank template and checks files, all on this machine", async () => {
    const { page, requests, errors } = await session.open();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载打分表模板" }).click(),
    ]);
    const template = readXlsx(readFileSync(await download.path()));
    expect(template.sheets.map((s) => s.name)).toEqual(["打分表", "填表说明", "_dabiao"]);

    await page.getByRole("tab", { name: "检查" }).click();
    const paths = await submissions(dir);
    await page.getByLabel("选择文件").setInputFiles(paths.slice(0, 3));
    await page.locator(".fui-Card").nth(2).waitFor();
    await shoot(page, "browser-check");
    await page.getByRole("tab", { name: "评分标准" }).click();
    await shoot(page, "browser-rubric");
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !isLoopback(u))).toEqual([]);
  });

  it("tells an engine too old for the bundle why, instead of 正在加载… forever", async () => {
    // An engine without ES2020's Promise.allSettled stands in for IE 11 / EdgeHTML in Office 2019.
    const { page } = await session.open("", "delete Promise.allSettled;");
    await page.getByText(/浏览器或 Office 版本过旧/).waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/Office 2021\/2024/);
    await page.waitForTimeout(500);
    expect(await page.getByText("未检测到 Excel").count()).toBe(0);
  });
});
