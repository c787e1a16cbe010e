import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tamper } from "../../src/cli/demo-command";
import { consolidate, DEFAULT_RUBRIC, TIERS, type Rubric } from "../../src/core";
import { dabiao, type CliRun, type JsonSummary } from "../support/cli-run";
import * as H from "../support/hostile-corpus";
import { encryptXlsx, recalcXlsx, toXls } from "../support/libreoffice";
import {
  openWorkbook,
  scoresheetBytes,
  tableOf,
  TODAY,
  unrelatedWorkbook,
  type Submission,
  submitted,
} from "../support/submissions";
import { measureInChild, type Measured } from "../support/measure-child";

/** What may become of a file, as the committee reads it in the report. */
type Result = "接收" | "接收（有问题）" | "拒收" | "被替代";

/** One file of the hostile corpus: what it is, what must become of it, and how it is made. */
interface HostileCase {
  /** The file's name in the batch folder. */
  readonly file: string;
  /** 输入: what the file is. */
  readonly input: string;
  readonly result: Result;
  /** Text the outcome must contain: the reason (拒收, 被替代), or an issue or 标记 of the branch (接收（有问题）). */
  readonly says?: string;
  /** An accepted file's branch: its name, recomputed 最终总分 and 等次. */
  readonly branch?: readonly [name: string, final: number, tier: string];
  /** 说明: why this outcome. */
  readonly note: string;
  /** Modified this many days before the consolidation (default 1): decides which resubmission wins. */
  readonly daysOld?: number;
  readonly make: (k: Kit) => Promise<Uint8Array>;
}

/** What a generator may use: a branch's scoresheet as the official template writes it, and LibreOffice. */
interface Kit {
  sheet(s: Submission, options?: { rubric?: Rubric; tampered?: boolean }): Promise<Uint8Array>;
  viaLibreOffice(bytes: Uint8Array, how: "resave" | "xls" | "encrypt"): Promise<Uint8Array>;
}

const OTHER_RUBRIC: Rubric = {
  ...DEFAULT_RUBRIC,
  version: "2020.1",
  thresholds: { ...DEFAULT_RUBRIC.thresholds, 示范: 95 },
};
const HOSTILE_NAME = '=HYPERLINK("http://example.com/x","点我领奖")';

