import { cellRef } from "../../sheet/address";
import { HEADER_FIELDS, type HeaderKey } from "./header";
import { enabledVetoes, type Item, type Rubric, type Section, type Veto } from "../rubric/rubric";
import { isSingleEntry, slotsOf, type Slot } from "../rubric/slots";

/** The 打分表 columns, 0-based, with their header text. */
export const COL = {
  code: 0,
  title: 1,
  standard: 2,
  max: 3,
  entry: 4,
  self: 5,
  note: 6,
  review: 7,
  sample: 8,
  final: 9,
} as const;
/** The table header texts, by column. */
export const TABLE_HEADERS = [
  "序号",
  "考核项目",
  "评分标准",
  "分值",
  "填报",
  "自评得分",
  "扣分说明及佐证材料",
  "审核得分",
  "抽验得分",
  "最终得分",
] as const;

/** The name of the scoresheet worksheet. */
export const SCORESHEET = "打分表";

/** One row of the item table, in order. */
export type TableRow =
  | {
      readonly kind: "section";
      readonly row: number;
      readonly section: Section;
      readonly firstItemRow: number;
      readonly lastRow: number;
    }
  | { readonly kind: "item"; readonly row: number; readonly item: Item; readonly slot?: Slot }
  | { readonly kind: "slot"; readonly row: number; readonly item: Item; readonly slot: Slot };

/** Where everything sits on the generated 打分表 (0-based rows). */
export interface TemplateLayout {
  readonly header: Readonly<
    Record<
      HeaderKey,
      {
        readonly label: string;
        readonly labelCol: number;
        readonly row: number;
        readonly valueCol: number;
      }
    >
  >;
  readonly printTitleRow: number;
  readonly tableHeaderRow: number;
  readonly rows: readonly TableRow[];
  readonly slotRow: ReadonlyMap<string, number>;
  readonly itemRow: ReadonlyMap<string, number>;
  readonly sectionRow: ReadonlyMap<string, number>;
  readonly totalRow: number;
  readonly vetoHeaderRow: number;
  readonly vetoRows: readonly { readonly row: number; readonly veto: Veto }[];
  readonly result: {
    readonly selfTotal: number;
    readonly finalTotal: number;
    readonly selfTier: number;
    readonly finalTier: number;
    readonly explain: number;
  };
  readonly signatureRow: number;
}

const HEADER_TOP = 2;

/** Plans the 打分表 rows for a rubric: header block, item table with sub-rows, totals, vetoes, result. */
export function layoutTemplate(rubric: Rubric): TemplateLayout {
  // Rubrics are immutable values: every file of a batch shares one layout.
  const known = layouts.get(rubric);
  if (known) return known;
  const layout = planLayout(rubric);
  layouts.set(rubric, layout);
  return layout;
}

const layouts = new WeakMap<Rubric, TemplateLayout>();

function planLayout(rubric: Rubric): TemplateLayout {
  const header = {} as Record<
    HeaderKey,
    { label: string; labelCol: number; row: number; valueCol: number }
  >;
  HEADER_FIELDS.forEach((f, i) => {
    const left = i % 2 === 0;
    header[f.key] = {
      label: f.label,
      row: HEADER_TOP + Math.floor(i / 2),
      labelCol: left ? 0 : 3,
      valueCol: left ? 2 : 6,
    };
  });
  const printTitleRow = HEADER_TOP + Math.ceil(HEADER_FIELDS.length / 2);
  const tableHeaderRow = printTitleRow + 1;
  let row = tableHeaderRow + 1;
  const rows: TableRow[] = [];
  const slotRow = new Map<string, number>();
  const itemRow = new Map<string, number>();
  const sectionRow = new Map<string, number>();
  for (const section of rubric.sections) {
    const sectionIndex = rows.length;
    const start = row++;
    sectionRow.set(section.code, start);
    for (const item of section.items) {
      itemRow.set(item.code, row);
      if (isSingleEntry(item)) {
        const slot = slotsOf(item)[0];
        if (slot) slotRow.set(slot.key, row);
        rows.push(
          slot ? { kind: "item", row: row++, item, slot } : { kind: "item", row: row++, item }
        );
        continue;
      }
      rows.push({ kind: "item", row: row++, item });
      for (const slot of slotsOf(item)) {
        slotRow.set(slot.key, row);
        rows.push({ kind: "slot", row: row++, item, slot });
      }
    }
    rows.splice(sectionIndex, 0, {
      kind: "section",
      row: start,
      section,
      firstItemRow: start + 1,
      lastRow: row - 1,
    });
  }
  const totalRow = row++;
  row++;
  const vetoHeaderRow = row++;
  const vetoRows = enabledVetoes(rubric).map((veto) => ({ row: row++, veto }));
  row++;
  const result = {
    selfTotal: row,
    finalTotal: row + 1,
    selfTier: row + 2,
    finalTier: row + 3,
    explain: row + 4,
  };
  row += 6;
  return {
    header,
    printTitleRow,
    tableHeaderRow,
    rows,
    slotRow,
    itemRow,
    sectionRow,
    totalRow,
    vetoHeaderRow,
    vetoRows,
    result,
    signatureRow: row,
  };
}

/** The A1 address of a header field's value cell. */
export function headerRef(layout: TemplateLayout, key: HeaderKey): string {
  const h = layout.header[key];
  return cellRef(h.row, h.valueCol);
}
