import { resolve } from "node:path";
import { DEFAULT_RATIO, DEFAULT_SAMPLE_RATIO, unusableFile, type Roster } from "../core";
import { checkFile, formatEntry, hasProblems } from "./check-command";
import { parseArgs, UsageError } from "./args";
import { collectInputs } from "./files";
import { runDemo } from "./demo-command";
import { loadRubric } from "./rubric-source";
import { writeRubric, writeTemplate } from "./template-command";
import { runConsolidate, writeFromReport } from "./consolidate-command";
import { feedbackOption } from "./feedback-command";
import { summarise } from "./summary-text";
import { checkOptions } from "./options";
import { VERSION } from "./version";
import { loadRoster, writeRoster } from "./roster-command";

const USAGE = `用法（支部达标创建助手 dabiao）：
  dabiao demo [-o 目录]                                 用内置示例数据演示：生成模板和示例打分表并检查
  dabiao template [-o 文件] [--rubric 文件] [--type 机关]  生成空白打分表模板
  dabiao rubric [-o 文件]                               生成可编辑的“评分标准”工作表
  dabiao check 文件或目录... [--json] [--rubric 文件]       检查已填写的打分表，列出问题、得分和等次
  dabiao consolidate 文件或目录... -o 报告.xlsx [--roster 名册.xlsx] [--previous 上次报告.xlsx] [--rubric 文件] [--json 摘要.json] [--accept-other-rubric] [--jobs N] [--feedback 目录 [--hints]]
                                                        合并汇总，生成汇总表、明细、问题清单、统计、推荐名单等
  dabiao roster [报告.xlsx] -o 名册.xlsx                  生成空白名册；给出汇总报告时，按报告中的党支部生成名册
  dabiao recommend 报告.xlsx -o 文件 [--ratio 0.2]          从汇总报告生成推荐名单（附件2）
  dabiao sample 报告.xlsx -o 文件 --seed N [--ratio 0.3]      从汇总报告抽取抽验名单（同一种子结果相同）
退出码：0 成功；1 完成但有文件被拒收或有错误；2 用法错误或无法执行。`;

