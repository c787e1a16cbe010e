/* global Office */
// Starting inside Office: whether Office opened the page, then what Office says about the host.
// taskpane.html references office.js from <head> only when Office opened the page (the manifest's
// URL says so); outside Office (a plain browser, e.g. for WPS users) nothing leaves the machine.

/** The query parameter the manifest puts on the task pane's URL. */
export const OFFICE_MARKER = "office";

/** True when Office opened the page: the manifest's `?office=1`, or the `_host_Info` Office appends. */
export function openedByOffice(search: string): boolean {
  const query = new URLSearchParams(search);
  return query.get(OFFICE_MARKER) === "1" || query.has("_host_Info");
}

/** The requirement set every feature of the task pane needs (validations, onCalculated, enableEvents). */
export const REQUIRED_API = { set: "ExcelApi", version: "1.8" } as const;
/** Print setup and filters need 1.9; below it they are skipped (the downloaded .xlsx still has them). */
export const PRINT_API = { set: "ExcelApi", version: "1.9" } as const;

/** What the add-in found when it started. */
export type OfficeStart =
  | {
      readonly host: "excel";
      readonly language: string;
      readonly printSetup: boolean;
      /** Excel for Mac: its pane cannot download files (office-js #2700). */
      readonly mac: boolean;
    }
  | {
      readonly host: "unsupported";
      readonly language: string;
      readonly hostName: string;
      readonly reason: "host" | "version";
    }
  | { readonly host: "none" }
  /** office.js is not on the page: it could not be fetched. */
  | { readonly host: "absent" }
  /** office.js is there but Office did not answer in time. */
  | { readonly host: "silent" };

/** How long Office may take to answer: Microsoft's hosts can take several seconds on a slow PC. */
export const OFFICE_READY_WAIT_MS = 20_000;

/** Waits for Office to say where the page runs: Excel, another host, none (a plain browser), or no answer. */
export async function startOffice(waitMs: number = OFFICE_READY_WAIT_MS): Promise<OfficeStart> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function")
    return { host: "absent" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"silent">((resolve) => {
    timer = setTimeout(() => resolve("silent"), waitMs);
  });
  const info = await Promise.race([Office.onReady(), timeout]);
  clearTimeout(timer);
  if (info === "silent") return { host: "silent" };
  if (!info.host) return { host: "none" };
  const language = Office.context?.displayLanguage ?? "zh-CN";
  if (info.host !== Office.HostType.Excel)
    return { host: "unsupported", language, hostName: String(info.host), reason: "host" };
  const supports = (api: { set: string; version: string }): boolean =>
    Office.context.requirements.isSetSupported(api.set, api.version);
  if (!supports(REQUIRED_API))
    return { host: "unsupported", language, hostName: "Excel", reason: "version" };
  const mac = String(info.platform) === String(Office.PlatformType?.Mac ?? "Mac");
  return { host: "excel", language, printSetup: supports(PRINT_API), mac };
}

/** Opens a page in the user's default browser, outside Office (where downloads work). */
export function openInBrowser(url: string): void {
  Office.context.ui.openBrowserWindow(url);
}
