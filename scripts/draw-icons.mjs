// Draws the add-in's icons (assets/icon-16/32/64/80.png) from SVG with headless Chromium:
// a red tile with a gold 达 and a check badge (at 16 px just the check, which stays legible).
// Run: node scripts/draw-icons.mjs   (uses Debian's /usr/bin/chromium; CHROMIUM=… to point elsewhere)
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const RED = "#C8102E";
const DARK_RED = "#9E0B22";
const GOLD = "#FFD54A";
const FONT = `"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif`;

/** The icon at one size, drawn on a 100-unit grid. */
function svg(size) {
  const tile = `<rect x="2" y="2" width="96" height="96" rx="18" fill="${RED}"/><rect x="2" y="78" width="96" height="20" rx="0" fill="${DARK_RED}" opacity="0.35"/>`;
  if (size <= 16) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">${tile}
      <path d="M22 52 L42 72 L80 28" fill="none" stroke="${GOLD}" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">${tile}
    <text x="44" y="70" text-anchor="middle" font-family='${FONT}' font-weight="900" font-size="66" fill="${GOLD}">达</text>
    <circle cx="76" cy="74" r="19" fill="#FFFFFF" stroke="${GOLD}" stroke-width="4"/>
    <path d="M66 74 L73.5 81.5 L86 66" fill="none" stroke="${RED}" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
});
try {
  mkdirSync(join(ROOT, "assets"), { recursive: true });
  for (const size of [16, 32, 64, 80]) {
    const page = await browser.newPage({
      viewport: { width: size, height: size },
      deviceScaleFactor: 1,
    });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${svg(size)}</body></html>`
    );
    await page.evaluate(() => document.fonts.ready);
    const file = join(ROOT, "assets", `icon-${size}.png`);
    await page.screenshot({
      path: file,
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    await page.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
