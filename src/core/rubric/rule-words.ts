// The Chinese words for the rubric's scoring rules, as the 评分标准 sheet writes them and messages name them.

/** What a 计分方式 cell says: an item's scoring rule (LADDER = 评判 on 好/较好/一般/差), or a sub-row's kind. */
export type RowRule = "JUDGE" | "LADDER" | "BOOL" | "COUNT" | "CHECK" | "COVER" | "CLAUSE";
/** The Chinese word written for each 计分方式; the codes themselves are read too. */
export const RULE_WORDS: Readonly<Record<RowRule, string>> = {
  JUDGE: "评判",
  LADDER: "评判-四档",
  BOOL: "是否",
  COUNT: "计次",
  CHECK: "扣分",
  COVER: "覆盖率",
  CLAUSE: "扣分项",
};
