/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import {
  DEFAULT_RUBRIC,
  REPORT_SHEETS,
  rosterSheet,
  singleSheetWorkbook,
  SCORESHEET,
  type WorkbookSnapshot,
} from "../../src/core";
import { App } from "../../src/taskpane/components/App";
import { consolidateFiles, type Progress } from "../../src/taskpane/consolidate-files";
import { stringsFor } from "../../src/taskpane/strings";
import { specToSnapshot } from "../support/spec-to-snapshot";
import { chosen, fakeFiles, fakeWorkbook, sampleSubmissions } from "./fakes";

const today = () => new Date(2019, 4, 20);
const { samples, books, files } = sampleSubmissions();

/** Picks files through the hidden input, as the file chooser would. */
function pick(label: string, picked: File[]): void {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  Object.defineProperty(input, "files", { value: picked, configurable: true });
  fireEvent.change(input);
}

describe("合并汇总", () => {
  it("reads every file with progress, accounts for each one, and writes the report sheets into the workbook", async () => {
    const workbook = fakeWorkbook([{ name: "Sheet1", hidden: false, rows: [] }]);
    render(
      <App
        strings={stringsFor("zh-CN")}
        workbook={workbook}
        files={fakeFiles(books)}
        today={today}
      />
    );
    fireEvent.click(screen.getByRole("tab", { name: /^汇总/ }));
    pick("选择报送文件", files());
    expect(screen.getByText(`已选 ${samples.length + 1} 个文件`)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(await screen.findByText(/^完成：/)).toBeTruthy();
    const rows = screen.getByRole("list", { name: "合并汇总" }).querySelectorAll("li");
    expect(rows).toHaveLength(samples.length + 1);
    expect(
      [...rows].filter((r) => r.dataset["status"] === "rejected").map((r) => r.textContent)
    ).toEqual([expect.stringMatching(/损坏的文件\.xlsx.*不是 \.xlsx/)]);
    fireEvent.click(screen.getByRole("button", { name: "写入本工作簿" }));
    expect(await screen.findByText(/已写入汇总表/)).toBeTruthy();
    expect(workbook.rendered[0]?.sheets.map((s) => s.name)).toEqual([
      ...Object.values(REPORT_SHEETS),
      "回执单",
      "重报对比",
      "_dabiao",
      "_收齐",
    ]);
  });

  it("carries over the review scores typed into this workbook's 汇总表 when consolidating again", async () => {
    const workbook = fakeWorkbook([{ name: "Sheet1", hidden: false, rows: [] }]);
    const first = samples[0];
    if (!first) throw new Error("no sample");
    render(
      <App
        strings={stringsFor("zh-CN")}
        workbook={workbook}
        files={fakeFiles(books)}
        today={today}
      />
    );
    fireEvent.click(screen.getByRole("tab", { name: /^汇总/ }));
    pick("选择报送文件", [chosen(first.file)]);
    fireEvent.click(screen.getByRole("button", { name: "开始汇总" }));
    fireEvent.click(await screen.findByRole("button", { name: "写入本工作簿" }));
    await screen.findByText(/已写入汇总表/);
    const reads: string[][] = [];
    const read = workbook.read;
    workbook.read = async (names) => (reads.push([...names]), read(names));
    fireEvent.click(screen.getByRole("button", { name: "开始汇总" }));
    await screen.findByText(/^完成：/);
    expect(reads[0]).toEqual([
      REPORT_SHEETS.summary,
      REPORT_SHEETS.detail,
      REPORT_SHEETS.issues,
      "_dabiao",
    ]);
  });

  it("will not write a report into a workbook that holds a scoresheet, and says why", async () => {
    const workbook = fakeWorkbook([{ name: SCORESHEET, hidden: false, rows: [] }]);
    render(
      <App
        strings={stringsFor("zh-CN")}
        workbook={workbook}
        files={fakeFiles(books)}
        today={today}
      />
    );
    fireEvent.click(await screen.findByRole("tab", { name: /^汇总/ }));
    pick("选择报送文件", files().slice(0, 2));
    fireEvent.click(screen.getByRole("button", { name: "开始汇总" }));
    fireEvent.click(await screen.findByRole("button", { name: "写入本工作簿" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/含有打分表.*下载汇总报告/);
    expect(workbook.rendered).toHaveLength(0);
  });

  it("outside Excel downloads the report workbook", async () => {
    const io = fakeFiles(books);
    render(<App strings={stringsFor("zh-CN")} workbook={null} files={io} today={today} />);
    fireEvent.click(screen.getByRole("tab", { name: /^汇总/ }));
    pick("选择报送文件", files());
    fireEvent.click(screen.getByRole("button", { name: "开始汇总" }));
    fireEvent.click(await screen.findByRole("button", { name: "下载汇总报告" }));
    await waitFor(() => expect(io.saved).toHaveLength(1));
    expect(io.saved[0]?.name).toBe("汇总报告.xlsx");
    expect(io.saved[0]?.spec?.sheets[0]?.name).toBe(REPORT_SHEETS.summary);
  });
});

describe("合并汇总 with a roster (名册)", () => {
  const committee = (samples[0]?.typed.header.committee as string | undefined) ?? "";
  const names = samples.map((x) => x.typed.header.name as string);
  const rosterRows = (rows: readonly (readonly string[])[]): WorkbookSnapshot =>
    specToSnapshot(
      singleSheetWorkbook(
        rosterSheet(
          rows.map(([c = "", n = ""]) => ({
            committee: c,
            name: n,
            leader: "李明",
            contact: "13800000000",
            type: null,
            stars: null,
          }))
        )
      )
    );
  const roster = rosterRows([
    ...samples.map((x) => [x.typed.header.committee as string, x.typed.header.name as string]),
    [committee, "从未报送的党支部"],
  ]);

  it("uses the open workbook's 名册 sheet, says so, and lists who did not submit", async () => {
    const workbook = fakeWorkbook([...roster.sheets]);
    render(
      <App
        strings={stringsFor("zh-CN")}
        workbook={workbook}
        files={fakeFiles(books)}
        today={today}
      />
    );
    fireEvent.click(screen.getByRole("tab", { name: /^汇总/ }));
    expect(
      await screen.findByText(`将使用本工作簿的“名册”表（${names.length + 1} 个党支部）。`)
    ).toBeTruthy();
    pick("选择报送文件", files());
    fireEvent.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(await screen.findByText(/^完成：/)).toBeTruthy();
    expect(
      screen.getByText(
        `名册 ${names.length + 1} 个党支部：已报送 ${new Set(names).size} 个，未报送 1 个，名册外 0 个（名单见“收齐情况”）。`
      )
    ).toBeTruthy();
  });

  it("a chosen roster file is read and checked on the spot; a bad one stops the run, naming its cells", async () => {
    const bad = rosterRows([
      [committee, "第一党支部"],
      ["", "第二党支部"],
    ]);
    const io = fakeFiles({ ...books, "bad-roster": bad });
    render(<App strings={stringsFor("zh-CN")} workbook={null} files={io} today={today} />);
    fireEvent.click(screen.getByRole("tab", { name: /^汇总/ }));
    expect(screen.getByTestId("roster").textContent).toMatch(/^名册列出本党委的全部党支部/);
    pick("选择名册（可选）", [chosen("名册.xlsx", "bad-roster")]);
    await waitFor(() =>
      expect(screen.getByTestId("roster").textContent).toMatch(
        /^名册“名册.xlsx”有问题，请改正后再汇总：A4 第 4 行没有填写所属党委/
      )
    );
    pick("选择报送文件", files());
    fireEvent.click(screen.getByRole("button", { name: "开始汇总" }));
    expect(await screen.findByText(/^开始汇总失败：名册“名册.xlsx”有问题/)).toBeTruthy();
  });
});

describe("consolidateFiles", () => {
  it("yields to the page between files (a macrotask each) and reports progress in order", async () => {
    const seen: string[] = [];
    let ticks = 0;
    const interval = setInterval(() => ticks++, 0);
    try {
      const c = await consolidateFiles(
        files(),
        fakeFiles(books),
        { rubric: DEFAULT_RUBRIC, today: today(), acceptOtherRubric: false },
        (p: Progress) => seen.push(p.phase === "reading" ? `${p.done}/${p.total}` : "merging")
      );
      expect(c.inputs).toHaveLength(samples.length + 1);
      expect(c.inputs.map((i) => i.status).filter((s) => s === "rejected")).toHaveLength(1);
    } finally {
      clearInterval(interval);
    }
    expect(seen).toEqual([...files().map((_, i) => `${i}/${samples.length + 1}`), "merging"]);
    // Timers ran while the files were read: the work did not hold the page for its whole length.
    expect(ticks).toBeGreaterThan(0);
  });
});
