import { createRoot, type Root } from "react-dom/client";
import { listSheets, readSheets, selectCell } from "../adapters/office/read";
import { renderWorkbook } from "../adapters/office/render";
import {
  OFFICE_READY_WAIT_MS,
  openedByOffice,
  openInBrowser,
  startOffice,
  type OfficeStart,
} from "../adapters/office/start";
import { watchSheets } from "../adapters/office/watch";
import { App } from "./components/App";
import { nextTask } from "./consolidate-files";
import { workerConsolidation } from "./consolidation-worker-client";
import { Connecting, StartProblem } from "./components/StartProblem";
import { Unsupported } from "./components/Unsupported";
import type { WorkbookPort } from "./ports";
import { stringsFor } from "./strings";
import { browserFiles, filesWithoutDownloads } from "./xlsx-files";

const today = (): Date => new Date();

/** Set by the build: a new value per build, so a cached worker script is never paired with a newer pane. */
declare const BUILD_STAMP: string;

/** 合并汇总 in a Web Worker (consolidation-worker.ts, its own webpack entry), started on first use. */
const consolidation =
  typeof Worker === "function"
    ? workerConsolidation(() => new Worker(`consolidation-worker.js?v=${BUILD_STAMP}`))
    : undefined;

/** Set by taskpane.html's inline check when the engine cannot run the bundle; it has said why. */
declare global {
  interface Window {
    __dabiaoEngineTooOld?: boolean;
  }
}

/** The App with the Office.js adapter wired in, or without a workbook (browser, or when the user chose files). */
function renderApp(root: Root, start: Extract<OfficeStart, { host: "excel" }> | null): void {
  const workbook: WorkbookPort | null = start
    ? {
        listSheets,
        render: async (spec, draw) =>
          void (await renderWorkbook(spec, {
            printSetup: start.printSetup,
            rangeAreas: start.printSetup,
            nextTask,
            ...draw,
          })),
        read: readSheets,
        select: selectCell,
        watch: watchSheets,
      }
    : null;
  const strings = stringsFor(start ? start.language : "zh-CN");
  // The same page outside Office: no ?office=1, so it opens in the browser mode.
  const page = `${window.location.origin}${window.location.pathname}`;
  const files = start?.mac
    ? filesWithoutDownloads(browserFiles, () => openInBrowser(page), strings.start.macDownload)
    : browserFiles;
  root.render(
    <App
      strings={strings}
      workbook={workbook}
      files={files}
      today={today}
      {...(consolidation && { consolidation })}
    />
  );
}

/**
 * Starts the pane. Opened by Office: "正在连接 Excel…" while office.js (referenced from <head>)
 * waits for Office, then the App, or — when office.js is missing or Excel does not answer — the
 * reason with 重试, never a silent fall into the browser mode. Anywhere else: the file flows.
 */
async function boot(): Promise<void> {
  if (window.__dabiaoEngineTooOld) return;
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  const root = createRoot(container);
  if (!openedByOffice(window.location.search)) {
    renderApp(root, null);
    return;
  }
  const t = stringsFor(navigator.language);
  root.render(<Connecting label={t.start.connecting} />);
  const start = await startOffice(OFFICE_READY_WAIT_MS);
  if (start.host === "excel") renderApp(root, start);
  else if (start.host === "none") renderApp(root, null);
  else if (start.host === "unsupported") {
    const s = stringsFor(start.language);
    root.render(
      <Unsupported
        title={s.appTitle}
        message={
          start.reason === "version" ? s.unsupportedVersion : s.unsupportedHost(start.hostName)
        }
      />
    );
  } else
    root.render(
      <StartProblem
        title={t.appTitle}
        message={
          start.host === "absent"
            ? t.start.officeJsMissing
            : t.start.excelSilent(OFFICE_READY_WAIT_MS / 1000)
        }
        retry={t.start.retry}
        useFiles={t.start.useFiles}
        onRetry={() => window.location.reload()}
        onUseFiles={() => renderApp(root, null)}
      />
    );
}

boot().catch((e: unknown) => {
  // Nothing rendered yet: say so in the page rather than leave it blank.
  document.body.textContent = `支部达标创建助手启动失败：${e instanceof Error ? e.message : String(e)}`;
});
