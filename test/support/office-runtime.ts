import { readFileSync } from "node:fs";
import { createContext, runInContext } from "node:vm";
import { cellRef, parseRef } from "../../src/sheet/address";
import { parseRange } from "../../src/sheet/range";
import type { WorkbookSnapshot } from "../../src/sheet/snapshot";

// Microsoft's own Office.js client runtime (the Excel-on-the-web build of @microsoft/office-js) run
// in a Node vm, with a recording request executor plugged into OfficeExtension.ClientRequestContext.
// Every request the adapter makes is serialised by office.js exactly as Excel would receive it;
// a small in-memory workbook answers the requests, and refuses those Excel on the web refuses.

const RUNTIME = require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js");

/** Excel on the web refuses a request body above 5 MB (RequestPayloadSizeLimitExceeded). */
export const WEB_REQUEST_LIMIT = 5 * 1024 * 1024;
/** Excel refuses to read more than five million cells in one request. */
export const READ_CELL_LIMIT = 5_000_000;

/** One request as office.js serialised it, and the size of the answer. */
export interface RecordedRequest {
  readonly bytes: number;
  readonly actions: number;
  readonly objectPaths: number;
  readonly responseBytes: number;
  readonly cellsRead: number;
  /** Method names the request called, e.g. "SuspendScreenUpdatingUntilNextSync". */
  readonly methods: readonly string[];
  /** The properties each query of the request loaded, e.g. "values". */
  readonly loads: readonly string[];
}

type Grid = Map<number, Map<number, { value: unknown; formula: unknown; error?: boolean }>>;

/** A sheet of the in-memory workbook behind the runtime. */
export interface MemorySheet {
  /** Excel's stable id of the sheet, which office.js uses for the items of a loaded collection. */
  readonly id: string;
  name: string;
  visibility: string;
  readonly cells: Grid;
  readonly formats: { address: string; property: string; value: unknown }[];
}

interface Body {
  readonly Actions: readonly Action[];
  readonly ObjectPaths: Readonly<Record<string, ObjectPath>>;
}
interface Action {
  readonly Id: number;
  readonly ActionType: number;
  readonly Name: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: { readonly Arguments?: readonly unknown[] };
  readonly QueryInfo?: { readonly Select?: readonly string[] };
}
interface ObjectPath {
  readonly Id: number;
  readonly ObjectPathType: number;
  readonly Name: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: {
    readonly Arguments?: readonly unknown[];
    readonly ReferencedObjectPathIds?: readonly (number | null)[];
  };
}

type Node =
  | { kind: "root" | "sheets" | "runtime" | "application" | "other" }
  | { kind: "sheet"; sheet: MemorySheet }
  | { kind: "range"; sheet: MemorySheet; address: string; part: string }
  | { kind: "null" };

class HostError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4 } as const;
const PATH = { global: 1, property: 4, indexer: 5, method: 3, reference: 6 } as const;

/** The runtime's Excel namespace, the in-memory workbook it talks to, and every request it sent. */
export interface OfficeRuntime {
  readonly Excel: unknown;
  readonly sheets: MemorySheet[];
  readonly requests: RecordedRequest[];
  enableEvents: boolean;
  /** Makes a request fail with this error code (e.g. "GeneralException"): the next one, or the one `after` requests later. */
  failNext(code: string, after?: number): void;
  /** The sheets as the adapter wrote them: formulas as typed, for assertions. */
  sheet(name: string): MemorySheet | undefined;
}

let loaded: { Excel: unknown; OfficeExtension: { ClientRequestContext: { prototype: object } } };

