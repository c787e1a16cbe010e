/* global Office */
// Starting inside Office: whether to fetch office.js at all, then what Office says about the host.
// Outside Office (a plain browser, e.g. for WPS users) the page never requests office.js, so nothing
// leaves the machine; inside Office the manifest's URL says so.

/** The query parameter the manifest puts on the task pane's URL. */
export const OFFICE_MARKER = "office";

/** True when Office opened the page: the manifest's `?office=1`, or the `_host_Info` Office appends. */
export function openedByOffice(search: string): boolean {
  const query = new URLSearchParams(search);
  return query.get(OFFICE_MARKER) === "1" || query.has("_host_Info");
}

/** Adds office.js to the page and waits for it; rejects when it cannot be fetched in time. */
export function loadScript(src: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    const timer = setTimeout(() => reject(new Error(`加载 ${src} 超时`)), timeoutMs);
    script.src = src;
    script.onload = () => {
      clearTimeout(timer);
      resolve();
    };
    script.onerror = () => {
      clearTimeout(timer);
      reject(new Error(`无法加载 ${src}`));
    };
    document.head.appendChild(script);
  });
}

/** The requirement set every feature of the task pane needs (validations, onCalculated, enableEvents). */
export const REQUIRED_API = { set: "ExcelApi", version: "1.8" } as const;
/** Print setup and filters need 1.9; below it they are skipped (the downloaded .xlsx still has them). */
export const PRINT_API = { set: "ExcelApi", version: "1.9" } as const;

/** What the add-in found when it started. */
export type OfficeStart =
  | { readonly host: "excel"; readonly language: string; readonly printSetup: boolean }
  | {
      readonly host: "unsupported";
      readonly language: string;
      readonly hostName: string;
      readonly reason: "host" | "version";
    }
  | { readonly host: "none" };

/** Waits for Office to say where the page runs; no Office (plain browser) when office.js is absent or silent. */
export async function startOffice(waitMs: number): Promise<OfficeStart> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function")
    return { host: "none" };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs));
  const info = await Promise.race([Office.onReady(), timeout]);
  if (!info || !info.host) return { host: "none" };
  const language = Office.context?.displayLanguage ?? "zh-CN";
  if (info.host !== Office.HostType.Excel)
    return { host: "unsupported", language, hostName: String(info.host), reason: "host" };
  const supports = (api: { set: string; version: string }): boolean =>
    Office.context.requirements.isSetSupported(api.set, api.version);
  if (!supports(REQUIRED_API))
    return { host: "unsupported", language, hostName: "Excel", reason: "version" };
  return { host: "excel", language, printSetup: supports(PRINT_API) };
}
