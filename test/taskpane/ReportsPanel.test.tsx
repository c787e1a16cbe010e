/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import {
  buildTemplate,
  consolidate,
  DEFAULT_RUBRIC,
  fillTemplate,
  REPORT_SHEETS,
  rubricSheet,
  RUBRIC_SHEET,
  sampleBranches,
  reportAt,
} from "../../src/core";
import { App } from "../../src/taskpane/components/App";
import { stringsFor } from "../../src/taskpane/strings";
import { specToSnapshot } from "../support/spec-to-snapshot";
import { fakeFiles, fakeWorkbook } from "./fakes";

const today = () => new Date(2019, 4, 20);
const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-05-01T00:00:00Z" });
const inputs = sampleBranches(DEFAULT_RUBRIC).map((s, i) => ({
  file: s.file,
  modified: i,
  book: specToSnapshot(fillTemplate(template, DEFAULT_RUBRIC, s.typed)),
}));
const c = consolidate(inputs, { rubric: DEFAULT_RUBRIC, today: today() });
const report = specToSnapshot(reportAt(c, DEFAULT_RUBRIC, today()));

describe("一键生成推荐名单", () => {
  it("rebuilds the 推荐名单 from the report in this workbook, with the unit on the stamp line", async () => {
    const workbook = fakeWorkbook(report.sheets);
    render(
      <App strings={stringsFor("zh-CN")} workbook={workbook} files={fakeFiles()} today={today} />
    );
    // A workbook holding a report opens on the lists tab.
    await screen.findByRole("tab", { name: "名单", selected: true });
    fireEvent.change(screen.getByLabelText("单位名称（盖章处）"), {
      target: { value: "市财政局机关党委" },
    });
    fireEvent.click(screen.getByRole("button", { name: "生成推荐名单" }));
    expect(await screen.findByText("已生成“推荐名单”工作表。")).toBeTruthy();
    const sheet = workbook.rendered[0]?.sheets[0];
    expect(sheet?.name).toBe(REPORT_SHEETS.recommend);
    expect(
      sheet?.cells.some(
        (cell) => "value" in cell && cell.value === "单位（盖章）：市财政局机关党委"
      )
    ).toBe(true);
    expect(screen.getByTestId("recommendation").textContent).toMatch(
      new RegExp(`共 ${c.branches.length} 个党支部，应推荐不少于 ${c.recommendation.required} 个`)
    );
  });

  it("writes the other report sheets one click each", async () => {
    const workbook = fakeWorkbook(report.sheets);
    render(
      <App strings={stringsFor("zh-CN")} workbook={workbook} files={fakeFiles()} today={today} />
    );
    await screen.findByRole("tab", { name: "名单", selected: true });
    for (const label of ["生成公示名单", "生成抽验名单", "生成工作情况报告", "生成统计"]) {
      fireEvent.click(screen.getByRole("button", { name: label }));
      await waitFor(() => expect(screen.queryByText(/^已生成“/)).toBeTruthy());
    }
    expect(workbook.rendered.map((s) => s.sheets[0]?.name)).toEqual([
      REPORT_SHEETS.publicity,
      REPORT_SHEETS.sample,
      REPORT_SHEETS.work,
      REPORT_SHEETS.stats,
    ]);
  });

  it("says so when the workbook holds no report", async () => {
    render(
      <App
        strings={stringsFor("zh-CN")}
        workbook={fakeWorkbook()}
        files={fakeFiles()}
        today={today}
      />
    );
    fireEvent.click(screen.getByRole("tab", { name: /^名单/ }));
    fireEvent.click(screen.getByRole("button", { name: "生成推荐名单" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/还没有汇总报告/);
  });
});

describe("评分标准", () => {
  it("lists a broken rubric sheet's problems with their cells and goes to one on click", async () => {
    const good = rubricSheet(DEFAULT_RUBRIC);
    const broken = {
      ...good,
      cells: good.cells.map((cell) =>
        "value" in cell && cell.value === "评判" ? { ...cell, value: "打分吧" } : cell
      ),
    };
    const workbook = fakeWorkbook([
      specToSnapshot({ sheets: [broken], styles: {}, properties: { title: "", creator: "" } })
        .sheets[0] ?? { name: RUBRIC_SHEET, hidden: false, rows: [] },
    ]);
    render(
      <App strings={stringsFor("zh-CN")} workbook={workbook} files={fakeFiles()} today={today} />
    );
    fireEvent.click(screen.getByRole("tab", { name: /^评分标准/ }));
    fireEvent.click(screen.getByRole("button", { name: "检查评分标准" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/发现 \d+ 处问题/);
    const links = screen.getAllByTitle(/^转到 /);
    expect(screen.getAllByText(/计分方式“打分吧”无法识别/).length).toBeGreaterThan(0);
    fireEvent.click(links[0] as HTMLElement);
    await waitFor(() => expect(workbook.selected[0]).toMatch(/^评分标准!E\d+$/));
  });

  it("checks a good rubric sheet, uses it from then on, and publishes a template from it", async () => {
    const edited = rubricSheet({ ...DEFAULT_RUBRIC, name: "某县评分标准", version: "2020.1" });
    const workbook = fakeWorkbook(
      specToSnapshot({ sheets: [edited], styles: {}, properties: { title: "", creator: "" } })
        .sheets
    );
    const io = fakeFiles();
    render(<App strings={stringsFor("zh-CN")} workbook={workbook} files={io} today={today} />);
    fireEvent.click(screen.getByRole("tab", { name: /^评分标准/ }));
    fireEvent.click(screen.getByRole("button", { name: "检查评分标准" }));
    expect(await screen.findByText(/评分标准无误：某县评分标准（2020\.1）/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "发布打分表模板" }));
    await waitFor(() => expect(io.saved).toHaveLength(1));
    const meta = io.saved[0]?.spec?.sheets.find((s) => s.name === "_dabiao");
    expect(meta?.cells.some((cell) => "value" in cell && cell.value === "2020.1")).toBe(true);
  });
});
