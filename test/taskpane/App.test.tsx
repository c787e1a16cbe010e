/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import { RUBRIC_SHEET, rubricSheet, DEFAULT_RUBRIC } from "../../src/core";
import { App } from "../../src/taskpane/components/App";
import { Unsupported } from "../../src/taskpane/components/Unsupported";
import { CATALOGUES, stringsFor } from "../../src/taskpane/strings";
import { snapshotOf } from "../support/spec-to-snapshot";
import { fakeFiles, fakeWorkbook } from "./fakes";

const today = () => new Date(2019, 4, 20);
/** The tabs' names (Fluent also renders a hidden bold copy of each label to reserve its width). */
const tabNames = () =>
  screen.getAllByRole("tab").map((t) => t.querySelector(".fui-Tab__content")?.textContent);

/** Every key path of a catalogue, functions included. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]
  );
}

describe("the task pane", () => {
  it("offers five flows in Excel and the four file-based ones in a browser", () => {
    const { unmount } = render(
      <App
        strings={stringsFor("zh-CN")}
        workbook={fakeWorkbook()}
        files={fakeFiles()}
        today={today}
      />
    );
    expect(tabNames()).toEqual(["打分表", "检查", "汇总", "名单", "评分标准"]);
    unmount();
    render(<App strings={stringsFor("zh-CN")} workbook={null} files={fakeFiles()} today={today} />);
    expect(tabNames()).toEqual(["打分表", "检查", "汇总", "评分标准"]);
  });

  it("speaks English when Office's display language is English, Chinese otherwise", () => {
    expect(stringsFor("en-US").tabs.check).toBe("Check");
    expect(stringsFor("en-GB").tabs.check).toBe("Check");
    expect(stringsFor("zh-CN").tabs.check).toBe("检查");
    expect(stringsFor("zh-TW").tabs.check).toBe("检查");
    render(
      <App
        strings={stringsFor("en-US")}
        workbook={fakeWorkbook()}
        files={fakeFiles()}
        today={today}
      />
    );
    expect(screen.getByRole("tab", { name: "Merge" })).toBeTruthy();
  });

  it("has the same messages in both languages", () => {
    expect(keys(CATALOGUES["en-US"])).toEqual(keys(CATALOGUES["zh-CN"]));
  });

  it("scores with the workbook's own 评分标准 sheet when it has one", async () => {
    const sheet = snapshotOf(rubricSheet({ ...DEFAULT_RUBRIC, version: "2020.1" }));
    render(
      <App
        strings={stringsFor("zh-CN")}
        workbook={fakeWorkbook([sheet])}
        files={fakeFiles()}
        today={today}
      />
    );
    expect(await screen.findByText(/本工作簿的“评分标准”表（.*2020\.1）/)).toBeTruthy();
    expect(sheet.name).toBe(RUBRIC_SHEET);
  });

  it("tells an Excel without the needed features what to do, in Chinese", () => {
    const t = stringsFor("zh-CN");
    render(<Unsupported title={t.appTitle} message={t.unsupportedVersion} />);
    expect(screen.getByRole("alert").textContent).toMatch(
      /Excel 版本过旧.*Office 2021\/2024.*Office 2019/
    );
  });
});
