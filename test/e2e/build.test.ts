import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parse } from "acorn";
import { join } from "node:path";
import { productionBuild, TEST_BASE_URL } from "./production-build";

/** Vendored in the repository (see its README), so a clone with nothing beside it runs this. */
const SCHEMA = join(__dirname, "..", "fixtures", "office-manifest", "OfficeAppManifestV1_1.xsd");

/** "ok" when the source parses as ES2020, else the parser's complaint with the code around it. */
function parses(source: string): string {
  try {
    parse(source, { ecmaVersion: 2020, sourceType: "script" });
    return "ok";
  } catch (e) {
    const at = (e as { pos?: number }).pos ?? 0;
    return `${(e as Error).message}: ${source.slice(Math.max(0, at - 60), at + 20)}`;
  }
}

interface ChunkReport {
  readonly files: string[];
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly packages: string[];
  readonly name?: string;
}

describe("the production build", () => {
  let dir = "";
  let report: { initial: ChunkReport; async: ChunkReport[]; lazyPackages: string[] };
  beforeAll(() => {
    dir = productionBuild();
    report = JSON.parse(readFileSync(join(dir, "build-report.json"), "utf8")) as typeof report;
  }, 600_000);

  it("keeps the xlsx libraries (exceljs, fflate, saxes) out of the task pane's initial chunk, in chunks loaded on demand", () => {
    expect(report.lazyPackages).toEqual(["exceljs", "fflate", "saxes"]);
    const everywhere = new Set([
      ...report.initial.packages,
      ...report.async.flatMap((c) => c.packages),
    ]);
    for (const p of report.lazyPackages)
      expect([p, report.initial.packages.includes(p)]).toEqual([p, false]);
    // The reader's libraries are in the build, on demand; exceljs too, while the writer uses it.
    for (const p of ["fflate", "saxes"])
      expect(report.async.some((c) => c.packages.includes(p))).toBe(true);
    if (everywhere.has("exceljs"))
      expect(report.async.some((c) => c.packages.includes("exceljs"))).toBe(true);
    expect(report.async.map((c) => c.name)).toEqual(
      expect.arrayContaining(["xlsx-reader", "xlsx-writer"])
    );
    // React and Fluent are what the first render needs, and they are there.
    expect(report.initial.packages).toEqual(
      expect.arrayContaining(["react", "react-dom", "@fluentui/react-tabs"])
    );
    for (const f of [...report.initial.files, ...report.async.flatMap((c) => c.files)])
      expect(existsSync(join(dir, f))).toBe(true);
  });

  it("ships only ES2020 syntax, which Chromium 86 and Safari 16.4 parse (third-party ES2022 transpiled)", () => {
    const scripts = readdirSync(dir).filter((f) => f.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(2);
    for (const file of scripts) {
      const source = readFileSync(join(dir, file), "utf8");
      expect([file, parses(source)]).toEqual([file, "ok"]);
    }
    // The check itself rejects what Chromium 86 cannot parse.
    expect(parses("class A { static { A.x = 1; } }")).not.toBe("ok");
    expect(parses("let a; a ??= 1;")).not.toBe("ok");
  });

  it("reports the initial bundle's gzipped size", () => {
    expect(report.initial.files).toHaveLength(1);
    expect(report.initial.gzipBytes).toBeGreaterThan(50_000);
    expect(report.initial.gzipBytes).toBeLessThan(400_000);
    expect(report.initial.gzipBytes).toBeLessThan(report.initial.bytes);
    for (const c of report.async) expect(c.gzipBytes).toBeGreaterThan(0);
  });

  it("writes dist/manifest.xml with every URL on ADDIN_BASE_URL, still schema-valid", () => {
    const manifest = readFileSync(join(dir, "manifest.xml"), "utf8");
    expect(manifest).not.toContain("https://localhost:3000");
    expect(manifest).toContain(
      `<SourceLocation DefaultValue="${TEST_BASE_URL}taskpane.html?office=1"/>`
    );
    execFileSync("xmllint", ["--noout", "--schema", SCHEMA, join(dir, "manifest.xml")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const icon of ["icon-16.png", "icon-32.png", "icon-64.png", "icon-80.png"])
      expect(existsSync(join(dir, "assets", icon))).toBe(true);
  });

  it("loads office.js from Microsoft's CDN by default and names no other outside host in the page's code", () => {
    const code = ["taskpane.html", ...report.initial.files, ...report.async.flatMap((c) => c.files)]
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const hosts = new Set(
      [...code.matchAll(/https?:\/\/([a-z0-9.-]+\.[a-z]{2,})/gi)].map((m) => m[1]?.toLowerCase())
    );
    expect(hosts.has("appsforoffice.microsoft.com")).toBe(true);
    // Fonts, telemetry and scripts are never fetched from anywhere else. (Library comments and XML namespaces are names, not requests.)
    expect(code).not.toMatch(
      /fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|applicationinsights|google-analytics/
    );
  });
});

describe("OFFICE_JS_LOCAL=1", () => {
  it("serves office.js from the add-in's own server, copied from @microsoft/office-js without its debug builds", async () => {
    const before = process.env["OFFICE_JS_LOCAL"];
    const base = process.env["ADDIN_BASE_URL"];
    process.env["OFFICE_JS_LOCAL"] = "1";
    process.env["ADDIN_BASE_URL"] = TEST_BASE_URL;
    try {
      const make = require("../../webpack.config.js") as (
        env: object,
        options: object
      ) => Promise<{ plugins: object[] }>;
      const config = await make({}, { mode: "production" });
      const html = config.plugins.find((p) => p.constructor.name === "HtmlWebpackPlugin") as {
        userOptions: { templateParameters: Record<string, string> };
      };
      expect(html.userOptions.templateParameters["officeJsUrl"]).toBe("office-js/office.js");
      const copy = config.plugins.find((p) => p.constructor.name === "CopyPlugin") as {
        patterns: {
          from: string;
          to: string;
          context?: string;
          globOptions?: { ignore: string[] };
        }[];
      };
      const office = copy.patterns.find((p) => p.to === "office-js/");
      expect(office?.context).toMatch(/@microsoft[\\/]office-js[\\/]dist$/);
      expect(office?.globOptions?.ignore).toEqual(["**/*.debug.js"]);
      expect(existsSync(join(office?.context ?? "", "office.js"))).toBe(true);
    } finally {
      if (before === undefined) delete process.env["OFFICE_JS_LOCAL"];
      else process.env["OFFICE_JS_LOCAL"] = before;
      if (base === undefined) delete process.env["ADDIN_BASE_URL"];
      else process.env["ADDIN_BASE_URL"] = base;
    }
  });
});

describe("ADDIN_BASE_URL", () => {
  const make = require("../../webpack.config.js") as (
    env: object,
    options: object
  ) => Promise<object>;
  const withBase = async (base: string | undefined, mode: string): Promise<object> => {
    const before = process.env["ADDIN_BASE_URL"];
    if (base === undefined) delete process.env["ADDIN_BASE_URL"];
    else process.env["ADDIN_BASE_URL"] = base;
    try {
      return await make({}, { mode });
    } finally {
      if (before === undefined) delete process.env["ADDIN_BASE_URL"];
      else process.env["ADDIN_BASE_URL"] = before;
    }
  };

  it("is required by a production build, which would otherwise ship a manifest pointing at localhost", async () => {
    await expect(withBase(undefined, "production")).rejects.toThrow(/ADDIN_BASE_URL is not set/);
    await expect(withBase(TEST_BASE_URL, "production")).resolves.toBeDefined();
  });

  it("is optional for the development server, which serves https://localhost:3000/", async () => {
    await expect(withBase(undefined, "development")).resolves.toBeDefined();
  });
});