// The documentation: docs/hostile-inputs.md holds this table, rendered by `markdownTable` below.
const CASES: readonly HostileCase[] = [
  {
    file: "好-第一党支部.xlsx",
    input: "正常填写的打分表（满分）",
    result: "接收",
    branch: ["第一党支部", 100, "示范"],
    note: "对照：同一批中的正常文件照常汇总",
    make: (k) => k.sheet({ name: "第一党支部" }),
  },
  {
    file: "好-第二党支部.xlsx",
    input: "正常填写的打分表（扣 12 分）",
    result: "接收",
    branch: ["第二党支部", 88, "先进"],
    note: "对照；同一党支部的较早版本被它替代",
    make: (k) => k.sheet({ name: "第二党支部", lose: 12 }),
  },
  {
    file: "好-第三党支部.xlsx",
    input: "正常填写的打分表（扣 25 分）",
    result: "接收",
    branch: ["第三党支部", 75, "达标"],
    note: "对照",
    make: (k) => k.sheet({ name: "第三党支部", lose: 25 }),
  },
  {
    file: "好-第一党支部 - 副本.xlsx",
    input: "同一文件再交一次（内容相同，时间较早）",
    result: "被替代",
    says: "内容相同（重复报送）",
    note: "同一党支部只计一次，说明以哪个文件为准",
    daysOld: 3,
    make: (k) => k.sheet({ name: "第一党支部" }),
  },
  {
    file: "第二党支部（初报）.xlsx",
    input: "同一党支部较早的另一版本",
    result: "被替代",
    says: "修改时间较晚的“好-第二党支部.xlsx”",
    note: "以修改时间较晚的文件为准",
    daysOld: 3,
    make: (k) => k.sheet({ name: "第二党支部", lose: 20 }),
  },
  {
    file: "内联字符串与富文本.xlsx",
    input: "文本全部写成内联字符串（部分为富文本），没有 sharedStrings",
    result: "接收",
    branch: ["第四党支部", 95, "示范"],
    note: "其他软件的写法，读法与 Excel 的一致",
    make: async (k) => H.inlineStrings(await k.sheet({ name: "第四党支部", lose: 5 })),
  },
  {
    file: "整表维度与整列验证.xlsx",
    input: "<dimension> 为 A1:XFD1048576，数据验证覆盖整列（E:E、A1:XFD1048576）",
    result: "接收",
    branch: ["第五党支部", 92, "示范"],
    note: "不按声明的范围分配内存，只读实际存在的单元格",
    make: async (k) => H.wholeSheetRanges(await k.sheet({ name: "第五党支部", lose: 8 })),
  },
  {
    file: "命名空间前缀.xlsx",
    input: "元素带 x: 前缀（Open XML SDK 的写法）",
    result: "接收",
    branch: ["第六党支部", 90, "示范"],
    note: "按本地名识别元素",
    make: async (k) => H.prefixedElements(await k.sheet({ name: "第六党支部", lose: 10 })),
  },
  {
    file: "LibreOffice另存.xlsx",
    input: "用 LibreOffice 打开后另存（soffice --convert-to xlsx）",
    result: "接收",
    branch: ["第七党支部", 88, "先进"],
    note: "公式被改写、缓存重算，不算改动",
    make: async (k) => k.viaLibreOffice(await k.sheet({ name: "第七党支部", lose: 12 }), "resave"),
  },
  {
    file: "打分表改名.xlsx",
    input: "“打分表”工作表被改名为 Sheet1",
    result: "接收",
    branch: ["第八党支部", 85, "先进"],
    note: "按表头（考核项目、填报）找到打分表",
    make: async (k) => H.renamedScoresheet(await k.sheet({ name: "第八党支部", lose: 15 })),
  },
  {
    file: "日期为序列号.xlsx",
    input: "上次换届时间是日期序列号（43266）",
    result: "接收",
    branch: ["第九党支部", 100, "示范"],
    note: "Excel 的日期本来就是序列号",
    make: (k) => k.sheet({ name: "第九党支部", header: { lastElection: 43266 } }),
  },
  {
    file: "日期为文本.xlsx",
    input: "上次换届时间是文本“2018年6月15日”",
    result: "接收（有问题）",
    says: "“2018年6月15日”是文本，已按 2018年6月15日 读取",
    branch: ["第十党支部", 100, "示范"],
    note: "无歧义的文本日期照读，并提示",
    make: (k) => k.sheet({ name: "第十党支部", header: { lastElection: "2018年6月15日" } }),
  },
  {
    file: "文本数字.xlsx",
    input: "数字存成文本“12”、全角“４”、带单位“2.5分”",
    result: "接收（有问题）",
    says: "（数字存成了文本、带了单位），已按 2.5 计算",
    branch: ["第十一党支部", 99.5, "示范"],
    note: "无歧义的照读，逐格给出警告（表内公式不认）",
    make: (k) => k.sheet({ name: "第十一党支部", entries: { B2: "2.5分", D1: "４", D5: "12" } }),
  },
  {
    file: "填报8分.xlsx",
    input: "满分 3 分的 B2 填了“8分”",
    result: "接收（有问题）",
    says: "填的 8 超出范围，应在 0～3 之间",
    branch: ["第三十六党支部", 100, "示范"],
    note: "有错误的打分表照样接收，错误列入问题清单；得分按规则截到 0～分值",
    make: (k) => k.sheet({ name: "第三十六党支部", entries: { B2: "8分" } }),
  },
  {
    file: "超长说明.xlsx",
    input: "扣分说明长 10 万字",
    result: "接收",
    branch: ["第十二党支部", 100, "示范"],
    note: "文本截到 Excel 单元格上限 32767 字",
    make: async (k) => H.longNote(await k.sheet({ name: "第十二党支部" }), "G13", 100_000),
  },
  {
    file: "公式样文本.xlsx",
    input: `党支部名称为 ${HOSTILE_NAME}，负责人“+1”，联系方式“-2”`,
    result: "接收",
    branch: [HOSTILE_NAME, 100, "示范"],
    note: "原样作为文本读取和写出，不会变成公式",
    make: (k) => k.sheet({ name: HOSTILE_NAME, leader: "+1", header: { contact: "-2" } }),
  },
  {
    file: "删除_dabiao.xlsx",
    input: "隐藏的 _dabiao 工作表被删除",
    result: "接收（有问题）",
    says: "缺少隐藏的“_dabiao”工作表",
    branch: ["第十三党支部", 100, "示范"],
    note: "按当前评分标准计分并警告",
    make: async (k) => H.withoutMetaSheet(await k.sheet({ name: "第十三党支部" })),
  },
  {
    file: "改分值和公式.xlsx",
    input: "B2 分值改为 5，D2 自评得分公式被数字覆盖",
    result: "接收（有问题）",
    says: "公式被改动",
    branch: ["第十四党支部", 100, "示范"],
    note: "按评分标准重算，标记“分值被改动”“公式被改动”（可能弄虚作假）",
    make: (k) => k.sheet({ name: "第十四党支部" }, { tampered: true }),
  },
  {
    file: "合计与重算不符.xlsx",
    input: "自评总分单元格缓存为 98，重算为 88",
    result: "接收（有问题）",
    says: "合计与重算不符",
    branch: ["第十五党支部", 88, "先进"],
    note: "以重算为准，标记“合计与重算不符”",
    make: async (k) => forgedTotal(await k.sheet({ name: "第十五党支部", lose: 12 }), 98),
  },
  {
    file: "空文件.xlsx",
    input: "0 字节的文件",
    result: "拒收",
    says: "文件是空的（0 字节）",
    note: "常见于下载或拷贝没有完成",
    make: async () => new Uint8Array(0),
  },
  {
    file: "网页另存.xlsx",
    input: "HTML 网页表格改名为 .xlsx",
    result: "拒收",
    says: "这不是 .xlsx 工作簿",
    note: "一些系统的“导出 Excel”其实是网页",
    make: async () => H.htmlPage(),
  },
  {
    file: "CSV改名.xlsx",
    input: "CSV 文本改名为 .xlsx",
    result: "拒收",
    says: "可能是 CSV",
    note: "CSV 没有公式、格式和 _dabiao，无法核对",
    make: async () => H.csvText(),
  },
  {
    file: "截断.xlsx",
    input: "只传了一半的文件",
    result: "拒收",
    says: "文件已损坏",
    note: "找不到 zip 的目录",
    make: async (k) => H.truncated(await k.sheet({ name: "第十六党支部" })),
  },
  {
    file: "Word文档改名.xlsx",
    input: "Word 文档（.docx）改名为 .xlsx",
    result: "拒收",
    says: "不是 Excel 工作簿",
    note: "是 zip，但没有 xl/workbook.xml",
    make: async () => H.wordDocument(),
  },
  {
    file: "XML损坏.xlsx",
    input: "打分表的 XML 被截断（zip 完好）",
    result: "拒收",
    says: "已损坏（内容格式错误）",
    note: "zip 完好、内容不完整，同样拒收",
    make: async (k) => H.brokenXml(await k.sheet({ name: "第十七党支部" })),
  },
  {
    file: "字节被改.xlsx",
    input: "压缩包里 A1 的分值 3 被直接改成 9（不经 Excel）",
    result: "拒收",
    says: "文件已损坏",
    note: "每个部件核对 CRC-32，内容与写入时不符即拒收",
    make: async (k) => H.changedByte(await k.sheet({ name: "第三十七党支部" })),
  },
  {
    file: "旧版xls改名.xlsx",
    input: "Excel 97-2003 .xls（LibreOffice 转换）改名为 .xlsx",
    result: "拒收",
    says: "旧版 .xls 格式",
    note: "请另存为 .xlsx",
    make: async (k) => k.viaLibreOffice(await k.sheet({ name: "第十八党支部" }), "xls"),
  },
  {
    file: "设置打开密码.xlsx",
    input: "设置了打开密码（LibreOffice 加密保存，EncryptionInfo/EncryptedPackage）",
    result: "拒收",
    says: "设置了打开密码",
    note: "测试中由 LibreOffice 真实加密生成",
    make: async (k) => k.viaLibreOffice(await k.sheet({ name: "第十九党支部" }), "encrypt"),
  },
  {
    file: "zip加密.xlsx",
    input: "zip 条目带加密标志（压缩软件加的密码）",
    result: "拒收",
    says: "设置了打开密码",
    note: "任何条目带加密标志即拒收",
    make: async (k) => H.zipPassword(await k.sheet({ name: "第二十党支部" })),
  },
  {
    file: "zip炸弹.xlsx",
    input: "zip 炸弹：约 120 KB，打分表解压后 60 MB",
    result: "拒收",
    says: "解压后超过 50 MB",
    note: "按声明的大小拒收，不解压",
    make: async (k) => H.zipBomb(await k.sheet({ name: "第二十一党支部" })),
  },
  {
    file: "zip炸弹-谎报大小.xlsx",
    input: "zip 炸弹：声明打分表解压后只有 1000 字节",
    result: "拒收",
    says: "比它声明的大小更大",
    note: "解压时按声明大小封顶，超出即停",
    make: async (k) =>
      H.withDeclaredSize(
        H.zipBomb(await k.sheet({ name: "第二十二党支部" })),
        "xl/worksheets/sheet1.xml",
        1000
      ),
  },
  {
    file: "填表说明是zip炸弹.xlsx",
    input: "zip 炸弹藏在填表说明工作表（60 MB）",
    result: "接收",
    branch: ["第二十三党支部", 100, "示范"],
    note: "只读打分表和 _dabiao，其余工作表从不解压",
    make: async (k) => H.zipBomb(await k.sheet({ name: "第二十三党支部" }), 60, "填表说明"),
  },
  {
    file: "合计超限.xlsx",
    input: "打分表和共享字符串各解压为 30 MB（单个不超限，合计超限）",
    result: "拒收",
    says: "解压后超过 50 MB",
    note: "限额按整个工作簿计",
    make: async (k) => H.oversizedParts(await k.sheet({ name: "第三十五党支部" })),
  },
  {
    file: "二十万单元格.xlsx",
    input: "打分表下方多了 200,000 个单元格",
    result: "拒收",
    says: "有内容的单元格超过 100000 个",
    note: "边解析边计数，超限即停",
    make: async (k) => H.manyCells(await k.sheet({ name: "第二十四党支部" })),
  },
  {
    file: "工作表过多.xlsx",
    input: "加了 60 个工作表",
    result: "拒收",
    says: "工作表超过 50 个",
    note: "工作表清单读到第 51 个即停",
    make: async (k) => H.manySheets(await k.sheet({ name: "第二十五党支部" })),
  },
  {
    file: "DOCTYPE.xlsx",
    input: "打分表 XML 带 <!DOCTYPE>",
    result: "拒收",
    says: "含有 DTD 声明",
    note: "正常的 Excel/WPS 文件不会有",
    make: async (k) => H.withDoctype(await k.sheet({ name: "第二十六党支部" })),
  },
  {
    file: "billion-laughs.xlsx",
    input: "实体嵌套展开（billion laughs，10 层 × 10 倍）",
    result: "拒收",
    says: "含有 DTD 声明",
    note: "见到 DTD 即拒收，实体从不展开",
    make: async (k) => H.billionLaughs(await k.sheet({ name: "第二十七党支部" })),
  },
  {
    file: "外部实体.xlsx",
    input: "外部实体 file:///etc/passwd（XXE）",
    result: "拒收",
    says: "含有 DTD 声明",
    note: "从不读取外部文件",
    make: async (k) => H.externalEntity(await k.sheet({ name: "第二十八党支部" })),
  },
  {
    file: "深层嵌套.xlsx",
    input: "约 100 KB，打分表里有 45 MB 层层嵌套的元素（<a><a><a>…）",
    result: "拒收",
    says: "结构异常（元素嵌套过深或属性过多）",
    note: "嵌套超过 64 层即停（修复前：占用数百 MB 到数 GB 内存）",
    make: async (k) => H.deepNesting(await k.sheet({ name: "第三十三党支部" })),
  },
  {
    file: "海量属性.xlsx",
    input: "约 100 KB，打分表里一个元素带 800 万个属性",
    result: "拒收",
    says: "结构异常（元素嵌套过深或属性过多）",
    note: "一个元素超过 256 个属性即停（修复前：内存耗尽，进程崩溃，整批中断）",
    make: async (k) => H.manyAttributes(await k.sheet({ name: "第三十四党支部" })),
  },
  {
    file: "缺少sharedStrings.xlsx",
    input: "单元格引用共享字符串，但 sharedStrings.xml 缺失",
    result: "拒收",
    says: "缺少内部文件 xl/sharedStrings.xml",
    note: "文件不完整",
    make: async (k) => H.withoutSharedStrings(await k.sheet({ name: "第二十九党支部" })),
  },
  {
    file: "关系指向包外.xlsx",
    input: "打分表的关系指向 ../../../../etc/passwd",
    result: "拒收",
    says: "缺少内部文件 etc/passwd",
    note: "只在压缩包内查找部件",
    make: async (k) => H.hostileRelationship(await k.sheet({ name: "第三十党支部" }), "traversal"),
  },
  {
    file: "外部关系.xlsx",
    input: "打分表的关系是外部文件（TargetMode=External）",
    result: "拒收",
    says: "缺少内部文件",
    note: "外部目标从不打开",
    make: async (k) => H.hostileRelationship(await k.sheet({ name: "第三十一党支部" }), "external"),
  },
  {
    file: "不同评分标准.xlsx",
    input: "用另一版评分标准（指纹不同）生成的打分表",
    result: "拒收",
    says: "两者不同，已拒收。如确需合并：命令行加 --accept-other-rubric",
    note: "默认拒收；--accept-other-rubric 时接收并标记",
    make: (k) => k.sheet({ name: "第三十二党支部" }, { rubric: OTHER_RUBRIC }),
  },
  {
    file: "工资表.xlsx",
    input: "普通工作簿（不是打分表）",
    result: "拒收",
    says: "找不到“打分表”工作表",
    note: "没有含“考核项目”“填报”的表格",
    make: async () => unrelatedWorkbook(),
  },
  {
    file: "未填党支部名称.xlsx",
    input: "打分表没有填党支部名称",
    result: "拒收",
    says: "未填写“党支部名称”",
    note: "无法确定是哪个党支部",
    make: (k) => k.sheet({ name: "" }),
  },
];