function load(): typeof loaded {
  if (loaded) return loaded;
  const sandbox: Record<string, unknown> = {
    console: { log: () => undefined, warn: () => undefined, error: () => undefined },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    Promise,
  };
  sandbox["window"] = sandbox;
  sandbox["self"] = sandbox;
  sandbox["navigator"] = { userAgent: "node", language: "zh-CN" };
  sandbox["location"] = { href: "https://localhost/taskpane.html", search: "", hash: "" };
  sandbox["addEventListener"] = () => undefined;
  sandbox["document"] = {
    readyState: "complete",
    cookie: "",
    addEventListener: () => undefined,
    getElementsByTagName: () => [],
    createElement: () => ({ style: {}, setAttribute: () => undefined }),
  };
  createContext(sandbox);
  runInContext(readFileSync(RUNTIME, "utf8"), sandbox, { filename: "excel-web-16.00.debug.js" });
  loaded = sandbox as unknown as typeof loaded;
  return loaded;
}

/** A fresh in-memory workbook behind the real office.js runtime; `book` seeds its sheets. */
export function officeRuntime(
  book: WorkbookSnapshot = { sheets: [] },
  options: { readonly refuseOversize?: boolean } = {}
): OfficeRuntime {
  const refuse = options.refuseOversize ?? true;
  const { Excel, OfficeExtension } = load();
  const sheets: MemorySheet[] = book.sheets.map((s) => {
    const cells: Grid = new Map();
    s.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell) return;
        const value = cell.v !== null && typeof cell.v === "object" ? cell.v.error : cell.v;
        const line = cells.get(r) ?? new Map();
        const error = cell.v !== null && typeof cell.v === "object";
        line.set(c, { value, formula: cell.f !== undefined ? `=${cell.f}` : value, error });
        cells.set(r, line);
      })
    );
    const id = `{sheet-${++sheetIds}}`;
    return { id, name: s.name, visibility: s.hidden ? "Hidden" : "Visible", cells, formats: [] };
  });
  let failure: { code: string; after: number } | undefined;
  const runtime: OfficeRuntime = {
    Excel,
    sheets,
    requests: [],
    enableEvents: true,
    failNext: (code, after = 0) => (failure = { code, after }),
    sheet: (name) => sheets.find((s) => s.name === name),
  };
  const due = (): string | undefined => {
    if (!failure) return undefined;
    if (failure.after-- > 0) return undefined;
    return failure.code;
  };
  const contexts = new WeakMap<object, Map<number, Node>>();
  Object.defineProperty(OfficeExtension.ClientRequestContext.prototype, "_requestExecutor", {
    configurable: true,
    get(this: object) {
      const nodes = contexts.get(this) ?? new Map<number, Node>();
      contexts.set(this, nodes);
      return {
        executeAsync: (_custom: unknown, _flags: unknown, message: { Body: Body }) =>
          Promise.resolve(
            answer(runtime, nodes, message.Body, refuse, due(), () => (failure = undefined))
          ),
      };
    },
    set() {},
  });
  return runtime;
}

