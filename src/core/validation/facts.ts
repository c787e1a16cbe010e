import type { Assessment } from "../scoring/assess";
import type { Filling } from "../scoring/filling";
import type { Issue } from "../issues";
import type { Rubric } from "../rubric/rubric";
import type { FoundScoresheet } from "../scoresheet/locate";

/** Checks of the branch's facts against the 条例 and the entries (V5–V15, V18, V23, satisfaction). */
export function checkFacts(
  rubric: Rubric,
  found: FoundScoresheet,
  filling: Filling,
  a: Assessment,
  today: Date
): Issue[] {
  const issues: Issue[] = [];
  const push = (
    severity: Issue["severity"],
    rule: string,
    cell: string | undefined,
    message: string
  ): void => {
    issues.push(
      cell
        ? { severity, rule, sheet: found.sheet, cell, message }
        : { severity, rule, sheet: found.sheet, message }
    );
  };
  const h = filling.header;
  const hc = (k: keyof typeof found.header): string | undefined => found.header[k]?.ref;
  const slot = (k: string): string | undefined => found.slots[k]?.ref;
  const e = filling.entries;

  if (h.members !== null) {
    if (h.members < 3)
      push(
        "警告",
        "V5",
        hc("members"),
        `正式党员 ${h.members} 人，不足3人的一般应与邻近单位成立联合党支部（覆盖单位一般不超过5个），请确认支部设置。`
      );
    const all = h.members + (h.probationary ?? 0);
    if (all > 50)
      push(
        "警告",
        "V6",
        hc("members"),
        `党员总数 ${all} 人，超过50人；党支部党员人数一般不超过50人，请考虑调整支部设置。`
      );
    if (h.members >= 7 && h.hasCommittee === false) {
      push(
        "错误",
        "V7",
        hc("hasCommittee"),
        `正式党员 ${h.members} 人（7人以上）应设支委会，现填“否”。`
      );
      if (e["A2.1"] === 0)
        push(
          "错误",
          "V7",
          slot("A2.1"),
          "正式党员7人以上而未设支委会，A2.1“应设未设支委会”应填1。"
        );
    }
    if (h.members < 7 && h.hasCommittee === true)
      push(
        "警告",
        "V9",
        hc("hasCommittee"),
        `正式党员 ${h.members} 人（不足7人），按条例设1名书记、必要时设1名副书记，一般不设支委会，请确认。`
      );
  }
  if (h.hasCommittee === true) {
    const size = h.committeeSize;
    if (size === null)
      push("错误", "V8", hc("committeeSize"), "设了支委会，请填写支委人数（3～7人）。");
    else if (size < 3 || size > 7)
      push(
        "错误",
        "V8",
        hc("committeeSize"),
        `支委人数 ${size} 人，支委会应由3至5人组成、一般不超过7人。`
      );
    else if (size > 5)
      push(
        "警告",
        "V8",
        hc("committeeSize"),
        `支委人数 ${size} 人，支委会一般由3至5人组成，请确认。`
      );
    if (e.D2 === "不适用")
      push(
        "错误",
        "V13",
        slot("D2"),
        "设了支委会，D2 支委会不能填“不适用”，请填召开了支委会的月份数。"
      );
  }
  if (h.hasCommittee === false && typeof e.D2 === "number")
    push("警告", "V13", slot("D2"), "未设支委会的，D2 支委会应填“不适用”（按满分计）。");
  if (typeof e.D2 === "number" && e.D2 < 12 && h.hasCommittee !== false)
    push("警告", "V13", slot("D2"), `支委会只有 ${e.D2} 个月召开，条例要求每月召开1次。`);
  if (h.groups !== null && h.groups > 0 && e.D3 === "不适用")
    push(
      "错误",
      "V14",
      slot("D3"),
      `设有 ${h.groups} 个党小组，D3 党小组会不能填“不适用”，请填各党小组召开党小组会的月份数之和。`
    );
  if (h.groups === 0 && typeof e.D3 === "number")
    push("警告", "V14", slot("D3"), "未设党小组的，D3 党小组会应填“不适用”（按满分计）。");
  if (typeof e.D3 === "number" && h.groups !== null && h.groups > 0 && e.D3 > h.groups * 12)
    push(
      "错误",
      "V14",
      slot("D3"),
      `D3 填了 ${e.D3} 个组月，超过 ${h.groups} 个党小组全年最多的 ${h.groups * 12} 个组月。`
    );
  if (typeof e.D1 === "number" && e.D1 < 4)
    push("警告", "V12", slot("D1"), `有 ${4 - e.D1} 个季度未召开党员大会，条例要求每季度召开1次。`);
  if (typeof e.D5 === "number" && e.D5 < 12)
    push("警告", "V15", slot("D5"), `有 ${12 - e.D5} 个月未开展主题党日，应每月相对固定1天开展。`);
  if (typeof e.D4 === "number" && e.D4 < 4)
    push("警告", "V15", slot("D4"), `全年党课 ${e.D4} 次，少于要求的4次。`);
  if (e["D6.1"] !== undefined && e["D6.1"] !== null && e["D6.1"] !== 0)
    push("警告", "V15", slot("D6.1"), "全年未召开组织生活会：D6 不得分，等次最高为达标。");
  if (e["D7.1"] !== undefined && e["D7.1"] !== null && e["D7.1"] !== 0)
    push("警告", "V15", slot("D7.1"), "全年未开展民主评议党员：D7 不得分，等次最高为达标。");
  if (e.B3 === false)
    push("警告", "V15", slot("B3"), "支部书记全年未讲党课，书记每年至少讲1次党课。");

  checkElection(rubric, found, filling, today, push);
  checkStars(found, filling, a, push);
  const sat = h.satisfaction;
  if (sat !== null && sat > 0 && sat <= 1)
    push(
      "警告",
      "V22",
      hc("satisfaction"),
      `群众满意度填的是 ${sat}，按 ${sat}% 计算（低于60%，等次最高为达标）；如果是 ${Math.round(sat * 1000) / 10}%，请填 ${Math.round(sat * 1000) / 10}。`
    );
  return issues;
}

