import ExcelJS from "exceljs";
import {
  buildTemplate,
  DEFAULT_RUBRIC,
  fillTemplate,
  type ConsolidationInput,
  type Rubric,
  type TypedFilling,
  type TypedValue,
  type WorkbookSpec,
} from "../../src/core";
import { readXlsx } from "../../src/adapters/xlsx/read/reader";
import { writeXlsx } from "../../src/adapters/xlsx/write/writer";
import { losing } from "./engine-filling";
import { fullMarks, validHeader } from "./fillings";

/** The day the committee consolidates: inside the 2019 cycle, before the 5月31日 deadline. */
export const TODAY = new Date(2019, 4, 20);

/** What a test says about one branch's scoresheet; everything else is a full-marks 机关 branch. */
export interface Submission {
  readonly committee?: string;
  readonly name?: string;
  readonly leader?: string;
  /** Points lost from full marks through real entries (engine-filling's `losing`). */
  readonly lose?: number;
  readonly stars?: TypedValue;
  readonly header?: TypedFilling["header"];
  readonly entries?: Readonly<Record<string, TypedValue>>;
  readonly reviews?: Readonly<Record<string, TypedValue>>;
  readonly samples?: Readonly<Record<string, TypedValue>>;
  readonly vetoes?: Readonly<Record<string, TypedValue>>;
  /** Explanations; by default every deduction is explained, as a careful branch would. */
  readonly notes?: Readonly<Record<string, TypedValue>>;
}

/** The scoresheet a branch typed: `typed({ name: "第二党支部", lose: 12 })` is an 88-point branch. */
export function typed(s: Submission = {}): TypedFilling {
  const base = fullMarks();
  const lost = s.lose ? losing(s.lose) : {};
  const entries = { ...base.entries, ...lost, ...s.entries };
  const explained = Object.fromEntries(
    Object.keys({ ...lost, ...s.entries }).map((k) => [k.split(".")[0] ?? k, "见佐证材料"])
  );
  return {
    header: validHeader({
      ...(s.committee !== undefined && { committee: s.committee }),
      ...(s.name !== undefined && { name: s.name }),
      ...(s.leader !== undefined && { leader: s.leader }),
      ...(s.stars !== undefined && { stars: s.stars }),
      ...s.header,
    }),
    entries,
    vetoes: { ...base.vetoes, ...s.vetoes },
    notes: { ...explained, ...s.notes },
    ...(s.reviews && { reviews: s.reviews }),
    ...(s.samples && { samples: s.samples }),
  };
}

const templates = new Map<Rubric, WorkbookSpec>();

/** The official template of a rubric, built once per test file. */
export function template(rubric: Rubric = DEFAULT_RUBRIC): WorkbookSpec {
  let t = templates.get(rubric);
  if (!t)
    templates.set(rubric, (t = buildTemplate(rubric, { generatedAt: "2019-04-01T08:00:00.000Z" })));
  return t;
}

/** The sheet description of a filled scoresheet; `change` edits it the way a tamperer or another tool would. */
export function filledSpec(
  s: Submission = {},
  options: { rubric?: Rubric; change?: (spec: WorkbookSpec) => WorkbookSpec } = {}
): WorkbookSpec {
  const rubric = options.rubric ?? DEFAULT_RUBRIC;
  const spec = fillTemplate(template(rubric), rubric, typed(s));
  return options.change ? options.change(spec) : spec;
}

/** The .xlsx bytes a branch would send. */
export async function scoresheetBytes(
  s: Submission = {},
  options: Parameters<typeof filledSpec>[1] = {}
): Promise<Uint8Array> {
  return writeXlsx(filledSpec(s, options));
}

/** Bytes read as the CLI reads a file: a snapshot, or the reader's Chinese reason. */
export function inputOf(
  file: string,
  bytes: Uint8Array,
  modified: number | null = null
): ConsolidationInput {
  try {
    return { file, modified, book: readXlsx(bytes) };
  } catch (e) {
    return { file, modified, book: null, readError: e instanceof Error ? e.message : String(e) };
  }
}

/** A submitted scoresheet, written to .xlsx and read back: the consolidation's input. */
export async function submitted(
  file: string,
  s: Submission = {},
  options: Parameters<typeof filledSpec>[1] & { modified?: number } = {}
): Promise<ConsolidationInput> {
  return inputOf(file, await scoresheetBytes(s, options), options.modified ?? null);
}

/** A workbook that is an ordinary spreadsheet, not a scoresheet: a 工资表 someone attached by mistake. */
export async function unrelatedWorkbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("工资表");
  sheet.addRow(["姓名", "部门", "实发工资"]);
  sheet.addRow(["王建国", "办公室", 5230]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A report workbook opened in exceljs, as a committee member would open it in Excel. */
export async function openWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

/** Saves an exceljs workbook back to bytes. */
export async function saveWorkbook(book: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A cell's value by 1-based row and column. */
function valueAt(sheet: ExcelJS.Worksheet, row: number, col: number): ExcelJS.CellValue {
  return sheet.findCell(row, col)?.value ?? null;
}

/** A table sheet (header in row 1) read as records by header text, as a person reads it. */
export function tableOf(book: ExcelJS.Workbook, sheetName: string): Record<string, unknown>[] {
  const sheet = book.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const headers: string[] = [];
  sheet
    .getRow(1)
    .eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = String(cell.value ?? "")));
  const rows: Record<string, unknown>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const record: Record<string, unknown> = {};
    headers.forEach((h, col) => {
      const v = valueAt(sheet, r, col);
      record[h] = v !== null && typeof v === "object" && "result" in v ? v.result : v;
    });
    if (Object.values(record).some((v) => v !== null && v !== undefined && v !== ""))
      rows.push(record);
  }
  return rows;
}

/** Types a value into the cell of a table sheet found by its row's (党支部名称, and optionally 编号) and its column header. */
export function typeInto(
  book: ExcelJS.Workbook,
  sheetName: string,
  where: { name: string; code?: string },
  header: string,
  value: string | number
): void {
  const sheet = book.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const col = (text: string): number => {
    let found = 0;
    sheet.getRow(1).eachCell((cell, c) => {
      if (String(cell.value) === text) found = c;
    });
    if (!found) throw new Error(`no column ${text} in ${sheetName}`);
    return found;
  };
  const nameCol = col("党支部名称");
  const codeCol = where.code === undefined ? 0 : col("编号");
  for (let r = 2; r <= sheet.rowCount; r++) {
    if (String(valueAt(sheet, r, nameCol)) !== where.name) continue;
    if (where.code !== undefined && String(valueAt(sheet, r, codeCol)) !== where.code) continue;
    sheet.getCell(r, col(header)).value = value;
    return;
  }
  throw new Error(`no row for ${where.name} ${where.code ?? ""} in ${sheetName}`);
}
