import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launch } from "./browser";
import { productionBuild } from "./production-build";
import { serveFolder } from "./static-server";

/** Where the e2e runs leave their screenshots: docs/screenshots with SCREENSHOTS_DIR=docs/screenshots, else out/screenshots. */
const SHOTS = join(
  __dirname,
  "..",
  "..",
  process.env["SCREENSHOTS_DIR"] ?? join("out", "screenshots")
);

/** The production build served on 127.0.0.1 and a browser, with every URL the page requests recorded. */
export interface PaneSession {
  readonly url: string;
  readonly browser: Browser;
  /** Opens the task pane at task-pane width (350 px), Chinese, recording requests. */
  open(
    query?: string,
    initScript?: string
  ): Promise<{ page: Page; requests: string[]; errors: string[] }>;
  close(): Promise<void>;
}

export async function paneSession(): Promise<PaneSession> {
  const server = await serveFolder(productionBuild());
  const browser = await launch();
  return {
    url: server.url,
    browser,
    open: async (query = "", initScript) => {
      const context = await browser.newContext({
        viewport: { width: 350, height: 900 },
        locale: "zh-CN",
        acceptDownloads: true,
      });
      // Nothing may leave the machine, even in a test that proves the page asks: such requests are recorded, then aborted here.
      await context.route(
        (url) => !isLoopback(url.href),
        (route) => route.abort()
      );
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("pageerror", (e) => errors.push(e.message));
      if (initScript) await page.addInitScript({ content: initScript });
      await page.goto(`${server.url}taskpane.html${query}`);
      return { page, requests, errors };
    },
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** Saves a screenshot of the pane as the user sees it (350 × 900) under a name (docs/screenshots/NAME.png when asked for). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // Fluent animates the tab indicator and message bars; let them settle so the picture shows the screen at rest.
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** True for a request that stayed on this machine. */
export function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "blob:" || protocol === "data:" || hostname === "127.0.0.1";
}
