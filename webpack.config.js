/* eslint-disable no-undef */
// webpack as in the `yo office` template: the task pane (taskpane.html + its bundle, the xlsx libraries
// in chunks of their own), the manifest with its URLs pointed at ADDIN_BASE_URL, the icons, and the
// browser library of the file-based flows (dist/dabiao-browser.js).
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

/** The URL the repository's manifest.xml points at: the dev server. */
const DEV_URL = "https://localhost:3000/";
const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_DIR = "office-js";
/**
 * The browser target of the bundle: ES2020 syntax, which the Chromium 86 cores of browsers common on
 * government PCs (and WebView2, Safari 16.4, Excel on the web's browsers) all parse. TypeScript
 * downlevels our code; third-party code newer than that is transpiled too (see NEWER_SYNTAX).
 */
const SYNTAX_TARGET = "ES2020";
/** What the bundle runs on, in words, for taskpane.html's comment. */
const BROWSER_TARGET =
  "ES2020: Chromium 86+ (WebView2, Edge, Chrome, 360/QQ and other Chromium-based browsers), Safari 16.4+";
/** What an engine older than that shows instead of 正在加载… (kept in step with strings.ts's unsupportedVersion). */
const OLD_ENGINE_MESSAGE =
  "浏览器或 Office 版本过旧，无法运行支部达标创建助手。能运行它的有：Microsoft 365 和使用 WebView2 的零售版 Office、Office 2021/2024、网页版 Excel、Mac 版 Excel（macOS 的 Safari 16.4 及以上）。批量许可版 Office 2019 及更早版本不能运行；请改用新版 Edge 或 Chrome 打开本页面，以文件方式使用。";
/** Third-party packages shipped with syntax newer than SYNTAX_TARGET (tabster: static blocks, `??=`). */
const NEWER_SYNTAX = ["tabster"];
/** Entries loaded by a fixed name: the browser library, and the workers (started by URL, the build stamp in the query). */
const FIXED_NAMES = ["dabiao-browser", "consolidation-worker", "analyse-worker"];
/** Packages that must stay out of the task pane's first download. */
const LAZY_PACKAGES = ["exceljs", "fflate", "saxes"];

/** ADDIN_BASE_URL with exactly one trailing slash, e.g. "https://oa.example.gov.cn/dabiao/". */
function baseUrl(dev) {
  const url = process.env.ADDIN_BASE_URL || DEV_URL;
  if (!dev && !process.env.ADDIN_BASE_URL)
    throw new Error(
      `ADDIN_BASE_URL is not set: a production build needs the server it is deployed to, e.g. ADDIN_BASE_URL=https://oa.example.gov.cn/dabiao/ npm run build (dist/manifest.xml would point at ${DEV_URL})`
    );
  if (!/^https:\/\//.test(url))
    throw new Error(
      `ADDIN_BASE_URL must be an https:// URL (Office loads add-ins over https only), got ${url}`
    );
  return url.replace(/\/*$/, "/");
}

/** The packages (node_modules names) whose modules a chunk holds. */
function packagesOf(compilation, chunk) {
  const names = new Set();
  const visit = (module) => {
    if (module.modules) module.modules.forEach(visit);
    const resource = module.resource || (module.rootModule && module.rootModule.resource) || "";
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(resource);
    if (m) names.add(m[1].replace(/\\/g, "/"));
  };
  for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) visit(module);
  return [...names].sort();
}

/** Prints the task pane's initial bundle size (gzipped) and writes dist/build-report.json for the tests. */
class BundleReport {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("BundleReport", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "BundleReport", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => report(compilation)
      );
    });
  }
}