const STATUS: Record<Result, "accepted" | "rejected" | "superseded"> = {
  接收: "accepted",
  "接收（有问题）": "accepted",
  拒收: "rejected",
  被替代: "superseded",
};

/** A scoresheet whose cached 自评总分 (a formula cell) is `value`, as a forged or stale file has it. */
async function forgedTotal(bytes: Uint8Array, value: number): Promise<Uint8Array> {
  const { layoutTemplate, cellRef, COL } = await import("../../src/core");
  const ref = cellRef(layoutTemplate(DEFAULT_RUBRIC).totalRow, COL.self);
  return H.edited(bytes, (x) =>
    x.edit(x.sheetPart("打分表"), (xml) => H.withCachedValue(xml, ref, value))
  );
}

/** The table of docs/hostile-inputs.md: 输入 / 结果 / 说明. */
function markdownTable(cases: readonly HostileCase[]): string {
  const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/</g, "&lt;");
  const result = (c: HostileCase): string => {
    const branch = c.branch ? `${c.branch[1]} 分，${c.branch[2]}` : "";
    if (c.result === "接收") return `接收（${branch}）`;
    if (c.result === "接收（有问题）") return `接收（${branch}），问题清单：“${c.says ?? ""}”`;
    return `${c.result}：“${c.says ?? ""}”`;
  };
  const rows = cases.map(
    (c) => `| ${cell(c.input)}（${cell(c.file)}） | ${cell(result(c))} | ${cell(c.note)} |`
  );
  return ["| 输入 | 结果 | 说明 |", "|---|---|---|", ...rows].join("\n");
}

