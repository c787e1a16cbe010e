import type { BranchRow, Consolidation } from "../consolidation/model";
import { formPrint } from "../print";
import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";
import { dateLine } from "./words";
import { REPORT_SHEETS } from "../consolidation/report-format";

/** 附件2's title, columns and footnote, word for word. */
export const RECOMMEND_FORM = {
  title: "推荐标准化规范化建设示范党支部名单",
  columns: ["序号", "党支部名称", "党支部负责人", "联系方式", "支部类型"],
  remark: "备注：支部类型填写农村、社区、机关、国有企业、非公企业和社会组织等。",
} as const;

/** Who fills the form and when: the unit's name (blank = written by hand) and the year. */
export interface RecommendFormOptions {
  readonly unit?: string;
  readonly year?: number;
}

const WIDTHS = [8, 38, 15, 18, 13];
const LAST = WIDTHS.length - 1;
/** A blank form still prints a few rows to fill by hand. */
const MIN_ROWS = 3;

/** The 推荐名单: the notice's 附件2 once per committee, each on its own printed page, ready to stamp. */
export function recommendSheet(c: Consolidation, options: RecommendFormOptions = {}): SheetSpec {
  const b = new SheetBuilder(
    REPORT_SHEETS.recommend,
    WIDTHS.map((width) => ({ width }))
  );
  const committees = c.committees.filter((k) => k.branches > 0);
  const blocks =
    committees.length === 0
      ? [{ unit: options.unit ?? "", chosen: [] as readonly BranchRow[] }]
      : committees.map((k) => ({
          // The caller's unit names the one committee a single-committee report is for.
          unit: committees.length === 1 && options.unit ? options.unit : k.name,
          chosen: k.recommendation.chosen,
        }));
  const breaks: number[] = [];
  let top = 0;
  for (const block of blocks) {
    if (top > 0) breaks.push(top);
    top = form(b, top, block.unit, block.chosen, options.year) + 1;
  }
  return b.build({
    print: {
      ...formPrint(blocks.length === 1 ? "4:4" : undefined),
      ...(breaks.length > 0 && { breaks }),
    },
  });
}

/** One 附件2 from row `top`; returns the row after its 备注 line. */
function form(
  b: SheetBuilder,
  top: number,
  unit: string,
  chosen: readonly BranchRow[],
  year: number | undefined
): number {
  b.value(top, 0, "附件2", "heading").height(top, 24);
  b.value(top + 1, 0, RECOMMEND_FORM.title, "title")
    .merge(top + 1, 0, top + 1, LAST)
    .height(top + 1, 44);
  b.value(top + 2, 0, `单位（盖章）：${unit}`, "formLine").merge(top + 2, 0, top + 2, 1);
  b.value(top + 2, 2, `填写时间：${dateLine(year)}`, "formLineRight")
    .merge(top + 2, 2, top + 2, LAST)
    .height(top + 2, 30);
  RECOMMEND_FORM.columns.forEach((text, col) => b.value(top + 3, col, text, "formHead"));
  b.height(top + 3, 32);
  const rows = Math.max(chosen.length, MIN_ROWS);
  for (let i = 0; i < rows; i++) {
    const branch = chosen[i];
    const h = branch?.header;
    const r = top + 4 + i;
    b.value(r, 0, branch ? i + 1 : null, "formCell").value(r, 1, h?.name ?? null, "formCellLeft");
    b.value(r, 2, h?.leader ?? null, "formCell")
      .value(r, 3, h?.contact ?? null, "formCell")
      .value(r, 4, h?.type ?? null, "formCell");
    b.height(r, 30);
  }
  const after = top + 4 + rows;
  b.value(after, 0, RECOMMEND_FORM.remark, "formLine")
    .merge(after, 0, after, LAST)
    .height(after, 26);
  return after + 1;
}
