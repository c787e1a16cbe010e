import type { Found, FoundScoresheet } from "./locate";

/** The texts the sheet's formulas compare against; any other text counts as 0 or "not 是" there. */
const FORMULA_TOKENS = new Set(["是", "否", "不适用", "好", "较好", "一般", "差"]);
const TEXT = "#文本";

/** A cell as the template's formulas see it: numbers and exact tokens count, other text and TRUE/FALSE do not. */
function asFormulasSee(f: Found): Found {
  if (typeof f.v === "number" || f.v === null) return f;
  if (typeof f.v === "string" && (FORMULA_TOKENS.has(f.v) || f.v === "")) return f;
  return { ...f, v: TEXT };
}

/**
 * The scoresheet as its own formulas read it. The engine reads "8分" as 8 (with a warning); the sheet's
 * formulas read it as 0. A cached total that matches this view is explained by such entries, not tampering.
 */
export function formulaView(found: FoundScoresheet): FoundScoresheet {
  const map = <K extends string>(r: Readonly<Record<K, Found>>): Record<K, Found> =>
    Object.fromEntries(Object.entries<Found>(r).map(([k, f]) => [k, asFormulasSee(f)])) as Record<
      K,
      Found
    >;
  const items = Object.fromEntries(
    Object.entries(found.items).map(([code, item]) => [
      code,
      { ...item, review: asFormulasSee(item.review), sample: asFormulasSee(item.sample) },
    ])
  );
  const header = { ...found.header };
  for (const key of ["groups", "satisfaction"] as const) {
    const f = header[key];
    if (f) header[key] = asFormulasSee(f);
  }
  return { ...found, header, slots: map(found.slots), vetoes: map(found.vetoes), items };
}