/** Measures the entry's initial files and its on-demand chunks (gzip -9), and names the packages in each. */
function report(compilation) {
  const entry = compilation.entrypoints.get("taskpane");
  if (!entry) return;
  const size = (files) => {
    const sources = files
      .filter((f) => f.endsWith(".js"))
      .map((f) => compilation.getAsset(f).source.buffer());
    return {
      bytes: sources.reduce((n, b) => n + b.length, 0),
      gzipBytes: sources.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0),
    };
  };
  const initialChunks = entry.chunks;
  const initialFiles = [...new Set(initialChunks.flatMap((c) => [...c.files]))];
  const asyncChunks = [...new Set(initialChunks.flatMap((c) => [...c.getAllAsyncChunks()]))];
  const out = {
    initial: {
      files: initialFiles,
      ...size(initialFiles),
      packages: [...new Set(initialChunks.flatMap((c) => packagesOf(compilation, c)))].sort(),
    },
    async: asyncChunks.map((c) => ({
      name: c.name,
      files: [...c.files],
      ...size([...c.files]),
      packages: packagesOf(compilation, c),
    })),
    lazyPackages: LAZY_PACKAGES,
  };
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `task pane initial bundle: ${kb(out.initial.bytes)} (${kb(out.initial.gzipBytes)} gzipped) in ${out.initial.files.join(", ")}`
  );
  for (const c of out.async)
    console.log(
      `  on demand: ${c.name || c.files.join(",")} ${kb(c.bytes)} (${kb(c.gzipBytes)} gzipped)`
    );
  const leaked = LAZY_PACKAGES.filter((p) => out.initial.packages.includes(p));
  if (leaked.length > 0)
    compilation.errors.push(
      new webpack.WebpackError(
        `xlsx libraries in the task pane's initial chunk: ${leaked.join(", ")}`
      )
    );
  compilation.emitAsset(
    "build-report.json",
    new webpack.sources.RawSource(JSON.stringify(out, null, 2))
  );
}

/**
 * The dev server's https certificate from office-addin-dev-certs, which also makes the OS trust its CA.
 * Where it cannot (Linux without sudo, a locked-down PC) the generated files are used as they are, and
 * the CA file must be trusted by hand.
 */
async function devHttps() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    const file = (name) => fs.readFileSync(path.join(dir, name));
    if (!fs.existsSync(path.join(dir, "localhost.crt"))) throw e;
    console.warn(
      `Could not install the development CA (${e.message}). Serving with ${dir}/localhost.crt; trust ${dir}/ca.crt in the browser or OS.`
    );
    return { cert: file("localhost.crt"), key: file("localhost.key"), ca: file("ca.crt") };
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const url = baseUrl(dev);
  const localOfficeJs = process.env.OFFICE_JS_LOCAL === "1";
  const officeJsUrl = localOfficeJs ? `${OFFICE_JS_DIR}/office.js` : CDN_OFFICE_JS;
  const copies = [
    { from: "assets/icon-*.png", to: "assets/[name][ext]" },
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => content.toString().split(DEV_URL).join(url),
    },
  ];
  if (localOfficeJs) {
    const dir = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
    // Debug builds are left out: they double the size and Office never asks for them.
    copies.push({
      from: "**/*",
      context: dir,
      to: `${OFFICE_JS_DIR}/`,
      globOptions: { ignore: ["**/*.debug.js"] },
      // Microsoft ships it minified already; re-minifying 34 MB would take minutes.
      info: { minimized: true },
    });
  }
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      // 合并汇总 off the pane's main thread: reading, consolidating, building and writing the report.
      "consolidation-worker": "./src/taskpane/consolidation-worker.ts",
      // The analyse workers the consolidation worker starts for a large batch (one per core, capped).
      "analyse-worker": "./src/taskpane/analyse-worker.ts",
      "dabiao-browser": {
        import: "./src/browser/library.ts",
        library: { name: "Dabiao", type: "umd" },
      },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: (data) =>
        FIXED_NAMES.includes(data.chunk.name) ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    target: ["web", SYNTAX_TARGET.toLowerCase()],
    module: {
      rules: [
        {
          test: /\.m?js$/,
          include: (file) =>
            NEWER_SYNTAX.some((p) => file.includes(`node_modules${path.sep}${p}${path.sep}`)),
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              compilerOptions: { allowJs: true, module: "esnext", target: SYNTAX_TARGET },
            },
          },
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // ES modules for webpack, so import() splits chunks (the tsconfig's CommonJS is for Node and jest).
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              compilerOptions: { module: "esnext", target: SYNTAX_TARGET, sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ BUILD_STAMP: JSON.stringify(Date.now().toString(36)) }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: {
          officeJsUrl: officeJsUrl,
          browserTarget: BROWSER_TARGET,
          oldEngineMessage: OLD_ENGINE_MESSAGE,
        },
      }),
      new CopyWebpackPlugin({ patterns: copies }),
      new BundleReport(),
    ],
    performance: { hints: false },
    devServer: {
      static: { directory: path.join(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
  if (env.WEBPACK_SERVE) {
    // Only the dev server needs the localhost certificate (office-addin-dev-certs makes it on first use).
    config.devServer.server = { type: "https", options: await devHttps() };
  }
  return config;
};
