import { TIERS, type Consolidation } from "../core";
import { pad } from "./text";

/** The short summary a committee reads after consolidating: inputs, tiers by committee, recommendation. */
export function summarise(c: Consolidation, output: string): string[] {
  const by = (s: string): number => c.inputs.filter((i) => i.status === s).length;
  const lines = [
    `输入 ${c.inputs.length} 个文件：接收 ${by("accepted")}，拒收 ${by("rejected")}，被替代 ${by("superseded")}`,
    "",
    `${pad("所属党委", 26)}${TIERS.map((t) => pad(t, 8)).join("")}合计`,
  ];
  const committees = [
    ...new Set(c.branches.filter((b) => !b.vanished).map((b) => b.header.committee ?? "")),
  ].sort();
  for (const committee of committees) {
    const rows = c.branches.filter((b) => !b.vanished && b.header.committee === committee);
    lines.push(
      `${pad(committee, 26)}${TIERS.map((t) => pad(String(rows.filter((b) => b.tier === t).length), 8)).join("")}${rows.length}`
    );
  }
  lines.push(
    `${pad("合计", 26)}${TIERS.map((t) => pad(String(c.counts[t]), 8)).join("")}${TIERS.reduce((n, t) => n + c.counts[t], 0)}`
  );
  if (c.roster === null) lines.push("未提供名册：党支部数按已报送的党支部计，未报送情况无法确定。");
  else {
    lines.push(
      `名册 ${c.roster.expected} 个党支部：已报送 ${c.roster.submitted}，未报送 ${c.roster.missing.length}，名册外报送 ${c.roster.unlisted.length}`
    );
    for (const e of c.roster.missing)
      lines.push(
        `  未报送：${e.committee} / ${e.name}${e.leader ? `（${e.leader}${e.contact ? `，${e.contact}` : ""}）` : ""}`
      );
  }
  const total = c.committees.reduce((n, k) => n + k.branches, 0);
  lines.push(
    `达标比例 ${(c.passRate * 100).toFixed(1)}%（按${c.roster === null ? "已报送的党支部" : "党支部数"} ${total} 个）；推荐示范党支部 ${c.recommendation.chosen.length} 个（应不少于 ${c.recommendation.required} 个）`
  );
  if (c.recommendation.shortfall) lines.push(c.recommendation.shortfall);
  const held = c.branches.filter((b) => !b.vanished && b.held.length > 0 && !b.verified);
  if (held.length > 0) {
    lines.push(
      `待核实 ${held.length} 个党支部（不列入推荐名单和公示名单；核实后在汇总表“核实”列选“已核实”再汇总）：`
    );
    for (const b of held)
      lines.push(
        `  待核实：${b.header.committee ?? ""} / ${b.header.name ?? ""} —— ${b.held.join("；")}`
      );
  }
  for (const i of c.inputs.filter((x) => x.status !== "accepted"))
    lines.push(
      `  ${i.status === "rejected" ? "拒收" : "被替代"}：${i.file} —— ${i.reasons.join("；")}`
    );
  lines.push(`汇总报告：${output}`);
  return lines;
}
