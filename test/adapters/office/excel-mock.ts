import { OfficeMockObject } from "office-addin-mock";
import { jsonBytes } from "../../../src/adapters/office/plan";

// A recording Excel built from office-addin-mock objects: every range, rule and call gets a sequence
// number, every sync records what it carried and whether events were on. The mock's own load/sync
// are replaced by seed functions (its sync resets seeded scalar properties it considers loaded).

/** One range the adapter asked for, with what it set on it. */
export type MockRange = OfficeMockObject & {
  seq: number;
  address: string;
  sheet: MockSheet;
  formulas?: unknown[][];
  numberFormat?: unknown[][];
  format: {
    protection: { locked?: boolean };
    font: Record<string, unknown>;
    fill: Record<string, unknown>;
    columnWidth?: number;
    rowHeight?: number;
  };
  dataValidation: {
    rule?: unknown;
    prompt?: unknown;
    errorAlert?: unknown;
    ignoreBlanks?: boolean;
  };
  merged?: number;
  selected?: number;
  rules: {
    seq: number;
    type: string;
    custom: {
      rule: { formula?: string };
      format: { fill: Record<string, unknown>; font: Record<string, unknown> };
    };
  }[];
};

/** One worksheet of the mock workbook. */
export type MockSheet = OfficeMockObject & {
  seq: number;
  name: string;
  visibility: string;
  ranges: MockRange[];
  protectedAt?: number;
  protectOptions?: unknown;
  pageBreaks?: string[];
  deleted?: boolean;
  activatedAt?: number;
  frozen?: { rows?: number; columns?: number; at?: string };
  handlers: { kind: "changed" | "calculated"; fn: () => Promise<void>; removed: boolean }[];
};

/** What one sync carried. */
export interface SyncRecord {
  readonly enableEvents: boolean;
  /** Estimated JSON bytes of the values, formats and rules queued since the previous sync. */
  readonly bytes: number;
  readonly ranges: number;
}

export interface ExcelMock {
  readonly Excel: unknown;
  readonly sheets: MockSheet[];
  readonly syncs: SyncRecord[];
  /** The live sheets by their current name. */
  sheet(name: string): MockSheet | undefined;
  /** Makes the next sync (counting from 1) throw. */
  failSync(n: number): void;
}

