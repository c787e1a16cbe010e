import type { SheetSpec, ValidationSpec } from "../../../sheet/spec";
import { overlaps, parseRange, rangeText, type Rect } from "../../../sheet/range";
import { attributes, xmlText } from "./xml";

/** Excel's last row: a range reaching it is a whole column, which exceljs expands cell by cell on read (#1842). */
const LAST_ROW = 1048575;

// Written by hand from the spec, one <dataValidation> per rule: exceljs kept validations per cell,
// and its range optimiser could write overlapping ranges (#2820) and never "E12:E14 E16" as one rule.

/** The <dataValidations> element of a sheet ("" for none): one <dataValidation> per spec, with the spec's ranges. */
export function validationsXml(sheet: SheetSpec): string {
  if (sheet.validations.length === 0) return "";
  const ruled = sheet.validations.map((v) => ({
    v,
    rects: v.ranges.map((r) => validationRect(sheet.name, r)),
  }));
  assertNoOverlap(
    sheet.name,
    ruled.flatMap((r) => r.rects)
  );
  const rules = ruled.map(({ v, rects }) => validationXml(v, rects.map(rangeText).join(" ")));
  return `<dataValidations count="${rules.length}">${rules.join("")}</dataValidations>`;
}

function validationXml(v: ValidationSpec, sqref: string): string {
  const [formula1, formula2] = formulaeOf(v);
  const attrs = attributes({
    type: v.type,
    operator: operatorOf(v),
    allowBlank: v.allowBlank ? "1" : undefined,
    showInputMessage: "1",
    showErrorMessage: "1",
    errorStyle: v.error.style,
    errorTitle: v.error.title,
    error: v.error.text,
    promptTitle: v.prompt.title,
    prompt: v.prompt.text,
    sqref,
  });
  const formulae = [formula1, formula2].map((f, i) =>
    f === undefined ? "" : `<formula${i + 1}>${xmlText(f)}</formula${i + 1}>`
  );
  return `<dataValidation${attrs}>${formulae.join("")}</dataValidation>`;
}

function formulaeOf(v: ValidationSpec): [string, string?] {
  if (v.type === "list") return [listFormula(v.list ?? [])];
  if (v.type !== "custom") return boundFormulae(v);
  if (v.formula === undefined)
    throw new Error(`a custom validation over ${v.ranges.join(" ")} needs a formula`);
  return [v.formula];
}

/** Both bounds: "between", Excel's default, so no operator is written; lists and formulas take none. */
function operatorOf(v: ValidationSpec): string | undefined {
  if (v.type === "list" || v.type === "custom") return undefined;
  if (v.min !== undefined && v.max === undefined) return "greaterThanOrEqual";
  if (v.min === undefined && v.max !== undefined) return "lessThanOrEqual";
  return undefined;
}

function boundFormulae(v: ValidationSpec): [string, string?] {
  if (v.min !== undefined && v.max !== undefined) return [String(v.min), String(v.max)];
  const bound = v.min ?? v.max;
  if (bound === undefined)
    throw new Error(`a ${v.type} validation over ${v.ranges.join(" ")} needs min or max`);
  return [String(bound)];
}

/** A literal dropdown list: Excel rejects the whole file when it exceeds 255 characters or items hold commas. */
function listFormula(items: readonly string[]): string {
  if (items.length === 0) throw new Error("a dropdown list needs items");
  if (items.some((item) => item.includes(",")))
    throw new Error(`list items may not contain commas: ${items.join("|")}`);
  const formula = `"${items.join(",").replace(/"/g, '""')}"`;
  if (formula.length > 257) throw new Error(`list too long for a dropdown: ${formula}`);
  return formula;
}

function validationRect(sheetName: string, range: string): Rect {
  const rect = parseRange(range);
  if (rect === undefined) throw new Error(`bad validation range "${range}" on sheet ${sheetName}`);
  if (rect.bottom >= LAST_ROW)
    throw new Error(`whole-column validation "${range}" on sheet ${sheetName}`);
  return rect;
}

/** Overlapping validations make Excel repair the file; they are a bug in the description. */
function assertNoOverlap(sheetName: string, rects: readonly Rect[]): void {
  rects.forEach((a, i) => {
    for (const b of rects.slice(i + 1)) {
      if (overlaps(a, b))
        throw new Error(
          `validations overlap on sheet ${sheetName}: ${rangeText(a)} and ${rangeText(b)}`
        );
    }
  });
}
