import type { SheetSpec, WorkbookSpec } from "../sheet/spec";
import { STYLES } from "./styles";

/** Who every workbook says made it (document properties). */
export const CREATOR = "支部达标创建助手";

/** A workbook of sheets in the house styles, titled for its document properties. */
export function workbookOf(sheets: readonly SheetSpec[], title: string): WorkbookSpec {
  return { sheets: [...sheets], styles: STYLES, properties: { title, creator: CREATOR } };
}

/** One sheet (a report sheet, the 评分标准) as a workbook of its own, titled with the sheet's name. */
export function singleSheetWorkbook(sheet: SheetSpec): WorkbookSpec {
  return workbookOf([sheet], sheet.name);
}
