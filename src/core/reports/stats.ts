import type { Consolidation } from "../consolidation/model";
import { percentText } from "../consolidation/recommend";
import { a4 } from "../print";
import { reportFacts } from "./facts";
import { TIERS, type Rubric } from "../rubric/rubric";
import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";
import { REPORT_SHEETS } from "../consolidation/report-format";
import { spannedRow, type Span } from "./table";
import { byCommitteeThenScore } from "./branch-order";

// One grid for every table of the sheet: the per-committee table needs the most columns (11 figures
// beside the committee's name); the others span several of them.
const WIDTHS = [5, 6, 22, 6, 6, 6, 6, 6, 6, 6, 7, 6, 6, 12];
const LAST = WIDTHS.length - 1;

/** The committee table's headers, after 所属党委. */
export const COMMITTEE_HEADERS = [
  "党支部数",
  "已报",
  "未报送",
  ...TIERS,
  "达标比例",
  "应推荐",
  "已推荐",
  "结论",
] as const;

/** The 统计 sheet: tiers by type, 达标比例 and the 20 % check over 党支部数, each committee's figures, deductions, vetoes. */
export function statsSheet(c: Consolidation, rubric: Rubric): SheetSpec {
  const f = reportFacts(c, rubric);
  const b = new SheetBuilder(
    REPORT_SHEETS.stats,
    WIDTHS.map((width) => ({ width }))
  );
  let r = 0;
  const row = (spans: readonly Span[], min = 20): void => {
    spannedRow(b, WIDTHS, r, spans, min);
    r++;
  };
  const heading = (text: string): void => row([[text, 0, LAST, "heading"]], 22);

  row([["标准化规范化建设达标创建统计", 0, LAST, "title"]], 30);
  row([[`评分标准：${rubric.name}（${rubric.version}）`, 0, LAST, "subtitle"]]);
  r++;

  heading(`一、党支部等次分布（${f.hasRoster ? "已报送的党支部" : "已报送的党支部；未提供名册"}）`);
  const tierSpans = (values: readonly (string | number)[], style: string): Span[] =>
    values.map((v, i): Span => [v, 3 + 2 * i, i === TIERS.length ? LAST : 4 + 2 * i, style]);
  row([["支部类型", 0, 2, "head"], ...tierSpans([...TIERS, "合计"], "head")], 24);
  for (const t of [...f.byType, { type: "合计", counts: f.counts, total: f.submitted }]) {
    const style = t.type === "合计" ? "total" : "number";
    row([
      [t.type, 0, 2, t.type === "合计" ? "total" : "text"],
      ...tierSpans([...TIERS.map((x) => t.counts[x]), t.total], style),
    ]);
  }
  r++;

  const line = (label: string, value: string | number, style: string, note: string): void =>
    row(
      [
        [label, 0, 2, "label"],
        [value, 3, 4, style],
        [note, 5, LAST, "text"],
      ],
      22
    );
  const passing = f.submitted - f.counts.未达标;
  line(
    "达标比例",
    f.passRate,
    "percent",
    f.hasRoster
      ? `达标及以上 ${passing} 个 ÷ 党支部数 ${f.total} 个（名册中的党支部和名册外报送的党支部；未报送的 ${f.missing} 个按未达标计）`
      : `达标及以上 ${passing} 个 ÷ 已报送的党支部 ${f.total} 个（未提供名册，未报送的党支部无法计入）`
  );
  line(
    `示范推荐（不少于${percentText(f.ratio)}）`,
    f.shortCommittees === 0 ? "符合" : "不足",
    "code",
    `已推荐 ${f.recommended} 个，按${f.hasRoster ? "党支部数" : "已报送的党支部"} ${f.total} 个应推荐不少于 ${f.required} 个` +
      (f.shortCommittees > 0 ? `；${f.shortCommittees} 个党委推荐不足，见下表` : "")
  );
  if (f.hasRoster)
    line("未报送的党支部", f.missing, "number", "名册中有、本次未收到打分表，名单见“收齐情况”");
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

  heading("二、各党委达标和推荐情况");
  row(
    [
      ["所属党委", 0, 2, "head"],
      ...COMMITTEE_HEADERS.map((h, i): Span => [h, 3 + i, 3 + i, "head"]),
    ],
    30
  );
  for (const k of c.committees) {
    const rec = k.recommendation;
    const short = rec.required - rec.chosen.length;
    row([
      [k.name, 0, 2, "text"],
      [k.branches, 3, 3, "number"],
      [k.submitted, 4, 4, "number"],
      [k.hasRoster ? k.missing.length : "—", 5, 5, "number"],
      ...TIERS.map((t, i): Span => [k.counts[t], 6 + i, 6 + i, "number"]),
      [k.passRate, 10, 10, "percent"],
      [rec.required, 11, 11, "number"],
      [rec.chosen.length, 12, 12, "number"],
      [short > 0 ? `不足，缺 ${short} 个` : "符合", 13, 13, "code"],
    ]);
  }
  const notes = c.committees.flatMap((k) =>
    k.recommendation.shortfall === null ? [] : [`${k.name}：${k.recommendation.shortfall}`]
  );
  if (!f.hasRoster) notes.push("未提供名册：党支部数按已报送的党支部计，“未报送”无法确定。");
  for (const note of notes) row([[note, 0, LAST, "note"]], 20);
  r++;

  const held = c.branches.filter((x) => !x.vanished && x.held.length > 0 && !x.verified);
  heading(`三、待核实的党支部（${held.length} 个，核实前不列入推荐名单和公示名单）`);
  row(
    [
      ["序号", 0, 0, "head"],
      ["所属党委", 1, 2, "head"],
      ["党支部名称", 3, 6, "head"],
      ["等次", 7, 8, "head"],
      ["原因", 9, LAST, "head"],
    ],
    24
  );
  held.sort(byCommitteeThenScore).forEach((x, i) =>
    row([
      [i + 1, 0, 0, "code"],
      [x.header.committee ?? "", 1, 2, "text"],
      [x.header.name ?? "", 3, 6, "text"],
      [x.tier, 7, 8, "code"],
      [x.held.join("；"), 9, LAST, "small"],
    ])
  );
  if (held.length === 0) row([["无。", 0, LAST, "text"]]);
  else
    row(
      [
        [
          "核实无误后，在“汇总表”该党支部一行的“核实”列选“已核实”，再次汇总即可列入名单。",
          0,
          LAST,
          "note",
        ],
      ],
      20
    );
  r++;

  heading("四、存在问题：扣分最多的项目");
  row(
    [
      ["序号", 0, 0, "head"],
      ["编号", 1, 1, "head"],
      ["项目", 2, 6, "head"],
      ["分值", 7, 8, "head"],
      ["扣分合计", 9, 10, "head"],
      ["平均每支部扣分", 11, 12, "head"],
      ["失分支部数", 13, 13, "head"],
    ],
    30
  );
  f.deductions.forEach((d, i) =>
    row([
      [i + 1, 0, 0, "code"],
      [d.code, 1, 1, "code"],
      [d.title, 2, 6, "text"],
      [d.max, 7, 8, "number"],
      [d.total, 9, 10, "score"],
      [Math.round(d.average * 100) / 100, 11, 12, "number"],
      [d.branches, 13, 13, "number"],
    ])
  );
  if (f.deductions.length === 0) row([["各党支部均未扣分。", 0, LAST, "text"]]);
  r++;

  heading("五、一票否决情况");
  row(
    [
      ["序号", 0, 0, "head"],
      ["编号", 1, 1, "head"],
      ["否决项", 2, 10, "head"],
      ["党支部数", 11, 13, "head"],
    ],
    24
  );
  f.vetoes.forEach((v, i) =>
    row(
      [
        [i + 1, 0, 0, "code"],
        [v.code, 1, 1, "code"],
        [v.title, 2, 10, "text"],
        [v.branches, 11, 13, "number"],
      ],
      30
    )
  );
  return b.build({ print: a4("标准化规范化建设达标创建统计", "portrait") });
}