describe("a batch of hostile and messy inputs, through `dabiao consolidate`", () => {
  let dir: string;
  let inbox: string;
  let run: CliRun;
  let summary: JsonSummary;
  let flags: Map<string, string>;
  let issues: Map<string, string[]>;
  const path = (file: string): string => join(inbox, file);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "dabiao-hostile-"));
    inbox = join(dir, "报送文件");
    await mkdir(inbox);
    const kit: Kit = {
      sheet: (s, options = {}) =>
        scoresheetBytes(s, {
          ...(options.rubric && { rubric: options.rubric }),
          ...(options.tampered && { change: (spec) => tamper(spec, DEFAULT_RUBRIC) }),
        }),
      viaLibreOffice: (bytes, how) => viaLibreOffice(dir, bytes, how),
    };
    for (const c of CASES) {
      await writeFile(path(c.file), await c.make(kit));
      const when = new Date(TODAY.getTime() - (c.daysOld ?? 1) * 86_400_000);
      await utimes(path(c.file), when, when);
    }
    run = await dabiao(
      "consolidate",
      inbox,
      "-o",
      join(dir, "汇总报告.xlsx"),
      "--json",
      join(dir, "摘要.json")
    );
    summary = JSON.parse(await readFile(join(dir, "摘要.json"), "utf8")) as JsonSummary;
    const book = await openWorkbook(await readFile(join(dir, "汇总报告.xlsx")));
    flags = new Map(
      tableOf(book, "汇总表").map((r) => [String(r["来源文件"]), String(r["标记"] ?? "")])
    );
    issues = new Map();
    for (const r of tableOf(book, "问题清单"))
      issues.set(String(r["文件"]), [
        ...(issues.get(String(r["文件"])) ?? []),
        String(r["问题说明"]),
      ]);
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("accounts for every file exactly once: inputs = accepted + rejected + superseded", () => {
    expect(summary.inputs.map((i) => i.file).sort()).toEqual(CASES.map((c) => path(c.file)).sort());
    const count = (status: string): number =>
      summary.inputs.filter((i) => i.status === status).length;
    expect(count("accepted") + count("rejected") + count("superseded")).toBe(CASES.length);
    const expected = (result: Result[]): number =>
      CASES.filter((c) => result.includes(c.result)).length;
    expect(run.out).toContain(
      `输入 ${CASES.length} 个文件：接收 ${expected(["接收", "接收（有问题）"])}，拒收 ${expected(["拒收"])}，被替代 ${expected(["被替代"])}`
    );
    // Finished, with rejected files: exit code 1, and the report was still written.
    expect(run.code).toBe(1);
  });

  it.each(CASES.map((c) => [c.file, c] as const))("%s", (_, c) => {
    const outcome = summary.inputs.find((i) => i.file === path(c.file));
    expect(outcome?.status).toBe(STATUS[c.result]);
    const reasons = outcome?.reasons.join("；") ?? "";
    if (c.result === "拒收" || c.result === "被替代") {
      expect(reasons).toContain(c.says);
      expect(reasons).toMatch(/[\u4e00-\u9fff]/);
      // The summary on stdout names the file beside its reason.
      expect(run.out).toContain(
        `${c.result === "拒收" ? "拒收" : "被替代"}：${path(c.file)} —— ${reasons}`
      );
      if (c.result === "拒收") expect(outcome?.branch).toBeNull();
      expect(summary.branches.filter((b) => b.file === path(c.file))).toEqual([]);
      return;
    }
    const [name, final, tier] = c.branch ?? [];
    const branch = summary.branches.filter((b) => b.file === path(c.file));
    expect(branch.map((b) => [b.name, b.finalTotal, b.tier])).toEqual([[name, final, tier]]);
    // The report names source files without their folder (the JSON summary keeps the path).
    const found = [flags.get(c.file) ?? "", ...(issues.get(c.file) ?? [])].join("\n");
    if (c.result === "接收（有问题）") expect(found).toContain(c.says);
    else expect(flags.get(c.file)).toBe("");
  });

  it("comes out with the good files' tiers counted once each, whatever else was in the batch", () => {
    const accepted = CASES.filter((c) => STATUS[c.result] === "accepted");
    const expected = Object.fromEntries(
      TIERS.map((t) => [t, accepted.filter((c) => c.branch?.[2] === t).length])
    );
    expect(summary.counts).toEqual(expected);
    expect(summary.branches).toHaveLength(accepted.length);
  });

  it("reads rich text and inline strings, whole-sheet ranges and prefixed elements exactly like the plain file", () => {
    // Same entries, same scores: the 明细-level facts of these branches equal a plain scoresheet's with the same loss.
    for (const file of [
      "内联字符串与富文本.xlsx",
      "整表维度与整列验证.xlsx",
      "命名空间前缀.xlsx",
    ]) {
      const b = summary.branches.find((x) => x.file === path(file));
      expect(b).toMatchObject({ committee: "市财政局机关党委", leader: "王建国", errors: 0 });
    }
  });

  it("keeps formula-looking text as text", () => {
    const b = summary.branches.find((x) => x.file === path("公式样文本.xlsx"));
    expect([b?.name, b?.leader, b?.contact]).toEqual([HOSTILE_NAME, "+1", "-2"]);
  });

  it("is documented: docs/hostile-inputs.md holds this table", () => {
    const docPath = join(__dirname, "../../docs/hostile-inputs.md");
    const doc = readFileSync(docPath, "utf8");
    const table = markdownTable(CASES);
    // UPDATE_DOCS=1 rewrites the table in place after the cases changed; the prose around it is kept.
    if (process.env.UPDATE_DOCS === "1")
      writeFileSync(
        docPath,
        doc.replace(/\| 输入 \| 结果 \| 说明 \|\n(?:\|.*\|\n?)*/, `${table}\n`)
      );
    expect(readFileSync(docPath, "utf8")).toContain(table);
  });
});

