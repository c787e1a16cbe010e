import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";

/** The vendored ISO/IEC 29500 Transitional schemas (see test/fixtures/ooxml-xsd/README.md). */
export const XSD_DIR = join(__dirname, "..", "fixtures", "ooxml-xsd");

/** The schema file a part is validated against, by its path in the package; null for VML (no usable root). */
export function schemaFor(part: string): string | null {
  if (part === "[Content_Types].xml") return "opc-contentTypes.xsd";
  if (part.endsWith(".rels")) return "opc-relationships.xsd";
  if (part === "docProps/core.xml") return "opc-coreProperties.xsd";
  if (part === "docProps/app.xml") return "shared-documentPropertiesExtended.xsd";
  if (part.endsWith(".vml")) return null;
  if (part.startsWith("xl/") && part.endsWith(".xml")) return "sml.xsd";
  throw new Error(`no schema known for part ${part}`);
}

/** One part's verdict. */
export interface PartResult {
  readonly workbook: string;
  readonly part: string;
  readonly schema: string | null;
  readonly valid: boolean;
  /** xmllint's complaints about this part, empty when it validates. */
  readonly errors: string;
}

/**
 * Validates every XML part of each workbook with xmllint, one run per schema over all parts that
 * use it (compiling sml.xsd takes most of the time). VML parts come back with schema null: see
 * `vmlShapesXml` for what of them is checked.
 */
export function validateWorkbooks(books: Readonly<Record<string, Uint8Array>>): PartResult[] {
  const dir = mkdtempSync(join(tmpdir(), "dabiao-xsd-"));
  try {
    const bySchema = new Map<string, { workbook: string; part: string; path: string }[]>();
    const results: PartResult[] = [];
    Object.entries(books).forEach(([workbook, bytes], w) => {
      for (const [part, data] of Object.entries(unzipSync(bytes))) {
        if (part.endsWith("/")) continue;
        const schema = schemaFor(part);
        if (schema === null) {
          const list = bySchema.get("vml") ?? [];
          vmlDocuments(new TextDecoder().decode(data)).forEach((doc, d) => {
            const path = join(dir, `vml${w}`, `${part.replace(/\.vml$/, "")}-${d}.xml`);
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, doc);
            list.push({ workbook, part, path });
          });
          bySchema.set("vml", list);
          continue;
        }
        const path = join(dir, String(w), part);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, data);
        const list = bySchema.get(schema) ?? [];
        list.push({ workbook, part, path });
        bySchema.set(schema, list);
      }
    });
    for (const [schema, parts] of bySchema) {
      const xsd = schema === "vml" ? writeVmlSchema(dir) : join(XSD_DIR, schema);
      const output = xmllint(
        xsd,
        parts.map((p) => p.path)
      );
      const verdicts = new Map<string, PartResult>();
      for (const p of parts) {
        const lines = output.split("\n").filter((l) => l.startsWith(p.path));
        const valid = lines.some((l) => l === `${p.path} validates`);
        const errors = lines.filter((l) => l !== `${p.path} validates`).join("\n");
        // A VML part checked as several documents is valid when all of them are.
        const key = `${p.workbook}\u0000${p.part}`;
        const before = verdicts.get(key);
        verdicts.set(key, {
          workbook: p.workbook,
          part: p.part,
          schema,
          valid: valid && (before?.valid ?? true),
          errors: [before?.errors ?? "", errors].filter((e) => e !== "").join("\n"),
        });
      }
      results.push(...verdicts.values());
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function xmllint(xsd: string, files: readonly string[]): string {
  try {
    execFileSync("xmllint", ["--noout", "--schema", xsd, ...files], { stdio: "pipe" });
    return files.map((f) => `${f} validates`).join("\n");
  } catch (e) {
    const err = e as { stderr?: Buffer; status?: number };
    // Status 3: some file did not validate; anything else (4: schema broken) is the test's own failure.
    if (err.status !== 3) throw e;
    return String(err.stderr ?? "");
  }
}

/**
 * A VML part as documents whose roots the schemas know. Excel's comment VML has the root `<xml>` in no
 * namespace, which no schema declares, so the check covers what is inside it: each `o:shapelayout` as
 * a document of its own (vml-officeDrawing), and the shapes (v:shapetype, v:shape with their v:, o:
 * and x:ClientData content) wrapped in a `v:group`, whose content model admits them (vml-main,
 * vml-spreadsheetDrawing). The namespace declarations of the root go onto each new root.
 */
export function vmlDocuments(vml: string): string[] {
  const open = /<xml\b([^>]*)>/.exec(vml);
  if (open === null) return [vml];
  const ns = open[1] ?? "";
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  const layouts: string[] = [];
  const inner = vml
    .slice(open.index + open[0].length, vml.lastIndexOf("</xml>"))
    .replace(
      /<o:shapelayout\b([^>]*)>([\s\S]*?)<\/o:shapelayout>/g,
      (_, attrs: string, body: string) => {
        layouts.push(`${head}<o:shapelayout${ns}${attrs}>${body}</o:shapelayout>`);
        return "";
      }
    );
  return [...layouts, `${head}<v:group${ns}>${inner}</v:group>`];
}

/** A one-line schema importing the three VML namespaces, so one xmllint run checks them all. */
function writeVmlSchema(dir: string): string {
  const path = join(dir, "vml-all.xsd");
  const imp = (ns: string, file: string): string =>
    `<xsd:import namespace="${ns}" schemaLocation="${join(XSD_DIR, file)}"/>`;
  writeFileSync(
    path,
    `<?xml version="1.0"?><xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:dabiao:vml-all">` +
      // The W3C xml namespace first: wml and shared-math, imported by vml-main, refer to xml:space.
      imp("http://www.w3.org/XML/1998/namespace", "xml.xsd") +
      imp("urn:schemas-microsoft-com:vml", "vml-main.xsd") +
      imp("urn:schemas-microsoft-com:office:office", "vml-officeDrawing.xsd") +
      imp("urn:schemas-microsoft-com:office:excel", "vml-spreadsheetDrawing.xsd") +
      "</xsd:schema>"
  );
  return path;
}
