import type { BranchRow } from "./model";
import { seededRandom } from "../random";
import { requiredCount } from "./recommend";

/** How the work committee's 抽验 sample is drawn: the share of the pool and the seed that makes it reproducible. */
export interface SampleOptions {
  readonly ratio: number;
  readonly seed: number;
}

/** The share of passing branches the work committee samples unless it sets another. */
export const DEFAULT_SAMPLE_RATIO = 0.3;

/** The default draw for a year: the default share, seeded with the year, so anyone can draw the same list again. */
export function defaultSample(year: number): SampleOptions {
  return { ratio: DEFAULT_SAMPLE_RATIO, seed: year };
}

/** Why a branch must be inspected: five-star (the notice's 重点对象) or held back / flagged. */
export type MandatoryWhy = "fiveStar" | "held";

/** The 抽验 sample: every five-star passing branch and every held or flagged one, plus a seeded random share of the rest. */
export interface Sample {
  readonly mandatory: readonly BranchRow[];
  /** Why each mandatory branch is in, by key (five-star first when both). */
  readonly why: ReadonlyMap<string, MandatoryWhy>;
  /** In draw order. */
  readonly drawn: readonly BranchRow[];
  /** How many branches the random share was drawn from. */
  readonly pool: number;
}

const byKey = (a: BranchRow, b: BranchRow): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Draws the 抽验 sample; the same branches and seed give the same sample on any machine, whatever the input order. */
export function drawSample(branches: readonly BranchRow[], options: SampleOptions): Sample {
  // The notice samples branches that passed the committee's review; 未达标 ones and vanished ones are not in it.
  const passed = branches.filter((b) => !b.vanished && b.tier !== "未达标").sort(byKey);
  // The notice: 五星级基层党组织 are 重点对象 of the 抽验; a branch whose file was altered or that waits
  // for 核实 is inspected too.
  const why = new Map<string, MandatoryWhy>();
  for (const b of passed)
    if (b.header.stars === 5) why.set(b.key, "fiveStar");
    else if (b.held.length > 0 || b.flags.length > 0) why.set(b.key, "held");
  const mandatory = passed.filter((b) => why.has(b.key));
  const pool = passed.filter((b) => !why.has(b.key));
  const shuffled = shuffle(pool, seededRandom(options.seed));
  return {
    mandatory,
    why,
    drawn: shuffled.slice(0, requiredCount(pool.length, options.ratio)),
    pool: pool.length,
  };
}

/** Fisher–Yates with the given generator (a copy; the input is left alone). */
function shuffle<T>(list: readonly T[], next: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