/** A mock workbook holding the given sheets (reads are tested against the real office.js runtime). */
export function excelMock(
  initial: { name: string; visibility?: string }[] = [{ name: "Sheet1" }]
): ExcelMock {
  let seq = 0;
  let pending: MockRange[] = [];
  let failing = -1;
  const sheets: MockSheet[] = [];
  const syncs: SyncRecord[] = [];
  const live = (): MockSheet[] => sheets.filter((s) => !s.deleted);
  const find = (name: string): MockSheet | undefined => live().find((s) => s.name === name);

  const nullObject = (): OfficeMockObject & Record<string, unknown> => {
    const o = Object.assign(new OfficeMockObject({}), {
      isNullObject: true,
      name: "",
      visibility: "",
    }) as OfficeMockObject & Record<string, unknown>;
    o["load"] = () => o;
    o["getUsedRangeOrNullObject"] = () => nullObject();
    return o;
  };

  const makeRange = (sheet: MockSheet, address: string): MockRange => {
    // Seeded scalars read as "not loaded" in office-addin-mock, so only the object structure is seeded.
    const range = Object.assign(
      new OfficeMockObject({
        format: { protection: {}, font: {}, fill: {}, borders: {} },
        dataValidation: {},
        conditionalFormats: {},
      }),
      {
        seq: ++seq,
        address,
        isNullObject: false,
      }
    ) as unknown as MockRange;
    range.sheet = sheet;
    range.rules = [];
    const edges: Record<string, { style?: string }> = {};
    (
      range.format as unknown as { borders: { getItem: (e: string) => { style?: string } } }
    ).borders.getItem = (edge: string) => (edges[edge] ??= {});
    (
      range as unknown as {
        conditionalFormats: { add: (type: string) => MockRange["rules"][number] };
      }
    ).conditionalFormats.add = (type: string) => {
      const rule = { seq: ++seq, type, custom: { rule: {}, format: { fill: {}, font: {} } } };
      range.rules.push(rule);
      return rule;
    };
    Object.assign(range, {
      merge: () => void (range.merged = ++seq),
      select: () => void (range.selected = ++seq),
      load: () => range,
    });
    sheet.ranges.push(range);
    pending.push(range);
    return range;
  };

  const makeSheet = (name: string, visibility = "Visible"): MockSheet => {
    const sheet = Object.assign(
      new OfficeMockObject({
        freezePanes: {},
        protection: {},
        autoFilter: {},
        pageLayout: { headersFooters: { defaultForAllPages: {} } },
        horizontalPageBreaks: {},
        onChanged: {},
        onCalculated: {},
      }),
      { seq: ++seq, isNullObject: false }
    ) as unknown as MockSheet;
    Object.assign(sheet, { name, visibility, ranges: [], handlers: [] });
    const events = (kind: "changed" | "calculated") => ({
      add: (fn: () => Promise<void>) => {
        const h = { kind, fn, removed: false };
        sheet.handlers.push(h);
        return { context, remove: () => void (h.removed = true) };
      },
    });
    Object.assign(sheet, {
      onChanged: events("changed"),
      onCalculated: events("calculated"),
      load: () => sheet,
      getRange: (address: string) => makeRange(sheet, address),
      getUsedRangeOrNullObject: () => nullObject(),
      activate: () => void (sheet.activatedAt = ++seq),
      delete: () => void (sheet.deleted = true),
    });
    Object.assign(sheet.freezePanes as object, {
      freezeRows: (rows: number) => void (sheet.frozen = { rows }),
      freezeColumns: (columns: number) => void (sheet.frozen = { columns }),
      freezeAt: (at: string) => void (sheet.frozen = { at }),
    });
    Object.assign(sheet.protection as object, {
      protect: (options: unknown) => {
        sheet.protectedAt = ++seq;
        sheet.protectOptions = options;
      },
    });
    Object.assign(sheet.autoFilter as object, { apply: () => undefined });
    Object.assign(sheet.horizontalPageBreaks as object, {
      add: (at: string) => void (sheet.pageBreaks ??= []).push(at),
    });
    Object.assign(sheet.pageLayout as object, {
      setPrintTitleRows: () => undefined,
      setPrintArea: () => undefined,
    });
    sheets.push(sheet);
    return sheet;
  };

  const worksheets = new OfficeMockObject({}) as OfficeMockObject & Record<string, unknown>;
  Object.assign(worksheets, {
    items: [] as MockSheet[],
    load: () => worksheets,
    add: (name: string) => {
      if (find(name)) throw new Error(`ItemAlreadyExists: ${name}`);
      return makeSheet(name);
    },
    getItem: (name: string) => {
      const s = find(name);
      if (!s) throw new Error(`ItemNotFound: ${name}`);
      return s;
    },
    getItemOrNullObject: (name: string) => find(name) ?? nullObject(),
  });
  const runtime = new OfficeMockObject({}) as OfficeMockObject & {
    enableEvents: boolean;
    load: () => void;
  };
  runtime.enableEvents = true;
  runtime.load = () => undefined;
  const context = new OfficeMockObject({ workbook: {} }) as OfficeMockObject &
    Record<string, unknown>;
  Object.assign(context.workbook as object, { worksheets });
  Object.assign(context, {
    runtime,
    sync: async () => {
      const bytes = pending.reduce(
        (sum, r) =>
          sum +
          160 +
          jsonBytes(r.formulas ?? null) +
          jsonBytes(r.numberFormat ?? null) +
          jsonBytes(r.dataValidation),
        0
      );
      syncs.push({ enableEvents: runtime.enableEvents, bytes, ranges: pending.length });
      pending = [];
      worksheets["items"] = live();
      if (syncs.length === failing)
        throw new Error("GeneralException: the mock refused this batch");
    },
  });
  for (const s of initial) makeSheet(s.name, s.visibility);
  worksheets["items"] = live();

  const Excel = new OfficeMockObject({}) as OfficeMockObject & Record<string, unknown>;
  Excel["run"] = async (a: unknown, b?: unknown) => {
    const fn = (typeof a === "function" ? a : b) as (ctx: unknown) => Promise<unknown>;
    return fn(context);
  };
  const mock: ExcelMock = {
    Excel,
    sheets,
    syncs,
    sheet: find,
    failSync: (n) => void (failing = n),
  };
  return mock;
}
