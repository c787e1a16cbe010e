// Whether to fetch office.js at all. Outside Office (a plain browser, e.g. for WPS users) the page
// never requests it, so nothing leaves the machine; inside Office the manifest's URL says so.

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
