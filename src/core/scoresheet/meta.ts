import { canonicalJson, rubricFingerprint } from "../rubric/fingerprint";
import type { Rubric } from "../rubric/rubric";
import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";
import { SCORESHEET } from "./layout";

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
  watch: "实时检查",
} as const;

/**
 * Whether a `_dabiao` row's key marks a chunk of the rubric's text. A scoresheet carries its rubric
 * so it describes itself; reading a submission needs only its fingerprint, never the chunks.
 */
export function carriesRubric(key: unknown): boolean {
  return typeof key === "string" && key.trim().startsWith(META_KEYS.rubric);
}

/** What every `_dabiao` sheet states: the workbook's format and the rubric it belongs to. */
export interface MetaFacts {
  readonly format: string;
  readonly rubricName: string;
  readonly rubricVersion: string;
  readonly fingerprint: string;
  readonly generatedAt: string;
}

/** A `_dabiao` row's value: text, or a formula the workbook computes. */
export type MetaValue = string | { readonly formula: string };

/** The hidden `_dabiao` sheet: format, rubric name, version and fingerprint, generation time, then any further rows. */
export function metaSheet(
  facts: MetaFacts,
  more: readonly (readonly [string, MetaValue])[] = []
): SheetSpec {
  const b = new SheetBuilder(META_SHEET, [{ width: 16 }, { width: 80 }]);
  const rows: (readonly [string, MetaValue])[] = [
    [META_KEYS.format, facts.format],
    [META_KEYS.name, facts.rubricName],
    [META_KEYS.version, facts.rubricVersion],
    [META_KEYS.fingerprint, facts.fingerprint],
    [META_KEYS.generatedAt, facts.generatedAt],
    ...more,
  ];
  rows.forEach(([k, v], r) => {
    b.value(r, 0, k, "meta");
    if (typeof v === "string") b.value(r, 1, v, "meta");
    else b.formula(r, 1, v.formula, "meta");
  });
  return b.build({ state: "hidden", protect: true });
}

/**
 * A scoresheet's `_dabiao`: it carries the rubric itself, in chunks a cell can hold, so the file is
 * self-describing. `watched` are 打分表 cells whose dropdown choices feed no formula: a 实时检查
 * row joins them in a formula, so choosing from a dropdown recalculates something and the add-in's
 * live check hears of it where the pick fires no change event (Excel on the web, office-js #3888).
 */
export function scoresheetMetaSheet(
  rubric: Rubric,
  generatedAt: string,
  watched: readonly string[] = []
): SheetSpec {
  const json = canonicalJson(rubric);
  const chunks: [string, MetaValue][] = [];
  for (let i = 0; i * CHUNK < json.length; i++)
    chunks.push([`${META_KEYS.rubric}${i + 1}`, json.slice(i * CHUNK, (i + 1) * CHUNK)]);
  return metaSheet(
    {
      format: TEMPLATE_FORMAT,
      rubricName: rubric.name,
      rubricVersion: rubric.version,
      fingerprint: rubricFingerprint(rubric),
      generatedAt,
    },
    watched.length === 0
      ? chunks
      : [
          ...chunks,
          [
            META_KEYS.watch,
            { formula: watched.map((ref) => `'${SCORESHEET}'!${ref}`).join('&"|"&') },
          ],
        ]
  );
}
