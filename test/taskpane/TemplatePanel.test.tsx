/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { META_SHEET, SCORESHEET } from "../../src/core";
import { App } from "../../src/taskpane/components/App";
import { stringsFor } from "../../src/taskpane/strings";
import { fakeFiles, fakeWorkbook } from "./fakes";

const today = () => new Date(2019, 4, 20);
const cellValue = (
  spec: { sheets: readonly { name: string; cells: readonly { ref: string; value?: unknown }[] }[] },
  sheet: string,
  ref: string
) => spec.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.ref === ref)?.value;

describe("插入打分表", () => {
  it("inserts the template with the chosen branch type into the open workbook", async () => {
    const workbook = fakeWorkbook([{ name: "Sheet1", hidden: false, rows: [] }]);
    render(
      <App strings={stringsFor("zh-CN")} workbook={workbook} files={fakeFiles()} today={today} />
    );
    fireEvent.change(screen.getByRole("combobox", { name: "支部类型" }), {
      target: { value: "社区" },
    });
    fireEvent.click(screen.getByRole("button", { name: "插入打分表" }));
    expect(await screen.findByText(/已插入打分表/)).toBeTruthy();
    const spec = workbook.rendered[0];
    expect(spec?.sheets.map((s) => s.name)).toEqual([SCORESHEET, "填表说明", META_SHEET]);
    expect(cellValue(spec ?? { sheets: [] }, SCORESHEET, "C4")).toBe("社区");
  });

  it("asks before replacing an existing scoresheet, and keeps it when the user cancels", async () => {
    const workbook = fakeWorkbook([{ name: SCORESHEET, hidden: false, rows: [] }]);
    render(
      <App strings={stringsFor("zh-CN")} workbook={workbook} files={fakeFiles()} today={today} />
    );
    // A workbook with a scoresheet opens on the check tab; the branch officer goes back to 打分表.
    await screen.findByRole("tab", { name: "检查", selected: true });
    fireEvent.click(screen.getByRole("tab", { name: /^打分表/ }));
    fireEvent.click(screen.getByRole("button", { name: "插入打分表" }));
    expect(await screen.findByText(/插入新表会替换它/)).toBeTruthy();
    expect(workbook.rendered).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "取消" }));
    fireEvent.click(screen.getByRole("button", { name: "插入打分表" }));
    fireEvent.click(await screen.findByRole("button", { name: "替换现有打分表" }));
    await waitFor(() => expect(workbook.rendered).toHaveLength(1));
  });

  it("shows Excel's refusal in Chinese instead of failing silently", async () => {
    const workbook = fakeWorkbook();
    workbook.failRender = "The workbook is protected.";
    render(
      <App strings={stringsFor("zh-CN")} workbook={workbook} files={fakeFiles()} today={today} />
    );
    fireEvent.click(screen.getByRole("button", { name: "插入打分表" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "插入打分表失败：The workbook is protected."
    );
  });

  it("outside Excel downloads the template file instead", async () => {
    const files = fakeFiles();
    render(<App strings={stringsFor("zh-CN")} workbook={null} files={files} today={today} />);
    expect(screen.getByText(/未检测到 Excel/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "下载打分表模板" }));
    await waitFor(() => expect(files.saved).toHaveLength(1));
    expect(files.saved[0]?.name).toBe("打分表模板.xlsx");
    expect(files.saved[0]?.spec?.sheets[0]?.name).toBe(SCORESHEET);
  });
});