function answer(
  runtime: OfficeRuntime,
  nodes: Map<number, Node>,
  body: Body,
  refuse: boolean,
  failure: string | undefined,
  clearFailure: () => void
): unknown {
  const text = JSON.stringify(body);
  const bytes = Buffer.byteLength(text);
  const methods = body.Actions.filter((a) => a.ActionType === ACTION.method).map((a) => a.Name);
  const loads = [
    ...new Set(
      body.Actions.flatMap((a) =>
        a.ActionType === ACTION.query ? (a.QueryInfo?.Select ?? []) : []
      )
    ),
  ];
  const record = (responseBytes: number, cellsRead: number): void => {
    runtime.requests.push({
      bytes,
      actions: body.Actions.length,
      objectPaths: Object.keys(body.ObjectPaths).length,
      responseBytes,
      cellsRead,
      methods,
      loads,
    });
  };
  if (refuse && bytes > WEB_REQUEST_LIMIT) {
    record(0, 0);
    return refusal(
      "RequestPayloadSizeLimitExceeded",
      "The request payload size has exceeded the limit."
    );
  }
  if (failure) {
    clearFailure();
    record(0, 0);
    return refusal(failure, "The host refused the request.");
  }
  const results: { ActionId: number; Value: unknown }[] = [];
  let cellsRead = 0;
  // Excel answers an object it keeps for later requests (AutoKeepReference) with a reference id.
  const kept = new Set(
    body.Actions.filter((a) => a.Name === "_KeepReference").map((a) => a.ObjectPathId)
  );
  try {
    body.Actions.forEach((action, index) => {
      try {
        const node = resolve(runtime, nodes, body, action.ObjectPathId);
        const path = body.ObjectPaths[String(action.ObjectPathId)];
        if (action.ActionType === ACTION.instantiate) {
          if (node.kind === "null") results.push({ ActionId: action.Id, Value: null });
          else if (kept.has(action.ObjectPathId) || path?.Name === "Add") {
            const id = `ref${references.size + 1}`;
            references.set(id, node);
            results.push({ ActionId: action.Id, Value: { _ReferenceId: id } });
          } else if (path?.Name.endsWith("OrNullObject"))
            results.push({ ActionId: action.Id, Value: {} });
        } else if (action.ActionType === ACTION.query) {
          const value = query(runtime, node, action.QueryInfo?.Select ?? []);
          cellsRead += value.cells;
          results.push({ ActionId: action.Id, Value: value.value });
        } else if (action.ActionType === ACTION.setProperty)
          setProperty(runtime, node, action.Name, action.ArgumentInfo?.Arguments?.[0]);
        else if (action.ActionType === ACTION.method) method(runtime, node, action.Name);
      } catch (e) {
        if (e instanceof HostError) throw Object.assign(e, { index });
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof HostError)) throw e;
    record(0, cellsRead);
    const at = (e as HostError & { index?: number }).index ?? 0;
    return {
      ErrorCode: "",
      HttpStatusCode: 200,
      Headers: {},
      Body: { Error: { Code: e.code, Message: e.message, ActionIndex: at, HttpStatusCode: 400 } },
    };
  }
  const response = { Results: results };
  if (refuse && cellsRead > READ_CELL_LIMIT) {
    record(0, cellsRead);
    return refusal("ResponsePayloadSizeLimitExceeded", "Too many cells requested.");
  }
  const responseBytes = Buffer.byteLength(JSON.stringify(response));
  record(responseBytes, cellsRead);
  if (refuse && responseBytes > WEB_REQUEST_LIMIT)
    return refusal(
      "ResponsePayloadSizeLimitExceeded",
      "The response payload size has exceeded the limit."
    );
  return { ErrorCode: "", HttpStatusCode: 200, Headers: {}, Body: response };
}

function refusal(code: string, message: string): unknown {
  return { ErrorCode: code, ErrorMessage: message, HttpStatusCode: 413, Headers: {}, Body: null };
}

let sheetIds = 0;

/** The objects Excel keeps between requests, by reference id. */
const references = new Map<string, Node>();

function resolve(runtime: OfficeRuntime, nodes: Map<number, Node>, body: Body, id: number): Node {
  const path = body.ObjectPaths[String(id)];
  if (path?.ObjectPathType === PATH.reference) {
    const node = references.get(path.Name);
    if (!node) throw new HostError("InvalidObjectPath", `unknown reference ${path.Name}`);
    return node;
  }
  const known = nodes.get(id);
  if (known) return known;
  if (!path) throw new Error(`request names object path ${id} it never defined`);
  const parent =
    path.ParentObjectPathId === undefined
      ? ({ kind: "root" } as Node)
      : resolve(runtime, nodes, body, path.ParentObjectPathId);
  const referenced = (path.ArgumentInfo?.ReferencedObjectPathIds ?? []).map((ref) =>
    typeof ref === "number" ? resolve(runtime, nodes, body, ref) : undefined
  );
  const node = step(runtime, parent, path, referenced);
  nodes.set(id, node);
  return node;
}

function step(
  runtime: OfficeRuntime,
  parent: Node,
  path: ObjectPath,
  referenced: readonly (Node | undefined)[]
): Node {
  const args = path.ArgumentInfo?.Arguments ?? [];
  if (path.ObjectPathType === PATH.global) return { kind: "root" };
  if (parent.kind === "null") return parent;
  const name = path.Name;
  if (parent.kind === "root") {
    if (name === "Worksheets") return { kind: "sheets" };
    if (name === "_Runtime") return { kind: "runtime" };
    if (name === "Application") return { kind: "application" };
    return { kind: "other" };
  }
  if (parent.kind === "sheets") {
    const wanted = String(args[0]);
    const sheet = runtime.sheets.find((s) => s.name === wanted || s.id === wanted);
    if (name === "Add") {
      const added: MemorySheet = {
        id: `{sheet-${++sheetIds}}`,
        name: wanted,
        visibility: "Visible",
        cells: new Map(),
        formats: [],
      };
      runtime.sheets.push(added);
      return { kind: "sheet", sheet: added };
    }
    if (name === "GetItemOrNullObject") return sheet ? { kind: "sheet", sheet } : { kind: "null" };
    if (name === "GetItemAt") {
      const at = runtime.sheets[Number(args[0])];
      if (!at) throw new HostError("ItemNotFound", `没有第 ${String(args[0])} 张工作表`);
      return { kind: "sheet", sheet: at };
    }
    if (path.ObjectPathType === PATH.indexer || name === "GetItem") {
      if (!sheet) throw new HostError("ItemNotFound", `找不到工作表 ${wanted}`);
      return { kind: "sheet", sheet };
    }
    return { kind: "other" };
  }
  if (parent.kind === "sheet") {
    if (name === "GetRange" || name === "GetRanges")
      return { kind: "range", sheet: parent.sheet, address: String(args[0] ?? ""), part: "" };
    if (name === "GetRangeByIndexes") {
      const [row, col, rows, cols] = args.map(Number) as [number, number, number, number];
      const address = `${cellRef(row, col)}:${cellRef(row + rows - 1, col + cols - 1)}`;
      return { kind: "range", sheet: parent.sheet, address, part: "" };
    }
    if (name === "GetUsedRange" || name === "GetUsedRangeOrNullObject") {
      const used = usedAddress(parent.sheet);
      if (!used) {
        if (name === "GetUsedRange")
          return { kind: "range", sheet: parent.sheet, address: "A1", part: "" };
        return { kind: "null" };
      }
      return { kind: "range", sheet: parent.sheet, address: used, part: "" };
    }
    return { kind: "other" };
  }
  if (parent.kind === "range" && (name === "GetRow" || name === "GetBoundingRect")) {
    // office.js writes a large grid as sub-ranges: range.getRow(i).getBoundingRect(range.getRow(j)).
    const rect = rectOf(parent.address);
    if (name === "GetRow") {
      const row = rect.top + Number(args[0]);
      return { ...parent, address: `${cellRef(row, rect.left)}:${cellRef(row, rect.right)}` };
    }
    const other = referenced.find((n) => n?.kind === "range");
    if (name === "GetBoundingRect" && other?.kind === "range") {
      const b = rectOf(other.address);
      const top = Math.min(rect.top, b.top);
      const left = Math.min(rect.left, b.left);
      const bottom = Math.max(rect.bottom, b.bottom);
      const right = Math.max(rect.right, b.right);
      return { ...parent, address: `${cellRef(top, left)}:${cellRef(bottom, right)}` };
    }
  }
  if (parent.kind === "range")
    return { ...parent, part: parent.part ? `${parent.part}.${name}` : name };
  return { kind: "other" };
}

function usedAddress(sheet: MemorySheet): string | undefined {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [r, line] of sheet.cells)
    for (const [c, cell] of line) {
      if (cell.formula === null || cell.formula === "" || cell.formula === undefined) continue;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  if (bottom < 0) return undefined;
  return `${cellRef(top, left)}:${cellRef(bottom, right)}`;
}

function rectOf(address: string): { top: number; left: number; bottom: number; right: number } {
  const bare = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const rect = parseRange(bare);
  if (rect) return rect;
  const one = parseRef(bare);
  if (one) return { top: one.row, left: one.col, bottom: one.row, right: one.col };
  throw new HostError("InvalidArgument", `bad address ${address}`);
}

function query(
  runtime: OfficeRuntime,
  node: Node,
  select: readonly string[]
): { value: unknown; cells: number } {
  const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  if (node.kind === "null") return { value: null, cells: 0 };
  if (node.kind === "runtime") return { value: { EnableEvents: runtime.enableEvents }, cells: 0 };
  if (node.kind === "sheets")
    return {
      value: {
        _Items: runtime.sheets.map((s) => ({ Id: s.id, Name: s.name, Visibility: s.visibility })),
      },
      cells: 0,
    };
  if (node.kind === "sheet")
    return {
      value: { Id: node.sheet.id, Name: node.sheet.name, Visibility: node.sheet.visibility },
      cells: 0,
    };
  if (node.kind !== "range" || node.part !== "") return { value: {}, cells: 0 };
  const rect = rectOf(node.address);
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  const grid = (
    pick: (cell: { value: unknown; formula: unknown; error?: boolean } | undefined) => unknown
  ) =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) =>
        pick(node.sheet.cells.get(rect.top + r)?.get(rect.left + c))
      )
    );
  const value: Record<string, unknown> = {};
  let cells = 0;
  for (const name of select) {
    const key = pascal(name);
    if (name === "address") value[key] = `${quoted(node.sheet.name)}!${node.address}`;
    else if (name === "rowCount") value[key] = rows;
    else if (name === "columnCount") value[key] = cols;
    else if (name === "rowIndex") value[key] = rect.top;
    else if (name === "columnIndex") value[key] = rect.left;
    else if (name === "values" || name === "formulas" || name === "valueTypes" || name === "text") {
      cells += rows * cols;
      value[key] = grid((cell) => {
        if (name === "formulas") return cell?.formula ?? "";
        const v = cell?.value ?? "";
        if (name === "valueTypes")
          return cell?.error
            ? "Error"
            : v === ""
              ? "Empty"
              : typeof v === "number"
                ? "Double"
                : typeof v === "boolean"
                  ? "Boolean"
                  : "String";
        return v;
      });
    }
  }
  return { value, cells };
}

