import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

const CORE = resolve(__dirname, "../src/core");
const SHEET = resolve(__dirname, "../src/sheet");

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
/** An identifier that names the xlsx adapters (readXlsx, writeXlsx, XlsxReadError…). */
const ADAPTER_NAME = /xlsx/i;
/** A module path naming a layer or package the core must not reach. */
const FORBIDDEN_PATH =
  /(^|[/\\])(adapters|taskpane|cli)([/\\]|$)|^react(-dom)?([/\\]|$)|exceljs|office/i;
const NODE_BUILTINS = new Set(builtinModules);

/** One breach of the core's boundary. */
interface Finding {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** Every import that leaves src/core and every forbidden name used in code, in one core source file. */
function boundaryFindings(file: string, source: string, coreDir: string = CORE): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, what: string): void => {
    findings.push({
      file: relative(resolve(coreDir, ".."), file),
      line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
      what,
    });
  };
  const checkSpecifier = (node: ts.Node, spec: string): void => {
    const bare = spec.replace(/^node:/, "").split("/")[0] ?? spec;
    if (spec.startsWith("node:") || NODE_BUILTINS.has(bare))
      report(node, `imports the Node built-in "${spec}"`);
    else if (!spec.startsWith(".")) report(node, `imports the package "${spec}"`);
    else {
      const target = resolve(dirname(file), spec);
      const inside = (dir: string): boolean => target === dir || target.startsWith(dir + sep);
      if (!inside(coreDir) && !inside(SHEET))
        report(node, `imports "${spec}" from outside src/core`);
    }
    if (FORBIDDEN_PATH.test(spec)) report(node, `names a layer the core must not know: "${spec}"`);
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      checkSpecifier(node, node.moduleSpecifier.text);
    else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    )
      checkSpecifier(node, node.moduleReference.expression.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) checkSpecifier(node, arg.text);
      else report(node, "imports a computed module path");
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      checkSpecifier(node, node.argument.literal.text);
    else if (ts.isIdentifier(node)) {
      if (FORBIDDEN_NAMES.has(node.text)) report(node, `names ${node.text}`);
      else if (ADAPTER_NAME.test(node.text))
        report(node, `names the adapter identifier ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

function coreFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("the core is pure", () => {
  it("no file under src/core imports outside src/core or names Office, Excel, the DOM, Node, React, exceljs or an adapter", () => {
    const files = coreFiles(CORE);
    expect(files.length).toBeGreaterThan(20);
    const findings = files.flatMap((file) => boundaryFindings(file, readFileSync(file, "utf8")));
    expect(findings).toEqual([]);
  });

  it("the checker finds each kind of breach in a bad source, and ignores comments and strings", () => {
    const bad = [
      `import ExcelJS from "exceljs";`,
      `import { readFile } from "node:fs";`,
      `import * as path from "path";`,
      `import { readXlsx } from "../adapters/xlsx-reader";`,
      `export { App } from "../taskpane/App";`,
      `import type { Args } from "../cli/args";`,
      `import { cellRef } from "./address";`,
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
    const file = join(CORE, "bad.ts");
    const found = boundaryFindings(file, bad).map((f) => `${f.line}: ${f.what}`);
    expect(found).toEqual([
      `1: imports the package "exceljs"`,
      `1: names a layer the core must not know: "exceljs"`,
      `1: names ExcelJS`,
      `2: imports the Node built-in "node:fs"`,
      `3: imports the Node built-in "path"`,
      `4: imports "../adapters/xlsx-reader" from outside src/core`,
      `4: names a layer the core must not know: "../adapters/xlsx-reader"`,
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

  it("the checker accepts a clean core source", () => {
    const clean = `import { cellRef } from "./address";\n/** A1 of the top-left cell; says Excel and window only here. */\nexport const origin = (): string => cellRef(0, 0) + "window";\n`;
    expect(boundaryFindings(join(CORE, "origin.ts"), clean)).toEqual([]);
  });
});
