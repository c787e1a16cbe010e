import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

// The shape of the house (STYLE.md), checked on every source file: which folder may import which,
// and which names may appear where. Each rule is also shown to fail on a bad source.

const SRC = resolve(__dirname, "../src");
const CORE = join(SRC, "core");
const SHEET = join(SRC, "sheet");
const ADAPTERS = join(SRC, "adapters");
const OFFICE = join(ADAPTERS, "office");
const FACES = [join(SRC, "taskpane"), join(SRC, "cli")];

/**
 * The core's rooms, bottom floor first: a file may import from its own room and from lower floors.
 * Rooms on one floor (the two sheets written and read back) do not import each other. The core's
 * root holds what every room shares; it stands on the rubric, the words everything is said in.
 */
const FLOORS: readonly (readonly string[])[] = [
  ["rubric"],
  ["."],
  ["scoring"],
  ["scoresheet", "rubric-sheet"],
  ["validation"],
  ["consolidation"],
  ["reports"],
  ["demo"],
];
const DOOR = join(CORE, "index.ts");

/**
 * Names the core must never use in code: Office.js globals (ambient, so no import rule would catch
 * them), the DOM, Node, React and exceljs. Comments and string literals are not code and may say them.
 */
const FORBIDDEN_NAMES = new Set([
  "Office",
  "Excel",
  "OfficeExtension",
  "ExcelJS",
  "React",
  "window",
  "document",
  "navigator",
  "localStorage",
  "globalThis",
  "process",
  "require",
  "Buffer",
  "__dirname",
  "__filename",
]);
/** The Office.js globals: only the Office adapter may name them. */
const OFFICE_NAMES = new Set(["Office", "Excel", "OfficeExtension"]);
/** An identifier that names the xlsx adapters (readXlsx, writeXlsx, XlsxReadError…). */
const ADAPTER_NAME = /xlsx/i;
/** A module path naming a layer or package the core must not reach. */
const FORBIDDEN_PATH =
  /(^|[/\\])(adapters|taskpane|cli)([/\\]|$)|^react(-dom)?([/\\]|$)|exceljs|office/i;
const NODE_BUILTINS = new Set(builtinModules);

/** One breach of a rule. */
interface Finding {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** A module specifier in a source, with the node that holds it. */
interface Import {
  readonly node: ts.Node;
  /** The specifier, or undefined for a computed `import(…)`. */
  readonly spec: string | undefined;
}

/** A parsed source: its imports, its identifiers in code, and how to report a breach at a node. */
interface Source {
  readonly imports: readonly Import[];
  readonly identifiers: readonly ts.Identifier[];
  readonly finding: (node: ts.Node, what: string) => Finding;
}

function parse(file: string, text: string): Source {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, kind);
  const imports: Import[] = [];
  const identifiers: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      imports.push({ node, spec: node.moduleSpecifier.text });
    else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    )
      imports.push({ node, spec: node.moduleReference.expression.text });
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      imports.push({ node, spec: arg && ts.isStringLiteralLike(arg) ? arg.text : undefined });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      imports.push({ node, spec: node.argument.literal.text });
    else if (ts.isIdentifier(node)) identifiers.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return {
    imports,
    identifiers,
    finding: (node, what) => ({
      file: relative(resolve(SRC, ".."), file),
      line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
      what,
    }),
  };
}

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(dir + sep);
const isBuiltin = (spec: string): boolean =>
  spec.startsWith("node:") || NODE_BUILTINS.has(spec.split("/")[0] ?? spec);
/** Where a relative specifier points (without extension), or undefined for a package. */
const target = (file: string, spec: string): string | undefined =>
  spec.startsWith(".") ? resolve(dirname(file), spec) : undefined;

/** The core is pure: no import leaves src/core but for src/sheet; no Office, DOM, Node, React, exceljs or adapter names. */
function purityFindings(file: string, text: string): Finding[] {
  const src = parse(file, text);
  const out: Finding[] = [];
  for (const { node, spec } of src.imports) {
    if (spec === undefined) {
      out.push(src.finding(node, "imports a computed module path"));
      continue;
    }
    const to = target(file, spec);
    if (isBuiltin(spec)) out.push(src.finding(node, `imports the Node built-in "${spec}"`));
    else if (to === undefined) out.push(src.finding(node, `imports the package "${spec}"`));
    else if (!inside(to, CORE) && !inside(to, SHEET))
      out.push(src.finding(node, `imports "${spec}" from outside src/core`));
    if (FORBIDDEN_PATH.test(spec))
      out.push(src.finding(node, `names a layer the core must not know: "${spec}"`));
  }
  for (const id of src.identifiers) {
    if (FORBIDDEN_NAMES.has(id.text)) out.push(src.finding(id, `names ${id.text}`));
    else if (ADAPTER_NAME.test(id.text))
      out.push(src.finding(id, `names the adapter identifier ${id.text}`));
  }
  return out;
}

