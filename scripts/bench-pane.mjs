// Child process of scripts/bench.mjs: the task pane consolidating a folder of .xlsx files in headless
// Chromium, as a committee does it: 汇总 tab, choose the files, 开始汇总, until the tier counts show.
//   node scripts/bench-pane.mjs DIR
// Uses the production build in .bench-cache/pane-dist/ (built here with webpack when src/ is newer)
// served on 127.0.0.1, and Debian's Chromium (CHROMIUM=… points elsewhere) through playwright-core.
// Prints one JSON line: ms from the click on 开始汇总 to the result, the files, the browser's
// navigator.hardwareConcurrency (the pane's worker starts that many analyse workers, capped), and the
// main thread's longest task.
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, ".bench-cache", "pane-dist");
const INPUTS = ["src", "webpack.config.js", "package.json"];
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/bench-pane.mjs DIR");
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or CHROMIUM=…)`);
  process.exit(3);
}

const newest = (path) => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const report = join(DIST, "build-report.json");
if (
  !existsSync(report) ||
  statSync(report).mtimeMs < Math.max(...INPUTS.map((p) => newest(join(ROOT, p))))
) {
  process.stderr.write("  building the task pane (webpack --mode production) for the bench\n");
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "webpack", "bin", "webpack.js"),
      "--mode",
      "production",
      "--output-path",
      DIST,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ADDIN_BASE_URL: "https://dabiao.example.gov.cn/addin/",
        OFFICE_JS_LOCAL: "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    }
  );
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
  const file = normalize(join(DIST, path));
  if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile())
    return void res.writeHead(404).end();
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const files = readdirSync(dir)
  .filter((n) => n.toLowerCase().endsWith(".xlsx") && !n.startsWith("."))
  .sort()
  .map((n) => join(dir, n));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
});
try {
  const context = await browser.newContext({
    viewport: { width: 350, height: 900 },
    locale: "zh-CN",
  });
  // Nothing leaves the machine: office.js from the CDN and the like are refused.
  await context.route(
    (u) => !u.href.startsWith(url),
    (route) => route.abort()
  );
  const page = await context.newPage();
  await page.addInitScript(`
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: "longtask", buffered: true });`);
  await page.goto(`${url}taskpane.html`);
  await page.getByRole("tab", { name: "汇总" }).click();
  await page.locator('input[type="file"]').first().setInputFiles(files);
  await page.getByText(`已选 ${files.length} 个文件`).waitFor();
  await page.evaluate(() => (window.__longest = 0));
  const started = await page.evaluate(() => performance.now());
  await page.getByRole("button", { name: "开始汇总" }).click();
  await page.getByTestId("tier-counts").waitFor({ timeout: 900_000 });
  const ended = await page.evaluate(() => performance.now());
  const { workers, longest } = await page.evaluate(() => ({
    workers: navigator.hardwareConcurrency,
    longest: window.__longest,
  }));
  process.stdout.write(
    `${JSON.stringify({ ms: ended - started, files: files.length, cores: workers, longestTaskMs: Math.round(longest) })}\n`
  );
} finally {
  await browser.close();
  server.close();
}
