import type { Consolidation } from "../consolidation/model";
import { percentText } from "../consolidation/recommend";
import { a4 } from "../print";
import { reportFacts } from "./facts";
import { TIERS, type Rubric } from "../rubric/rubric";
import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";
import { REPORT_SHEETS } from "../consolidation/report-format";

const WIDTHS = [6, 7, 30, 8, 9, 9, 10, 8];
const LAST = WIDTHS.length - 1;

/** The 统计 sheet: tiers by branch type, 达标比例, the 20% check, inputs, the most-deducted items, vetoes, overdue 换届. */
export function statsSheet(c: Consolidation, rubric: Rubric): SheetSpec {
  const f = reportFacts(c, rubric);
  const b = new SheetBuilder(
    REPORT_SHEETS.stats,
    WIDTHS.map((width) => ({ width }))
  );
  b.value(0, 0, "标准化规范化建设达标创建统计", "title").merge(0, 0, 0, LAST).height(0, 30);
  b.value(1, 0, `评分标准：${rubric.name}（${rubric.version}）`, "subtitle").merge(1, 0, 1, LAST);

  let r = 3;
  const heading = (text: string): void => {
    b.value(r, 0, text, "heading").merge(r, 0, r, LAST).height(r, 22);
    r++;
  };
  const header = (cells: readonly (readonly [number, number, string])[]): void => {
    for (const [from, to, text] of cells) {
      b.value(r, from, text, "head");
      if (to > from) b.merge(r, from, r, to, "head");
    }
    b.height(r, 30);
    r++;
  };

  heading("一、党支部等次分布");
  header([
    [0, 2, "支部类型"],
    ...TIERS.map((t, i): [number, number, string] => [3 + i, 3 + i, t]),
    [7, 7, "合计"],
  ]);
  for (const row of [...f.byType, { type: "合计", counts: f.counts, total: f.branches }]) {
    const style = row.type === "合计" ? "total" : "number";
    b.value(r, 0, row.type, row.type === "合计" ? "total" : "text").merge(
      r,
      0,
      r,
      2,
      row.type === "合计" ? "total" : "text"
    );
    TIERS.forEach((t, i) => b.value(r, 3 + i, row.counts[t], style));
    b.value(r, 7, row.total, style);
    r++;
  }
  r++;

  const line = (label: string, value: string | number, style: string, note: string): void => {
    b.value(r, 0, label, "label").merge(r, 0, r, 2, "label");
    b.value(r, 3, value, style);
    b.value(r, 4, note, "text").merge(r, 4, r, LAST, "text");
    b.height(r, 22);
    r++;
  };
  line(
    "达标比例",
    f.passRate,
    "percent",
    `达标及以上 ${f.branches - f.counts.未达标} 个 ÷ 党支部 ${f.branches} 个`
  );
  const enough = f.counts.示范 >= f.required;
  line(
    `示范推荐（不少于${percentText(f.ratio)}）`,
    enough ? "符合" : "不足",
    "code",
    `示范党支部 ${f.counts.示范} 个，按党支部数 ${f.branches} 个应推荐不少于 ${f.required} 个`
  );
  line(
    "收到文件",
    f.inputs.total,
    "number",
    `采用 ${f.inputs.accepted} + 退回 ${f.inputs.rejected} + 被替代 ${f.inputs.superseded}`
  );
  line("换届逾期的党支部", f.overdue, "number", "任期届满未换届（问题清单规则 V10）");
  if (f.vanished > 0)
    line(
      "本次未收到文件的党支部",
      f.vanished,
      "number",
      "上次汇总中有、本次未报送，未计入以上统计"
    );
  r++;

  heading("二、存在问题：扣分最多的项目");
  header([
    [0, 0, "序号"],
    [1, 1, "编号"],
    [2, 2, "项目"],
    [3, 3, "分值"],
    [4, 4, "扣分合计"],
    [5, 5, "平均每支部扣分"],
    [6, 6, "失分支部数"],
  ]);
  f.deductions.forEach((d, i) => {
    b.value(r, 0, i + 1, "code")
      .value(r, 1, d.code, "code")
      .value(r, 2, d.title, "text")
      .value(r, 3, d.max, "number");
    b.value(r, 4, d.total, "score")
      .value(r, 5, Math.round(d.average * 100) / 100, "number")
      .value(r, 6, d.branches, "number");
    r++;
  });
  if (f.deductions.length === 0) {
    b.value(r, 0, "各党支部均未扣分。", "text").merge(r, 0, r, 6, "text");
    r++;
  }
  r++;

  heading("三、一票否决情况");
  header([
    [0, 0, "序号"],
    [1, 1, "编号"],
    [2, 5, "否决项"],
    [6, 6, "党支部数"],
  ]);
  f.vetoes.forEach((v, i) => {
    b.value(r, 0, i + 1, "code")
      .value(r, 1, v.code, "code")
      .value(r, 2, v.title, "text")
      .merge(r, 2, r, 5, "text");
    b.value(r, 6, v.branches, "number").height(r, 30);
    r++;
  });
  return b.build({ print: a4("标准化规范化建设达标创建统计", "portrait") });
}