function quoted(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function setProperty(runtime: OfficeRuntime, node: Node, name: string, value: unknown): void {
  if (node.kind === "runtime" && name === "EnableEvents") runtime.enableEvents = value === true;
  else if (node.kind === "sheet" && name === "Name") node.sheet.name = String(value);
  else if (node.kind === "sheet" && name === "Visibility") node.sheet.visibility = String(value);
  else if (
    node.kind === "range" &&
    node.part === "" &&
    (name === "Formulas" || name === "Values")
  ) {
    const rect = rectOf(node.address);
    const rows = value as unknown[][];
    rows.forEach((line, r) =>
      line.forEach((v, c) => {
        const row = rect.top + r;
        const grid = node.sheet.cells.get(row) ?? new Map();
        const typed = typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;
        grid.set(rect.left + c, {
          value: typeof v === "string" && v.startsWith("=") ? null : typed,
          formula: v,
        });
        node.sheet.cells.set(row, grid);
      })
    );
  } else if (node.kind === "range")
    node.sheet.formats.push({
      address: node.address,
      property: node.part ? `${node.part}.${name}` : name,
      value,
    });
}

function method(runtime: OfficeRuntime, node: Node, name: string): void {
  if (node.kind === "sheet" && name === "Delete") {
    const at = runtime.sheets.indexOf(node.sheet);
    if (at >= 0) runtime.sheets.splice(at, 1);
  }
}