/** src/sheet is the vocabulary everything else speaks: it imports nothing outside itself, no package, no Node. */
function sheetFindings(file: string, text: string): Finding[] {
  const src = parse(file, text);
  return src.imports.flatMap(({ node, spec }) => {
    const to = spec === undefined ? undefined : target(file, spec);
    return to !== undefined && inside(to, SHEET)
      ? []
      : [src.finding(node, `src/sheet imports "${spec ?? "(computed)"}"`)];
  });
}

/** Adapters know the seams and their packages, never the rubric: no import of src/core, the pane or the CLI. */
function adapterFindings(file: string, text: string): Finding[] {
  const src = parse(file, text);
  return src.imports.flatMap(({ node, spec }) => {
    const to = spec === undefined ? undefined : target(file, spec);
    if (to === undefined) return [];
    return inside(to, CORE) || FACES.some((f) => inside(to, f))
      ? [src.finding(node, `an adapter imports "${spec}"`)]
      : [];
  });
}

/** Office.js is named in src/adapters/office only; elsewhere its globals appear in comments and strings at most. */
function officeNameFindings(file: string, text: string): Finding[] {
  if (inside(file, OFFICE)) return [];
  const src = parse(file, text);
  return src.identifiers
    .filter((id) => OFFICE_NAMES.has(id.text))
    .map((id) => src.finding(id, `names ${id.text} outside src/adapters/office`));
}

/** The pane and the CLI are the two faces: nothing else in src imports either of them. */
function faceFindings(file: string, text: string): Finding[] {
  const src = parse(file, text);
  return src.imports.flatMap(({ node, spec }) => {
    const to = spec === undefined ? undefined : target(file, spec);
    if (to === undefined) return [];
    const face = FACES.find((f) => inside(to, f) && !inside(file, f));
    return face ? [src.finding(node, `imports the face "${spec}"`)] : [];
  });
}

/** The floor of a core file, by its room; undefined for the door. */
function floorOf(path: string): { floor: number; room: string } | undefined {
  if ([CORE, DOOR, DOOR.replace(/\.ts$/, "")].includes(path)) return undefined;
  const rel = relative(CORE, path).split(sep);
  const room = rel.length > 1 ? (rel[0] ?? ".") : ".";
  const floor = FLOORS.findIndex((rooms) => rooms.includes(room));
  if (floor < 0) throw new Error(`src/core/${room} is on no floor of the architecture test`);
  return { floor, room };
}

