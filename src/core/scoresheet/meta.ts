import { canonicalJson, rubricFingerprint } from "../rubric/fingerprint";
import type { Rubric } from "../rubric/rubric";
import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";

/** The hidden sheet that makes a scoresheet self-describing. */
export const META_SHEET = "_dabiao";
/** The template format this code writes and reads. */
export const TEMPLATE_FORMAT = "dabiao-scoresheet/1";

const CHUNK = 8000;

/** The keys of the `_dabiao` sheet's key/value rows. */
export const META_KEYS = {
  format: "格式版本",
  name: "评分标准名称",
  version: "评分标准版本",
  fingerprint: "评分标准指纹",
  generatedAt: "生成时间",
  rubric: "评分标准数据",
} as const;

/** The `_dabiao` sheet: format version, rubric name, version and fingerprint, the rubric itself, generation time. */
export function metaSheet(rubric: Rubric, generatedAt: string): SheetSpec {
  const b = new SheetBuilder(META_SHEET, [{ width: 16 }, { width: 80 }]);
  const rows: [string, string][] = [
    [META_KEYS.format, TEMPLATE_FORMAT],
    [META_KEYS.name, rubric.name],
    [META_KEYS.version, rubric.version],
    [META_KEYS.fingerprint, rubricFingerprint(rubric)],
    [META_KEYS.generatedAt, generatedAt],
  ];
  const json = canonicalJson(rubric);
  for (let i = 0; i * CHUNK < json.length; i++)
    rows.push([`${META_KEYS.rubric}${i + 1}`, json.slice(i * CHUNK, (i + 1) * CHUNK)]);
  rows.forEach(([k, v], r) => b.value(r, 0, k, "meta").value(r, 1, v, "meta"));
  return b.build({ state: "hidden", protect: true });
}
