// Moves TypeScript files and rewrites every import of them, with TypeScript's own rename edits
// (LanguageService.getEditsForFileRename, what an editor's "update imports on move" runs), then
// `git mv`s them so history follows the files.
//
//   node scripts/move-files.mjs moves.txt        one "old/path.ts new/path.ts" pair a line
//
// Every rename is applied to an in-memory copy of the project first; nothing is written until all
// of them have been computed, so a failing pair leaves the tree as it was.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
const listFile = process.argv[2];
if (!listFile) {
  console.error("usage: node scripts/move-files.mjs moves.txt");
  process.exit(2);
}
const pairs = readFileSync(listFile, "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split(/\s+/).map((p) => join(ROOT, p)));

const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  },
});
if (!config) throw new Error("tsconfig.json could not be read");

/** The project's files as they will be: path → text and version. */
const files = new Map(config.fileNames.map((f) => [f, { text: readFileSync(f, "utf8"), version: 0 }]));
const changed = new Set();
const inProject = (f) => f.startsWith(join(ROOT, "src") + "/") || f.startsWith(join(ROOT, "test") + "/");
const virtualDir = (d) => [...files.keys()].some((f) => f.startsWith(d.replace(/\/$/, "") + "/"));

const host = {
  getScriptFileNames: () => [...files.keys()],
  getScriptVersion: (f) => String(files.get(f)?.version ?? 0),
  getScriptSnapshot: (f) => {
    const entry = files.get(f);
    if (entry) return ts.ScriptSnapshot.fromString(entry.text);
    if (inProject(f) || !existsSync(f)) return undefined;
    return ts.ScriptSnapshot.fromString(readFileSync(f, "utf8"));
  },
  fileExists: (f) => files.has(f) || (!inProject(f) && ts.sys.fileExists(f)),
  readFile: (f) => files.get(f)?.text ?? (inProject(f) ? undefined : ts.sys.readFile(f)),
  directoryExists: (d) => virtualDir(d) || (!inProject(d + "/x") && ts.sys.directoryExists(d)),
  getDirectories: ts.sys.getDirectories,
  readDirectory: ts.sys.readDirectory,
  getCurrentDirectory: () => ROOT,
  getCompilationSettings: () => config.options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());
const format = ts.getDefaultFormatCodeSettings();
const prefs = { importModuleSpecifierPreference: "relative", importModuleSpecifierEnding: "minimal" };

for (const [from, to] of pairs) {
  if (!files.has(from)) throw new Error(`not a project file: ${from}`);
  if (files.has(to)) throw new Error(`already exists: ${to}`);
  for (const edit of service.getEditsForFileRename(from, to, format, prefs)) {
    const entry = files.get(edit.fileName);
    if (!entry) throw new Error(`edit outside the project: ${edit.fileName}`);
    // Apply from the end so earlier offsets stay valid.
    const changes = [...edit.textChanges].sort((a, b) => b.span.start - a.span.start);
    for (const c of changes)
      entry.text =
        entry.text.slice(0, c.span.start) + c.newText + entry.text.slice(c.span.start + c.span.length);
    entry.version++;
    changed.add(edit.fileName);
  }
  const entry = files.get(from);
  files.delete(from);
  files.set(to, { text: entry.text, version: entry.version + 1 });
  if (changed.delete(from)) changed.add(to);
  console.log(`${from.slice(ROOT.length + 1)} -> ${to.slice(ROOT.length + 1)}`);
}

for (const [from, to] of pairs) {
  mkdirSync(dirname(to), { recursive: true });
  execFileSync("git", ["mv", from, to], { cwd: ROOT });
}
for (const f of changed) writeFileSync(f, files.get(f).text);
const diagnostics = service.getProgram().getSemanticDiagnostics().length;
console.log(`${pairs.length} files moved, ${changed.size} files edited; ${diagnostics} type errors after the moves`);
