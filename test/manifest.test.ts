import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REQUIRED_API } from "../src/adapters/office/start";

const ROOT = join(__dirname, "..");
/** Vendored in the repository (see its README), so a clone with nothing beside it runs this. */
const SCHEMA = join(ROOT, "test", "fixtures", "office-manifest", "OfficeAppManifestV1_1.xsd");
const MANIFEST = join(ROOT, "manifest.xml");
const DEV_URL = "https://localhost:3000/";
const xml = readFileSync(MANIFEST, "utf8");

/** Validates manifest text against the schema offline; throws with xmllint's complaint when it is invalid. */
function xmllint(text: string): void {
  execFileSync("xmllint", ["--noout", "--schema", SCHEMA, "-"], {
    input: text,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/**
 * office-addin-manifest's own reading of the manifest. Its dependency chain is ESM-only, which jest's
 * module system cannot load, so it runs in a child Node process and hands back JSON.
 */
function readManifestFile(path: string): Record<string, unknown> {
  const script = `import("office-addin-manifest").then(async (m) => process.stdout.write(JSON.stringify(await m.OfficeAddinManifest.readManifestFile(${JSON.stringify(path)}))))`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })
  ) as Record<string, unknown>;
}

/** The ids declared in one <bt:…> resource list of the manifest. */
function resources(kind: "Images" | "Urls" | "ShortStrings" | "LongStrings"): Map<string, string> {
  const list = new RegExp(`<bt:${kind}>([\\s\\S]*?)</bt:${kind}>`).exec(xml)?.[1] ?? "";
  return new Map(
    [...list.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)" DefaultValue="([^"]*)"/g)].map((m) => [
      m[1] ?? "",
      m[2] ?? "",
    ])
  );
}

/** Pixel size of a PNG from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe("manifest.xml", () => {
  it("validates against the Office add-in manifest schema offline (xmllint)", () => {
    const out = execFileSync("xmllint", ["--noout", "--schema", SCHEMA, MANIFEST], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(out).toBe("");
  });

  it("is rejected by the same check when a required element is missing (the check can fail)", () => {
    const bad = `<?xml version="1.0"?><OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="TaskPaneApp"><Id>x</Id></OfficeApp>`;
    expect(() => xmllint(bad)).toThrow();
    expect(() =>
      xmllint(xml.replace(/<Action xsi:type="ShowTaskpane">[\s\S]*?<\/Action>/, ""))
    ).toThrow();
  });

  it("reads, with office-addin-manifest, as an Excel task pane in zh-CN whose URLs are all served by the add-in", () => {
    const info = readManifestFile(MANIFEST);
    expect(info).toMatchObject({
      officeAppType: "TaskPaneApp",
      hosts: ["Workbook"],
      defaultLocale: "zh-CN",
      displayName: "支部达标创建助手",
      manifestType: "xml",
    });
    const urls = [
      info["iconUrl"],
      info["highResolutionIconUrl"],
      info["supportUrl"],
      (info["defaultSettings"] as { sourceLocation: string }).sourceLocation,
      ...resources("Images").values(),
      ...resources("Urls").values(),
    ];
    for (const url of urls) {
      expect(String(url).startsWith(DEV_URL)).toBe(true);
      // Each one names a file the build emits: the task pane page or an icon from assets/.
      const path = new URL(String(url)).pathname.slice(1);
      expect(path === "taskpane.html" || existsSync(join(ROOT, path))).toBe(true);
    }
  });

  it("resolves every resid to a resource of the right kind, each string with an en-US override", () => {
    const kinds = {
      Images: resources("Images"),
      Urls: resources("Urls"),
      ShortStrings: resources("ShortStrings"),
      LongStrings: resources("LongStrings"),
    };
    const wanted: [RegExp, keyof typeof kinds][] = [
      [/<bt:Image size="\d+" resid="([^"]+)"/g, "Images"],
      [/<(?:SourceLocation|LearnMoreUrl) resid="([^"]+)"/g, "Urls"],
      [/<(?:Label|Title) resid="([^"]+)"/g, "ShortStrings"],
      [/<Description resid="([^"]+)"/g, "LongStrings"],
    ];
    const used = wanted.flatMap(([pattern, kind]) =>
      [...xml.matchAll(pattern)].map((m) => ({ id: m[1] ?? "", kind }))
    );
    expect(used.length).toBeGreaterThan(10);
    expect([...xml.matchAll(/resid="/g)]).toHaveLength(used.length);
    for (const { id, kind } of used)
      expect([kind, id, kinds[kind].has(id)]).toEqual([kind, id, true]);
    const strings = [
      ...xml.matchAll(
        /<bt:String id="[^"]+" DefaultValue="[^"]*">\s*<bt:Override Locale="en-US" Value="[^"]+"\/>/g
      ),
    ];
    expect(strings).toHaveLength(kinds.ShortStrings.size + kinds.LongStrings.size);
  });

  it("puts a button on the Home tab that opens the task pane, with icons drawn at their sizes", () => {
    expect(xml).toMatch(
      /<OfficeTab id="TabHome">[\s\S]*<Control xsi:type="Button"[\s\S]*<Action xsi:type="ShowTaskpane">/
    );
    for (const [id, url] of resources("Images")) {
      const size = Number(/(\d+)x\1$/.exec(id)?.[1]);
      expect(pngSize(join(ROOT, new URL(url).pathname))).toEqual([size, size]);
    }
    for (const size of [16, 32, 64, 80])
      expect(pngSize(join(ROOT, "assets", `icon-${size}.png`))).toEqual([size, size]);
  });

  it("declares the requirement set the adapter checks at start", () => {
    expect(xml).toContain(`<Set Name="${REQUIRED_API.set}" MinVersion="${REQUIRED_API.version}"/>`);
  });
});
