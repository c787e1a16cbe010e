/* global Excel */
// Reading the open workbook: its sheet list and the used ranges of named sheets, as WorkbookSnapshots.
import type { WorkbookSnapshot } from "../../sheet/snapshot";
import { sheetFromUsedRange, type LoadedRange } from "./used-range";

/** A sheet of the open workbook. */
export interface SheetInfo {
  readonly name: string;
  readonly hidden: boolean;
}

/** The sheets of the open workbook, in tab order. */
export async function listSheets(): Promise<SheetInfo[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    await context.sync();
    return sheets.items.map((s) => ({ name: s.name, hidden: s.visibility !== "Visible" }));
  });
}

/** Reads the named sheets (values and formulas of each used range) into a snapshot, in one sync; absent sheets are left out. */
export async function readSheets(names: readonly string[]): Promise<WorkbookSnapshot> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const wanted = names.map((name) => {
      const sheet = sheets.getItemOrNullObject(name);
      sheet.load("name,visibility");
      const used = sheet.getUsedRangeOrNullObject();
      used.load("address,values,formulas,valueTypes");
      return { name, sheet, used };
    });
    try {
      await context.sync();
    } catch {
      // Some hosts refuse to go on from a missing sheet in the same batch: list the sheets, then read those present.
      return readPresent(context, names);
    }
    return {
      sheets: wanted
        .filter((w) => !w.sheet.isNullObject)
        .map((w) =>
          sheetFromUsedRange(
            w.sheet.name,
            w.sheet.visibility !== "Visible",
            w.used.isNullObject ? null : loaded(w.used)
          )
        ),
    };
  });
}

async function readPresent(
  context: Excel.RequestContext,
  names: readonly string[]
): Promise<WorkbookSnapshot> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  const present = sheets.items.filter((s) => names.includes(s.name));
  const used = present.map((s) => {
    const range = s.getUsedRangeOrNullObject();
    range.load("address,values,formulas,valueTypes");
    return range;
  });
  await context.sync();
  return {
    sheets: present.map((s, i) => {
      const range = used[i];
      return sheetFromUsedRange(
        s.name,
        s.visibility !== "Visible",
        !range || range.isNullObject ? null : loaded(range)
      );
    }),
  };
}

function loaded(range: Excel.Range): LoadedRange {
  return {
    address: range.address,
    values: range.values,
    formulas: range.formulas,
    valueTypes: range.valueTypes,
  };
}

/** Activates a sheet and selects one cell (the cell of an issue the user clicked). */
export async function selectCell(sheetName: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}
