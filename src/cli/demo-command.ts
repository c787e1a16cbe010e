import { utimesSync } from "node:fs";
import { join } from "node:path";
import {
  buildTemplate,
  cellRef,
  COL,
  demoBranches,
  demoRoster,
  rosterSheet,
  singleSheetWorkbook,
  fillTemplate,
  layoutTemplate,
  sampleBranches,
  SCORESHEET,
  type Consolidation,
  type Rubric,
  type WorkbookSpec,
} from "../core";
import { writeXlsx } from "../adapters/xlsx/write/writer";
import { nodeDeflate } from "../adapters/xlsx/node-flate";
import { runConsolidate } from "./consolidate-command";
import { collectInputs, writeAtomic, writeWorkbook } from "./files";
import { loadRoster } from "./roster-command";
import { summarise } from "./summary-text";
import { writeRubric, writeTemplate } from "./template-command";
import { pad } from "./text";

/** What someone trying to look better does to a scoresheet: a score typed over its formula, a raised 分值. */
export function tamper(spec: WorkbookSpec, rubric: Rubric): WorkbookSpec {
  const layout = layoutTemplate(rubric);
  const d2 = layout.itemRow.get("D2") ?? 0;
  const b2 = layout.itemRow.get("B2") ?? 0;
  const patched = new Map<string, number>([
    [cellRef(d2, COL.self), 4],
    [cellRef(b2, COL.max), 5],
  ]);
  return {
    ...spec,
    sheets: spec.sheets.map((s) =>
      s.name !== SCORESHEET
        ? s
        : {
            ...s,
            cells: s.cells.map((c) =>
              patched.has(c.ref)
                ? {
                    ref: c.ref,
                    value: patched.get(c.ref) ?? 0,
                    ...(c.style ? { style: c.style } : {}),
                  }
                : c
            ),
          }
    ),
  };
}

/** The main job on built-in sample data: template, submissions (with the usual trouble), consolidation, reports. */
export async function runDemo(
  rubric: Rubric,
  dir: string,
  now: Date,
  log: (line: string) => void
): Promise<Consolidation> {
  await writeTemplate(rubric, join(dir, "打分表模板.xlsx"), undefined, now);
  await writeRubric(rubric, join(dir, "评分标准.xlsx"));
  const inbox = join(dir, "报送文件");
  const spec = buildTemplate(rubric, { generatedAt: now.toISOString() });
  const write = async (file: string, filled: WorkbookSpec): Promise<string> => {
    const path = join(inbox, file);
    writeWorkbook(path, filled);
    return path;
  };
  const samples = [...sampleBranches(rubric), ...demoBranches(rubric, 27, 2019)];
  const [resubmitted, tampered, damaged] = [samples[5], samples[7], samples[8]];
  for (const s of samples) {
    if (s === tampered) await write(s.file, tamper(fillTemplate(spec, rubric, s.typed), rubric));
    else if (s === damaged) {
      // Cut off in transfer: the first half of a real file.
      const whole = await writeXlsx(fillTemplate(spec, rubric, s.typed), nodeDeflate);
      writeAtomic(join(inbox, s.file), whole.slice(0, Math.floor(whole.length / 2)));
    } else await write(s.file, fillTemplate(spec, rubric, s.typed));
  }
  // A resubmission: the branch first sent a file with a mistake, then a corrected one a day later.
  if (resubmitted) {
    const first = { ...resubmitted.typed, entries: { ...resubmitted.typed.entries, "E4.1": 2 } };
    const earlier = await write(
      resubmitted.file.replace(".xlsx", "（初报）.xlsx"),
      fillTemplate(spec, rubric, first)
    );
    const yesterday = new Date(now.getTime() - 86_400_000);
    utimesSync(earlier, yesterday, yesterday);
  }
  // The committees' roster, as they would keep it: every branch, two of which send nothing.
  const rosterPath = join(dir, "名册.xlsx");
  writeWorkbook(rosterPath, singleSheetWorkbook(rosterSheet(demoRoster(samples))));
  const roster = loadRoster(rosterPath);
  if ("problems" in roster) throw new Error(roster.problems.join("\n"));
  log(
    `已生成空白打分表、评分标准、名册和 ${samples.length + 1} 份报送文件（含一份重报、一份损坏、一份改过公式）：${dir}`
  );

  const report = join(dir, "汇总报告.xlsx");
  const c = await runConsolidate({
    files: collectInputs([inbox]).files,
    output: report,
    rubric,
    now,
    json: join(dir, "汇总摘要.json"),
    acceptOtherRubric: false,
    roster: roster.roster,
    progress: () => undefined,
  });
  log("");
  log(`${pad("党支部", 40)}${pad("最终", 7)}${pad("等次", 8)}错误/警告  标记`);
  const rows = [...c.branches].sort(
    (a, b) =>
      (a.header.committee ?? "").localeCompare(b.header.committee ?? "") ||
      b.totals.final - a.totals.final
  );
  for (const b of rows)
    log(
      `${pad(b.header.name ?? "", 40)}${pad(String(b.totals.final), 7)}${pad(b.tier, 8)}${pad(`${b.errors}/${b.warnings}`, 11)}${[...b.vetoes.map((v) => `否决项${v}`), ...b.flags].join("、")}`
    );
  log("");
  summarise(c, report).forEach(log);
  return c;
}
