import type { Tier } from "../rubric/rubric";
import type { BranchRow } from "./model";

// 待核实: what keeps a branch off the stamped lists (推荐名单, 公示名单) until the committee has
// checked it and typed 已核实 in its 汇总表 row. The notice warns against 弄虚作假: nothing a branch
// altered, or typed in the committee's columns, is laundered onto a form unmarked.

/** What the committee types in a branch's 核实 cell to release it. */
export const VERIFIED = "已核实";

/** Why an integrity flag holds a branch back. */
const flagReason = (flag: string): string => `打分表被改动或与重新核算不符：${flag}`;

/** What a branch's own file says about it besides flags and errors, found while it is read. */
export interface HoldSigns {
  /** The branch typed into the 审核得分 or 抽验得分 columns, which the template leaves to the committee. */
  readonly typedStages: readonly ("审核" | "抽验")[];
  /** The tier the sheet's own formulas show the branch, when it differs from the engine's reading. */
  readonly sheetTier: Tier | null;
}

/** The reasons a branch is held back (待核实), in Chinese; empty when nothing holds it. */
export function heldReasons(
  row: Pick<BranchRow, "flags" | "errors" | "tier">,
  signs: HoldSigns
): string[] {
  const out = row.flags.map(flagReason);
  if (row.errors > 0) out.push(`打分表有 ${row.errors} 处错误，需核实更正`);
  for (const stage of signs.typedStages)
    out.push(`报送的打分表中已填有${stage}得分（该列应由党委填写）`);
  if (signs.sheetTier !== null && signs.sheetTier !== row.tier)
    out.push(
      `表内公式显示的等次为“${signs.sheetTier}”，按填报内容核算为“${row.tier}”（有写成文本、带单位或全角的数字），需核实`
    );
  return out;
}

/** The reasons again after a row's flags grew (a report's carried flags, another rubric): flag reasons follow the flags. */
export function withFlags(held: readonly string[], flags: readonly string[]): string[] {
  const others = held.filter((r) => !r.startsWith(flagReason("")));
  return [...new Set([...flags.map(flagReason), ...others])];
}

/** True when the branch may go on 推荐名单 and 公示名单: nothing holds it, or the committee released it. */
export function releasable(b: Pick<BranchRow, "held" | "verified" | "vanished">): boolean {
  return !b.vanished && (b.held.length === 0 || b.verified);
}
