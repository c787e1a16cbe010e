import type { RosterRow } from "../reports/roster";
import { branchKey } from "../consolidation/identity";
import { readStars } from "../readings";
import type { SampleBranch } from "./branches";

/** Branches on the demo's roster that send nothing: the committee has to phone them (未报送). */
const SILENT: readonly RosterRow[] = [
  {
    committee: "市财政局机关党委",
    name: "市财政局会计科党支部",
    leader: "周敏",
    contact: "0391-3560188",
    type: "机关",
    stars: 3,
  },
  {
    committee: "市卫生健康委机关党委",
    name: "市卫生健康委疾控科党支部",
    leader: "孙立",
    contact: "0391-3561207",
    type: "机关",
    stars: null,
  },
];

/** The demo committees' roster: every demo branch as it would be listed, and two that never submit. */
export function demoRoster(samples: readonly SampleBranch[]): RosterRow[] {
  const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
  const listed = samples.flatMap((s): RosterRow[] => {
    const h = s.typed.header;
    const committee = text(h.committee);
    const name = text(h.name);
    if (committee === null || name === null) return [];
    return [
      {
        committee,
        name,
        leader: text(h.leader),
        contact: text(h.contact),
        type: text(h.type),
        stars: readStars(text(h.stars) ?? "") ?? null,
      },
    ];
  });
  // A branch that sent two files is still one line of the roster.
  const seen = new Set<string>();
  return [...listed, ...SILENT].filter((r) => {
    const key = branchKey(r.committee, r.name);
    return !seen.has(key) && (seen.add(key), true);
  });
}
