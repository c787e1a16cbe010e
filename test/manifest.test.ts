import { execFileSync } from "node:child_process";
import { join } from "node:path";

const SCHEMA = join(__dirname, "..", "..", "shared", "schemas", "office-manifest", "OfficeAppManifestV1_1.xsd");

describe("manifest.xml", () => {
  it("validates against the Office add-in manifest schema offline (xmllint)", () => {
    const out = execFileSync("xmllint", ["--noout", "--schema", SCHEMA, join(__dirname, "..", "manifest.xml")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toBe("");
  });

  it("is rejected by the same check when a required element is missing (the check can fail)", () => {
    const bad = `<?xml version="1.0"?><OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="TaskPaneApp"><Id>x</Id></OfficeApp>`;
    expect(() => execFileSync("xmllint", ["--noout", "--schema", SCHEMA, "-"], { input: bad, stdio: ["pipe", "pipe", "pipe"] })).toThrow();
  });
});