/** Passes bytes through LibreOffice: re-saved as .xlsx, converted to .xls, or saved with an open password. */
async function viaLibreOffice(
  dir: string,
  bytes: Uint8Array,
  how: "resave" | "xls" | "encrypt"
): Promise<Uint8Array> {
  const work = await mkdtemp(join(dir, `lo-${how}-`));
  const input = join(work, "in.xlsx");
  await writeFile(input, bytes);
  if (how === "encrypt") {
    await encryptXlsx(input, join(work, "encrypted.xlsx"), "dabiao2019");
    return readFile(join(work, "encrypted.xlsx"));
  }
  const [out] =
    how === "resave"
      ? await recalcXlsx([input], join(work, "out"))
      : await toXls([input], join(work, "out"));
  return readFile(out ?? "");
}

describe("the worst cases, each alone in a child process", () => {
  let dir: string;
  const results = new Map<string, Measured>();
  const WORST = {
    "zip炸弹.xlsx": "解压后超过 50 MB",
    "zip炸弹-谎报大小.xlsx": "比它声明的大小更大",
    "二十万单元格.xlsx": "有内容的单元格超过 100000 个",
    "billion-laughs.xlsx": "含有 DTD 声明",
    "深层嵌套.xlsx": "结构异常",
    "海量属性.xlsx": "结构异常",
    "接近上限.xlsx": "找不到“打分表”工作表",
  } as const;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "dabiao-worst-"));
    const sheet = await scoresheetBytes({ name: "第一党支部" });
    const bytes: Record<keyof typeof WORST, Uint8Array> = {
      "zip炸弹.xlsx": H.zipBomb(sheet),
      "zip炸弹-谎报大小.xlsx": H.withDeclaredSize(
        H.zipBomb(sheet),
        "xl/worksheets/sheet1.xml",
        1000
      ),
      "二十万单元格.xlsx": H.manyCells(sheet),
      "billion-laughs.xlsx": H.billionLaughs(sheet),
      "深层嵌套.xlsx": H.deepNesting(sheet),
      "海量属性.xlsx": H.manyAttributes(sheet),
      // The largest file the limits let through: 99,000 text cells, about 48 MB of XML.
      "接近上限.xlsx": H.nearLimitWorkbook(99_000, 400),
    };
    for (const [file, content] of Object.entries(bytes)) await writeFile(join(dir, file), content);
    const measured = await Promise.all(
      Object.keys(WORST).map((file) => measureInChild(join(dir, file)))
    );
    Object.keys(WORST).forEach((file, i) => results.set(file, measured[i] as Measured));
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(Object.entries(WORST))(
    "%s: finishes, rejected with its reason, under 300 MB peak RSS",
    (file, says) => {
      const m = results.get(file);
      expect(m?.status).toBe("rejected");
      expect(m?.reasons.join("")).toContain(says);
      expect(m?.maxRssMb).toBeLessThan(300);
      // Printed for the record (docs/hostile-inputs.md quotes these figures).
      process.stdout.write(
        `${file}: ${m?.ms.toFixed(0)} ms, RSS ${m?.rssBeforeMb.toFixed(0)} MB before, peak ${m?.maxRssMb.toFixed(0)} MB\n`
      );
    }
  );
});

describe("a name that is only invisible characters", () => {
  // A name of zero-width spaces (pasted from a web page or a chat) must not pass as a name: its
  // identity would be empty, and two such branches of one committee would supersede each other.
  it("is rejected as 未填写 like an empty one, not taken as a branch that supersedes another", async () => {
    const inputs = await Promise.all([
      submitted("甲.xlsx", { name: "\u200b" }),
      submitted("乙.xlsx", { name: "\u200b\u200b", lose: 10 }),
    ]);
    const c = consolidate(inputs, { rubric: DEFAULT_RUBRIC, today: TODAY });
    expect(c.inputs.map((i) => [i.status, i.reasons.join("")])).toEqual([
      ["rejected", expect.stringContaining("未填写“党支部名称”")],
      ["rejected", expect.stringContaining("未填写“党支部名称”")],
    ]);
  });
});