const VALUED = new Set([
  "output",
  "rubric",
  "type",
  "previous",
  "json",
  "ratio",
  "seed",
  "roster",
  "jobs",
  "feedback",
]);
/** `check --json` is a switch (JSON to stdout); everywhere else --json names a file. */
const CHECK_VALUED = new Set([...VALUED].filter((o) => o !== "json"));

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[], now = new Date()): Promise<number> {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  try {
    const command = parseArgs(argv, CHECK_VALUED).command;
    const args = parseArgs(argv, command === "check" ? CHECK_VALUED : VALUED);
    if (args.options.has("version") || args.options.has("v") || args.command === "version") {
      out(`支部达标创建助手 dabiao ${VERSION}`);
      return 0;
    }
    if (
      args.options.has("help") ||
      args.options.has("h") ||
      args.command === undefined ||
      args.command === "help"
    ) {
      out(USAGE);
      return args.command === undefined && !args.options.has("help") ? 2 : 0;
    }
    checkOptions(args);
    const source = loadRubric(args.options.get("rubric"));
    if ("problems" in source) {
      source.problems.forEach(err);
      return 2;
    }
    const rubric = source.rubric;
    const output = args.options.get("output");
    switch (args.command) {
      case "template":
        out(
          `已生成：${await writeTemplate(rubric, output ?? "打分表模板.xlsx", args.options.get("type"), now)}`
        );
        return 0;
      case "rubric":
        out(`已生成：${await writeRubric(rubric, output ?? "评分标准.xlsx")}`);
        return 0;
      case "demo": {
        const c = await runDemo(rubric, resolve(output ?? "dabiao-demo"), now, out);
        return c.branches.length > 0 ? 0 : 2;
      }
      case "check": {
        if (args.positional.length === 0) throw new UsageError("请给出要检查的文件或目录。");
        const { files, missing } = collectInputs(args.positional);
        missing.forEach((m) => err(`找不到：${m}`));
        if (files.length === 0) return 2;
        const entries = files.map((f, i) => {
          if (files.length > 20) err(`检查 ${i + 1}/${files.length}：${f}`);
          return checkFile(f, rubric, now);
        });
        if (args.options.has("json")) out(JSON.stringify(entries, null, 2));
        else entries.forEach((e) => out(`${formatEntry(e)}\n`));
        return entries.some(hasProblems) || missing.length > 0 ? 1 : 0;
      }
      case "consolidate": {
        if (args.positional.length === 0) throw new UsageError("请给出要汇总的文件或目录。");
        if (!output) throw new UsageError("请用 -o 指定汇总报告的输出文件。");
        const { files, missing } = collectInputs(args.positional);
        missing.forEach((m) => err(`找不到：${m}`));
        if (files.length === 0) {
          if (missing.length === 0) err(`${args.positional.join("、")} 中没有任何文件。`);
          return 2;
        }
        if (files.every((f) => unusableFile(f) !== null)) {
          err(nothingUsable(args.positional, files));
          return 2;
        }
        let roster: Roster | undefined;
        const rosterPath = args.options.get("roster");
        if (rosterPath !== undefined) {
          const read = loadRoster(rosterPath);
          if ("problems" in read) {
            read.problems.forEach(err);
            return 2;
          }
          roster = read.roster;
        }
        const c = await runConsolidate({
          files,
          output,
          rubric,
          now,
          acceptOtherRubric: args.options.has("accept-other-rubric"),
          ...(roster ? { roster } : {}),
          ...jobsOf(args.options.get("jobs")),
          ...(args.options.get("previous") ? { previous: args.options.get("previous") } : {}),
          ...(args.options.get("json") ? { json: args.options.get("json") } : {}),
          ...feedbackOption(args.options, out),
          progress: (done, total) => {
            if (total >= 50 && (done % 100 === 0 || done === total))
              err(`已读取 ${done}/${total} 个文件`);
          },
        });
        summarise(c, output).forEach(out);
        // Exit 1 is about this run's inputs: a branch only remembered from --previous is not one.
        return c.inputs.some((i) => i.status === "rejected") ||
          c.branches.some((b) => !b.vanished && b.errors > 0)
          ? 1
          : 0;
      }
      case "roster": {
        const target = output ?? "名册.xlsx";
        const n = writeRoster(target, args.positional[0], rubric, now);
        out(
          args.positional[0] === undefined
            ? `已生成空白名册：${target}`
            : `已生成名册（${n} 个党支部）：${target}`
        );
        return 0;
      }
      case "recommend":
      case "sample": {
        const report = args.positional[0];
        if (!report || !output)
          throw new UsageError(`用法：dabiao ${args.command} 报告.xlsx -o 输出文件`);
        const ratio = ratioOf(
          args.options.get("ratio"),
          args.command === "recommend" ? DEFAULT_RATIO : DEFAULT_SAMPLE_RATIO
        );
        const which =
          args.command === "recommend"
            ? ({ kind: "recommend", ratio } as const)
            : ({ kind: "sample", ratio, seed: seedOf(args.options.get("seed")) } as const);
        const c = await writeFromReport(report, output, rubric, now, which);
        if (which.kind === "recommend") {
          out(
            `推荐 ${c.recommendation.chosen.length} 个党支部（应不少于 ${c.recommendation.required} 个）：${output}`
          );
          if (c.recommendation.shortfall) out(c.recommendation.shortfall);
        } else out(`已生成抽验名单：${output}`);
        return 0;
      }
      default:
        throw new UsageError(`未知命令：${args.command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      err(USAGE);
      return 2;
    }
    err(`出错了：${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

/** What a folder held when none of it can be read: each kind counted, so the committee knows what arrived. */
function nothingUsable(paths: readonly string[], files: readonly string[]): string {
  const kinds = new Map<string, number>();
  for (const f of files) {
    const reason = unusableFile(f) ?? "";
    const kind = reason.startsWith("系统临时文件")
      ? "系统临时文件"
      : (/\.[^./\\]+$/.exec(f)?.[0].toLowerCase() ?? "无扩展名");
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const found = [...kinds]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([k, n]) => `${k} ${n} 个`)
    .join("，");
  return `${paths.join("、")} 中没有可以汇总的 .xlsx 打分表：共找到 ${files.length} 个文件（${found}）。请把党支部报送的 .xlsx 打分表放入文件夹后再汇总。`;
}

function ratioOf(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  // "20%" and "20％" are how people write it; "0.2" as well.
  const percent = /^\s*([\d.]+)\s*[%％]\s*$/.exec(text);
  const r = percent ? Number(percent[1]) / 100 : Number(text);
  if (!(r > 0 && r <= 1))
    throw new UsageError(`--ratio 应为 0 到 1 之间的小数或百分数，如 0.2 或 20%；收到“${text}”。`);
  return r;
}

function jobsOf(text: string | undefined): { jobs?: number } {
  if (text === undefined) return {};
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(
      `--jobs 应为 1 到 64 之间的整数（同时读取文件的线程数，1 为单线程）；收到“${text}”。`
    );
  return { jobs: n };
}

function seedOf(text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n))
    throw new UsageError("请用 --seed 指定一个整数随机种子，如 2019。");
  return n;
}
