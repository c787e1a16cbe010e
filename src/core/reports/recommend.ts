import type { Consolidation } from "../consolidation/model";
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

/** The 推荐名单, laid out as the notice's 附件2, one row per recommended branch, ready to print and stamp. */
export function recommendSheet(c: Consolidation, options: RecommendFormOptions = {}): SheetSpec {
  const b = new SheetBuilder(
    REPORT_SHEETS.recommend,
    WIDTHS.map((width) => ({ width }))
  );
  b.value(0, 0, "附件2", "heading").height(0, 24);
  b.value(1, 0, RECOMMEND_FORM.title, "title").merge(1, 0, 1, LAST).height(1, 44);
  b.value(2, 0, `单位（盖章）：${options.unit ?? ""}`, "formLine").merge(2, 0, 2, 1);
  b.value(2, 2, `填写时间：${dateLine(options.year)}`, "formLineRight")
    .merge(2, 2, 2, LAST)
    .height(2, 30);
  RECOMMEND_FORM.columns.forEach((text, col) => b.value(3, col, text, "formHead"));
  b.height(3, 32);

  const chosen = c.recommendation.chosen;
  const rows = Math.max(chosen.length, MIN_ROWS);
  for (let i = 0; i < rows; i++) {
    const branch = chosen[i];
    const h = branch?.header;
    const r = 4 + i;
    b.value(r, 0, branch ? i + 1 : null, "formCell").value(r, 1, h?.name ?? null, "formCellLeft");
    b.value(r, 2, h?.leader ?? null, "formCell")
      .value(r, 3, h?.contact ?? null, "formCell")
      .value(r, 4, h?.type ?? null, "formCell");
    b.height(r, 30);
  }
  const after = 4 + rows;
  b.value(after, 0, RECOMMEND_FORM.remark, "formLine")
    .merge(after, 0, after, LAST)
    .height(after, 26);
  const shortfall = c.recommendation.shortfall;
  if (shortfall !== null)
    b.value(after + 1, 0, shortfall, "note")
      .merge(after + 1, 0, after + 1, LAST)
      .height(after + 1, 30);
  return b.build({ print: formPrint("4:4") });
}
