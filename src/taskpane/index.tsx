import { createRoot } from "react-dom/client";
import { listSheets, readSheets, selectCell } from "../adapters/office/read";
import { renderWorkbook } from "../adapters/office/render";
import { loadScript, openedByOffice, startOffice } from "../adapters/office/start";
import { watchSheets } from "../adapters/office/watch";
import { App } from "./components/App";
import { Unsupported } from "./components/Unsupported";
import type { WorkbookPort } from "./ports";
import { stringsFor } from "./strings";
import { browserFiles } from "./xlsx-files";

/** Where office.js comes from: Microsoft's CDN, or the add-in's own server when built with OFFICE_JS_LOCAL=1. */
declare const OFFICE_JS_URL: string;

const today = (): Date => new Date();

/** Starts the pane: office.js only when Office opened the page, then the App with the Office.js adapter wired in. */
async function boot(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  const root = createRoot(container);
  let notice: string | undefined;
  if (openedByOffice(window.location.search) && !("Office" in window)) {
    await loadScript(OFFICE_JS_URL, 15_000).catch((e: unknown) => {
      notice = `${e instanceof Error ? e.message : String(e)}。Office 功能不可用，可用下面的文件方式。`;
    });
  }
  const start = await startOffice(3_000);
  if (start.host === "unsupported") {
    const t = stringsFor(start.language);
    root.render(
      <Unsupported
        title={t.appTitle}
        message={
          start.reason === "version" ? t.unsupportedVersion : t.unsupportedHost(start.hostName)
        }
      />
    );
    return;
  }
  const workbook: WorkbookPort | null =
    start.host === "excel"
      ? {
          listSheets,
          render: async (spec) =>
            void (await renderWorkbook(spec, {
              printSetup: start.printSetup,
              rangeAreas: start.printSetup,
            })),
          read: readSheets,
          select: selectCell,
          watch: watchSheets,
        }
      : null;
  const strings = stringsFor(start.host === "excel" ? start.language : "zh-CN");
  root.render(
    <App
      strings={strings}
      workbook={workbook}
      files={browserFiles}
      today={today}
      {...(notice && { notice })}
    />
  );
}

boot().catch((e: unknown) => {
  // Nothing rendered yet: say so in the page rather than leave it blank.
  document.body.textContent = `支部达标创建助手启动失败：${e instanceof Error ? e.message : String(e)}`;
});