function checkElection(
  rubric: Rubric,
  found: FoundScoresheet,
  filling: Filling,
  today: Date,
  push: (s: Issue["severity"], r: string, c: string | undefined, m: string) => void
): void {
  const h = filling.header;
  const last = h.lastElection;
  if (!last) return;
  const ref = found.header.lastElection?.ref;
  const lastMs = Date.UTC(last.year, last.month - 1, last.day);
  if (lastMs > today.getTime()) {
    push(
      "错误",
      "V18",
      ref,
      `上次换届时间 ${last.year}-${last.month}-${last.day} 晚于今天，请检查日期。`
    );
    return;
  }
  if (!h.type) return;
  const term = rubric.termYears[h.type];
  const dueMs = Date.UTC(last.year + term, last.month - 1, last.day);
  const year = h.year ?? today.getUTCFullYear();
  const assessedMs = Math.min(Date.UTC(year, 11, 31), today.getTime());
  if (dueMs >= assessedMs) return;
  const due = `${last.year + term}年${last.month}月`;
  const overAYear = Date.UTC(last.year + term + 1, last.month - 1, last.day) < assessedMs;
  const a31 = filling.entries["A3.1"];
  // Past the 1-year extension limit A3 must carry the deduction; once it does, only the election itself is left to do.
  if (overAYear && typeof a31 === "number" && a31 >= 1)
    push(
      "警告",
      "V10",
      ref,
      `${h.type}党支部任期${term}年，应于${due}换届，已逾期超过1年（延期一般不超过1年），请尽快换届。`
    );
  else if (overAYear)
    push(
      "错误",
      "V10",
      ref,
      `${h.type}党支部任期${term}年，应于${due}换届，已逾期超过1年（延期一般不超过1年）；A3.1 应填1并尽快换届。`
    );
  else if (a31 === 0)
    push(
      "警告",
      "V10",
      found.slots["A3.1"]?.ref ?? ref,
      `${h.type}党支部任期${term}年，应于${due}换届，现已届满；如无上级延期批复，A3.1 应填1。`
    );
}

function checkStars(
  found: FoundScoresheet,
  filling: Filling,
  a: Assessment,
  push: (s: Issue["severity"], r: string, c: string | undefined, m: string) => void
): void {
  const stars = filling.header.stars;
  const ref = found.header.stars?.ref;
  if (stars === null || stars === 0) return;
  const tier = a.tier.tier;
  if (stars >= 3 && tier === "未达标")
    push(
      "警告",
      "V23",
      ref,
      `现为${starWord(stars)}级党支部，本次等次为未达标；三星级及以上应达标，请核实。`
    );
  if (stars === 5 && tier !== "示范")
    push(
      "提示",
      "V23",
      ref,
      `五星级党支部本次等次为${tier}；示范党支部一般在五星级基层党组织中产生，请核实。`
    );
  if (tier === "示范" && stars <= 3)
    push(
      "提示",
      "V23",
      ref,
      `本次等次为示范，现为${starWord(stars)}级党支部；示范党支部一般在五星级基层党组织中产生，请核实。`
    );
}

/** 星级 in words: 3 → "三星", as the forms write it. */
function starWord(stars: number): string {
  return `${"一二三四五".charAt(stars - 1) || String(stars)}星`;
}
