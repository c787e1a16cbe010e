/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import {
  buildTemplate,
  DEFAULT_RUBRIC,
  fillTemplate,
  sampleBranches,
  SCORESHEET,
  type TypedFilling,
} from "../../src/core";
import { App } from "../../src/taskpane/components/App";
import { stringsFor } from "../../src/taskpane/strings";
import { specToSnapshot } from "../support/spec-to-snapshot";
import { fakeFiles, fakeWorkbook } from "./fakes";

const today = () => new Date(2019, 4, 20);
const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-05-01T00:00:00Z" });
const filled = (typed: TypedFilling) =>
  specToSnapshot(fillTemplate(template, DEFAULT_RUBRIC, typed)).sheets;
const [model, weaker] = sampleBranches(DEFAULT_RUBRIC);

describe("检查与等次 (live)", () => {
  it("shows tier, total, section bars, the gap and the issues, and updates when the scoresheet changes", async () => {
    if (!model) throw new Error("no sample branch");
    const workbook = fakeWorkbook(filled(model.typed));
    render(
      <App strings={stringsFor("zh-CN")} workbook={workbook} files={fakeFiles()} today={today} />
    );
    // A workbook with a scoresheet opens on the check tab.
    const total = await screen.findByTestId("final-total");
    const first = total.textContent;
    expect(Number(first)).toBeGreaterThan(0);
    expect(screen.getByText("各部分得分")).toBeTruthy();
    expect(screen.getByTestId("gap").textContent).not.toBe("");
    expect(screen.getByRole("tab", { name: "检查", selected: true })).toBeTruthy();
    await waitFor(() => expect(workbook.watching).toHaveLength(1));

    // The branch officer types: every entry emptied, so the total drops and the tier falls.
    const emptied: TypedFilling = { ...model.typed, entries: {} };
    workbook.edit(filled(emptied).filter((s) => s.name === SCORESHEET));
    await waitFor(() => expect(screen.getByTestId("final-total").textContent).not.toBe(first));
    expect(Number(screen.getByTestId("final-total").textContent)).toBeLessThan(Number(first));
    expect(screen.getAllByText("未达标").length).toBeGreaterThan(0);
  });

  it("goes to the cell of an issue the user clicks", async () => {
    if (!weaker) throw new Error("no sample branch");
    const workbook = fakeWorkbook(
      filled({ ...weaker.typed, header: { ...weaker.typed.header, name: null } })
    );
    render(
      <App strings={stringsFor("zh-CN")} workbook={workbook} files={fakeFiles()} today={today} />
    );
    const link = await screen.findByTitle(/^转到 C3$/);
    fireEvent.click(link);
    await waitFor(() => expect(workbook.selected).toEqual(["打分表!C3"]));
  });

  it("says there is no scoresheet yet instead of showing an empty panel", async () => {
    render(
      <App
        strings={stringsFor("zh-CN")}
        workbook={fakeWorkbook([{ name: "Sheet1", hidden: false, rows: [] }])}
        files={fakeFiles()}
        today={today}
      />
    );
    fireEvent.click(screen.getByRole("tab", { name: "检查" }));
    expect(await screen.findByText(/还没有打分表/)).toBeTruthy();
  });
});
