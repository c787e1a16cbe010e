import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium; CHROMIUM=… points elsewhere. Nothing here downloads a browser. */
export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

/** True when the browser is there; under CI a missing browser is a failure, never a skip. */
export function haveChromium(): boolean {
  const there = existsSync(CHROMIUM);
  if (!there && process.env["CI"] === "true")
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  return there;
}

/** Headless Chromium as the tests and screenshots use it. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
}
