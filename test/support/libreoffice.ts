import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, delimiter, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * LibreOffice keeps the cached results of an .xlsx it believes Excel wrote (exceljs says so in
 * docProps/app.xml) and ignores calcPr fullCalcOnLoad. OOXMLRecalcMode 0 ("always") makes it
 * recalculate every formula on load; ODFRecalcMode likewise for .ods.
 */
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Measured: ~1 s to start and ~40 ms per small file; the limits leave room for slow CI machines. */
const BASE_TIMEOUT_MS = 60_000;
const PER_FILE_TIMEOUT_MS = 5_000;

/** The LibreOffice executable on PATH ("soffice" or "libreoffice"), or undefined when none is installed. */
export function sofficePath(): string | undefined {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((d) => d !== "");
  for (const name of ["soffice", "libreoffice"]) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The LibreOffice executable; throws when it is missing, so a test that needs it fails instead of passing vacuously. */
export function requireSoffice(): string {
  const path = sofficePath();
  if (path === undefined) {
    throw new Error("LibreOffice (soffice) is not on PATH; install libreoffice-calc-nogui");
  }
  return path;
}

/**
 * `it` when LibreOffice can run the test; `it.skip` only outside CI. Under CI=true a missing
 * LibreOffice is a failure (requireSoffice throws inside the test), never a skip.
 */
export function itWithSoffice(name: string, test: jest.ProvidesCallback, timeoutMs?: number): void {
  // Looked up when called, not on import, so scripts outside jest can use the helpers too.
  const run = process.env.CI === "true" || sofficePath() !== undefined ? it : it.skip;
  run(name, test, timeoutMs);
}

/** Recalculates every workbook in one headless LibreOffice run and saves each as .xlsx in outDir. */
export async function recalcXlsx(inputs: string[], outDir: string): Promise<string[]> {
  return convert(inputs, outDir, "xlsx", "xlsx:Calc MS Excel 2007 XML");
}

/** Renders a workbook to PDF with LibreOffice (formulas recalculated first). */
export async function toPdf(input: string, outDir: string): Promise<string> {
  const [pdf] = await convert([input], outDir, "pdf", "pdf");
  if (pdf === undefined) throw new Error(`no PDF for ${input}`);
  return pdf;
}

/** Converts workbooks to the legacy binary .xls (Excel 97-2003) in one headless LibreOffice run. */
export async function toXls(inputs: string[], outDir: string): Promise<string[]> {
  return convert(inputs, outDir, "xls", "xls:MS Excel 97");
}

/**
 * Saves a workbook as a password-protected .xlsx, as Excel's "Encrypt with Password" does: an
 * OLE2 container with EncryptionInfo and EncryptedPackage streams (ECMA-376 Standard encryption).
 * `--convert-to` cannot pass a password, so a Basic macro in a private profile stores the file.
 */
export async function encryptXlsx(input: string, output: string, password: string): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), "lo-encrypt-"));
  const env = `-env:UserInstallation=${pathToFileURL(profile).href}`;
  try {
    // The first start lays out the profile, including the Standard Basic library the macro goes into.
    await run(
      requireSoffice(),
      ["--headless", "--norestore", env, "--terminate_after_init"],
      BASE_TIMEOUT_MS
    );
    await writeFile(join(profile, "user", "basic", "Standard", "Module1.xba"), ENCRYPT_MACRO);
    const url = (path: string): string => pathToFileURL(resolve(path)).href;
    const call = `macro:///Standard.Module1.Encrypt("${url(input)}","${url(output)}","${password}")`;
    await run(
      requireSoffice(),
      ["--headless", "--norestore", "--nolockcheck", env, call],
      BASE_TIMEOUT_MS
    );
    await assertWritten([output]);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** Loads a workbook hidden and stores it as OOXML with an open password (CryptoType Standard). */
const ENCRYPT_MACRO = `<?xml version="1.0" encoding="UTF-8"?>
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Encrypt(inUrl As String, outUrl As String, pw As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, load())
  Dim enc(1) As New com.sun.star.beans.NamedValue
  enc(0).Name = &quot;OOXPassword&quot;
  enc(0).Value = pw
  enc(1).Name = &quot;CryptoType&quot;
  enc(1).Value = &quot;Standard&quot;
  Dim save(1) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  save(1).Name = &quot;EncryptionData&quot;
  save(1).Value = enc()
  On Error Goto Done
  doc.storeToURL(outUrl, save())
Done:
  doc.close(True)
End Sub
</script:module>
`;

async function convert(
  inputs: readonly string[],
  outDir: string,
  extension: string,
  filter: string
): Promise<string[]> {
  const outputs = inputs.map((input) =>
    join(resolve(outDir), `${basename(input, extname(input))}.${extension}`)
  );
  // LibreOffice writes same-named inputs to one output path, the last silently winning.
  if (new Set(outputs).size !== outputs.length)
    throw new Error(`inputs share a base name: ${inputs.join(", ")}`);
  if (inputs.length === 0) return [];
  await mkdir(outDir, { recursive: true });
  // A leftover from an earlier run would otherwise pass for this run's output.
  await Promise.all(outputs.map((output) => rm(output, { force: true })));
  const profile = await mkdtemp(join(tmpdir(), "lo-profile-"));
  try {
    await mkdir(join(profile, "user"), { recursive: true });
    await writeFile(join(profile, "user", "registrymodifications.xcu"), ALWAYS_RECALCULATE);
    const args = [
      "--headless",
      "--norestore",
      "--nolockcheck",
      // A private profile per call: parallel test workers cannot share one, and ours carries the recalc setting.
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--convert-to",
      filter,
      "--outdir",
      resolve(outDir),
      ...inputs.map((input) => resolve(input)),
    ];
    await run(requireSoffice(), args, BASE_TIMEOUT_MS + PER_FILE_TIMEOUT_MS * inputs.length);
    await assertWritten(outputs);
    return outputs;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** Runs soffice in its own process group, so a timeout kills soffice.bin too, not just the launcher script. */
function run(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      fail(new Error(`soffice timed out after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) done(output);
      else fail(new Error(`soffice exited with ${String(code)}:\n${output}`));
    });
  });
}

/** soffice exits 0 even when it could not load a file, so every expected output is checked. */
async function assertWritten(outputs: readonly string[]): Promise<void> {
  for (const output of outputs) {
    await access(output).catch(() => {
      throw new Error(`LibreOffice wrote no ${output}`);
    });
  }
}