/** Rooms of the core import downward only: from their own room or a lower floor, never the door. */
function floorFindings(file: string, text: string): Finding[] {
  const here = floorOf(file);
  if (!here) return [];
  const src = parse(file, text);
  return src.imports.flatMap(({ node, spec }) => {
    const to = spec === undefined ? undefined : target(file, spec);
    if (to === undefined || !inside(to, CORE)) return [];
    const there = floorOf(to);
    if (!there) return [src.finding(node, `imports the core's door "${spec}" from inside`)];
    if (there.room === here.room || there.floor < here.floor) return [];
    return [
      src.finding(
        node,
        there.floor === here.floor
          ? `${here.room} imports ${there.room}, a room on its own floor ("${spec}")`
          : `${here.room} imports ${there.room}, a floor above it ("${spec}")`
      ),
    ];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every finding of a rule over the files under a folder. */
function check(dir: string, rule: (file: string, text: string) => Finding[]): Finding[] {
  const files = sourceFiles(dir);
  expect(files.length).toBeGreaterThan(0);
  return files.flatMap((file) => rule(file, readFileSync(file, "utf8")));
}

/** Findings as "line: what", in line order (stable, so one line's findings keep their order). */
const lines = (found: readonly Finding[]): string[] =>
  [...found].sort((a, b) => a.line - b.line).map((f) => `${f.line}: ${f.what}`);

describe("the house has its shape", () => {
  it("the core is pure: nothing under src/core leaves it but for src/sheet, or names Office, the DOM, Node, React, exceljs or an adapter", () => {
    expect(sourceFiles(CORE).length).toBeGreaterThan(50);
    expect(check(CORE, purityFindings)).toEqual([]);
  });

  it("src/sheet imports nothing", () => {
    expect(check(SHEET, sheetFindings)).toEqual([]);
  });

  it("adapters import src/sheet and packages, never src/core, the pane or the CLI", () => {
    expect(check(ADAPTERS, adapterFindings)).toEqual([]);
  });

  it("only src/adapters/office names Office, Excel or OfficeExtension", () => {
    expect(check(SRC, officeNameFindings)).toEqual([]);
  });

  it("nothing imports src/taskpane or src/cli", () => {
    expect(check(SRC, faceFindings)).toEqual([]);
  });

  it("the core's rooms import only downward", () => {
    expect(check(CORE, floorFindings)).toEqual([]);
  });
});

describe("each rule can fail", () => {
  it("the purity check finds each kind of breach in a bad source, and ignores comments and strings", () => {
    const bad = [
      `import ExcelJS from "exceljs";`,
      `import { readFile } from "node:fs";`,
      `import * as path from "path";`,
      `import { readXlsx } from "../adapters/xlsx/read/reader";`,
      `export { App } from "../taskpane/App";`,
      `import type { Args } from "../cli/args";`,
      `import { cellRef } from "../sheet/address";`,
      `type T = import("react").ReactNode;`,
      `const lazy = () => import("../adapters/office");`,
      `// Office.js is never called here; "window" and 'process' in strings are fine.`,
      `const note = "Excel 2010 and document properties";`,
      `export async function run() { return Excel.run(async (ctx) => ctx.sync()); }`,
      `Office.onReady(() => undefined);`,
      `const w = window.innerWidth + document.title.length + navigator.language.length;`,
      `const env = process.env.CI;`,
      `const fs = require("fs");`,
      `const text = \`\${globalThis.location}\`;`,
    ].join("\n");
    expect(lines(purityFindings(join(CORE, "bad.ts"), bad))).toEqual([
      `1: imports the package "exceljs"`,
      `1: names a layer the core must not know: "exceljs"`,
      `1: names ExcelJS`,
      `2: imports the Node built-in "node:fs"`,
      `3: imports the Node built-in "path"`,
      `4: imports "../adapters/xlsx/read/reader" from outside src/core`,
      `4: names a layer the core must not know: "../adapters/xlsx/read/reader"`,
      `4: names the adapter identifier readXlsx`,
      `5: imports "../taskpane/App" from outside src/core`,
      `5: names a layer the core must not know: "../taskpane/App"`,
      `6: imports "../cli/args" from outside src/core`,
      `6: names a layer the core must not know: "../cli/args"`,
      `8: imports the package "react"`,
      `8: names a layer the core must not know: "react"`,
      `9: imports "../adapters/office" from outside src/core`,
      `9: names a layer the core must not know: "../adapters/office"`,
      `12: names Excel`,
      `13: names Office`,
      `14: names window`,
      `14: names document`,
      `14: names navigator`,
      `15: names process`,
      `16: names require`,
      `17: names globalThis`,
    ]);
  });

  it("the purity check accepts a clean core source", () => {
    const clean = `import { cellRef } from "../sheet/address";\n/** A1 of the top-left cell; says Excel and window only here. */\nexport const origin = (): string => cellRef(0, 0) + "window";\n`;
    expect(purityFindings(join(CORE, "origin.ts"), clean)).toEqual([]);
  });

  it("src/sheet importing a package, the core or anything outside it is found", () => {
    const bad = [
      `import { cellRef } from "./address";`,
      `import { zipSync } from "fflate";`,
      `import type { Rubric } from "../core/rubric/rubric";`,
      `const x = () => import("../adapters/xlsx/write/writer");`,
    ].join("\n");
    expect(lines(sheetFindings(join(SHEET, "bad.ts"), bad))).toEqual([
      `2: src/sheet imports "fflate"`,
      `3: src/sheet imports "../core/rubric/rubric"`,
      `4: src/sheet imports "../adapters/xlsx/write/writer"`,
    ]);
  });

  it("an adapter importing the core, the pane or the CLI is found; the seams and packages are not", () => {
    const bad = [
      `import { zipSync } from "fflate";`,
      `import type { SheetSpec } from "../../../sheet/spec";`,
      `import { DEFAULT_RUBRIC } from "../../../core";`,
      `import { SCORESHEET } from "../../../core/scoresheet/layout";`,
      `import { strings } from "../../../taskpane/strings";`,
      `import { main } from "../../../cli/main";`,
    ].join("\n");
    expect(lines(adapterFindings(join(ADAPTERS, "xlsx", "write", "bad.ts"), bad))).toEqual([
      `3: an adapter imports "../../../core"`,
      `4: an adapter imports "../../../core/scoresheet/layout"`,
      `5: an adapter imports "../../../taskpane/strings"`,
      `6: an adapter imports "../../../cli/main"`,
    ]);
  });

  it("Office, Excel or OfficeExtension named in code outside the Office adapter is found, in comments and strings not", () => {
    const bad = [
      `/* global Office */`,
      `// Excel on the web`,
      `const inOffice = "Office" in window;`,
      `Office.onReady(() => undefined);`,
      `type R = Excel.Range;`,
      `const e = OfficeExtension.Error;`,
    ].join("\n");
    expect(lines(officeNameFindings(join(SRC, "taskpane", "bad.tsx"), bad))).toEqual([
      `4: names Office outside src/adapters/office`,
      `5: names Excel outside src/adapters/office`,
      `6: names OfficeExtension outside src/adapters/office`,
    ]);
    expect(officeNameFindings(join(OFFICE, "read.ts"), bad)).toEqual([]);
  });

  it("importing the pane or the CLI from elsewhere is found; each face may import itself", () => {
    const bad = [
      `import { App } from "../taskpane/components/App";`,
      `import { main } from "../cli/main";`,
      `import { cellRef } from "../sheet/address";`,
    ].join("\n");
    expect(lines(faceFindings(join(SRC, "browser", "bad.ts"), bad))).toEqual([
      `1: imports the face "../taskpane/components/App"`,
      `2: imports the face "../cli/main"`,
    ]);
    const own = `import { parseArgs } from "./args";`;
    expect(faceFindings(join(SRC, "cli", "main.ts"), own)).toEqual([]);
  });

  it("a room importing upward, sideways on its floor, or the door is found; downward and its own room are not", () => {
    const bad = [
      `import { TIERS } from "../rubric/rubric";`,
      `import { sortIssues } from "../issues";`,
      `import { assess } from "../scoring/assess";`,
      `import { checkWorkbook } from "../validation/check";`,
      `import { rubricSheet } from "../rubric-sheet/write";`,
      `import { consolidate } from "../consolidation/consolidate";`,
      `import { buildTemplate } from "..";`,
      `import { layoutTemplate } from "./layout";`,
    ].join("\n");
    expect(lines(floorFindings(join(CORE, "scoresheet", "bad.ts"), bad))).toEqual([
      `4: scoresheet imports validation, a floor above it ("../validation/check")`,
      `5: scoresheet imports rubric-sheet, a room on its own floor ("../rubric-sheet/write")`,
      `6: scoresheet imports consolidation, a floor above it ("../consolidation/consolidate")`,
      `7: imports the core's door ".." from inside`,
    ]);
    const root = `import { assess } from "./scoring/assess";\nimport { TIERS } from "./rubric/rubric";`;
    expect(lines(floorFindings(join(CORE, "messages.ts"), root))).toEqual([
      `1: . imports scoring, a floor above it ("./scoring/assess")`,
    ]);
  });
});

/** A path in a test or script that reaches out of the checkout to the shared reference folder. */
const OUTSIDE = /,\s*(["'`])shared\1|\.\.[/\\]shared\b/;

describe("the repository stands alone", () => {
  it("no test, support file or script reads the reference folder beside the checkout (what a test needs is vendored)", () => {
    const root = resolve(SRC, "..");
    const files = [...sourceFiles(join(root, "test")), ...sourceFiles(join(root, "scripts"))];
    const scripts = readdirSync(join(root, "scripts")).filter((f) => /\.(mjs|cjs|js|py)$/.test(f));
    const reaching = [...files, ...scripts.map((f) => join(root, "scripts", f))].filter(
      (f) => f !== __filename && OUTSIDE.test(readFileSync(f, "utf8"))
    );
    expect(reaching).toEqual([]);
  });

  it("the check sees a path built to the reference folder, joined or written out", () => {
    // The folder's name is assembled here so this file holds no such path itself.
    const dir = ["sha", "red"].join("");
    expect(OUTSIDE.test(`join(ROOT, "..", "${dir}", "schemas")`)).toBe(true);
    expect(OUTSIDE.test(`readFileSync("../${dir}/ooxml-xsd/sml.xsd")`)).toBe(true);
    expect(OUTSIDE.test(`const sharedStrings = "xl/sharedStrings.xml";`)).toBe(false);
    expect(OUTSIDE.test(`<f t="shared" ref="A1:A2" si="0">B1*2</f>`)).toBe(false);
  });
});
