import { carriesRubric, META_SHEET } from "../scoresheet/meta";
import type { CellValue, WorkbookSnapshot } from "../../sheet/snapshot";
import { SCORESHEET } from "../scoresheet/layout";
import { ACCOUNT_SHEET, REPORT_SHEETS } from "./report-format";

const WANTED = new Set<string>([
  SCORESHEET,
  META_SHEET,
  REPORT_SHEETS.detail,
  REPORT_SHEETS.summary,
  // A report's 问题清单 carries what its consolidation found in each branch's own file.
  REPORT_SHEETS.issues,
  ACCOUNT_SHEET,
]);

/** The sheets consolidation reads from a submission; a reader may skip the rest (填表说明 and the like). */
export function isInputSheet(name: string): boolean {
  return WANTED.has(name.trim());
}

/**
 * For a sheet consolidation reads, the rows of which it reads only the first cell (the key), given
 * that cell's value; undefined when it reads every row whole. In `_dabiao`: the rubric's chunks.
 */
export function keyOnlyRows(sheet: string): ((key: CellValue) => boolean) | undefined {
  return sheet === META_SHEET ? carriesRubric : undefined;
}

/** True when a workbook read with `isInputSheet` has neither a 打分表 nor a 明细: the sheet may be renamed, so read all. */
export function needsEverySheet(book: WorkbookSnapshot): boolean {
  return !book.sheets.some(
    (s) => s.name.trim() === SCORESHEET || s.name.trim() === REPORT_SHEETS.detail
  );
}

/** A file's name without its folders: what a committee recognises (the JSON summary keeps the full path). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Joins where a branch's data came from, outermost first: "财政局汇总.xlsx → 财1.xlsx". */
const VIA = " → ";

/** A branch's source through the reports it came up in: the input it came in, then where that report had it from. */
export function sourceVia(input: string, source: string): string {
  return source ? `${input}${VIA}${source}` : input;
}

/** The input a branch's data came in (the first of its source chain). */
export function inputFileOf(source: string): string {
  return source.split(VIA)[0] ?? source;
}

/** A source chain with each file by its name alone, as the 汇总表's 来源文件 shows it. */
export function sourceNames(source: string): string {
  return source.split(VIA).map(fileName).join(VIA);
}

/** What the committee is told about a file it cannot use, by its name alone (before any byte is read). */
const KINDS: readonly (readonly [RegExp, string])[] = [
  [
    /\.xls$/,
    "旧版 .xls 格式（Excel 97-2003），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再提交。",
  ],
  [
    /\.(et|ett)$/,
    "WPS 表格格式（.et），无法读取。请在 WPS 中另存为 .xlsx（文件→另存为→Excel 工作簿）再提交。",
  ],
  [/\.(xlsm|xltm)$/, "启用宏的工作簿（.xlsm），为安全起见不读取。请另存为不含宏的 .xlsx 再提交。"],
  [/\.xlsb$/, "Excel 二进制工作簿（.xlsb），无法读取。请另存为 .xlsx 再提交。"],
  [/\.xltx$/, "Excel 模板文件（.xltx），不是填好的打分表。请打开后另存为 .xlsx 再提交。"],
  [/\.(ods|numbers)$/, "其他表格软件的格式，无法读取。请另存为 .xlsx（Excel 工作簿）再提交。"],
  [/\.(docx?|wps|rtf|txt)$/, "这是文字文档，不是打分表。请提交填写好的 .xlsx 打分表。"],
  [/\.pdf$/, "PDF 文件无法读取分数。请提交填写好的 .xlsx 打分表（佐证材料另行报送）。"],
  [/\.csv$/, "CSV 文件不含打分表的格式和公式，无法读取。请提交填写好的 .xlsx 打分表。"],
  [
    /\.(jpe?g|png|gif|bmp|heic|webp|tiff?)$/,
    "这是图片（如打分表的照片或截图），无法读取分数。请提交填写好的 .xlsx 打分表。",
  ],
  [/\.(zip|rar|7z)$/, "这是压缩包。请解压后把其中的 .xlsx 打分表放入文件夹再汇总。"],
];
/** Files an operating system or an office program leaves in a folder: listed, never read. */
const SYSTEM = /^(~\$.*|\.~lock\..*#|thumbs\.db|\.ds_store|desktop\.ini|\._.*)$/;

/** Why a file cannot be an input, judged by its name; null for an .xlsx (or a name that says nothing) to be read. */
export function unusableFile(path: string): string | null {
  const name = fileName(path).toLowerCase();
  if (SYSTEM.test(name))
    return "系统临时文件（Excel、WPS 打开文件时生成的锁定文件，或系统生成的缩略图、目录信息文件），不是报送材料，未读取。";
  if (name.endsWith(".xlsx")) return null;
  const known = KINDS.find(([pattern]) => pattern.test(name));
  if (known) return known[1];
  const ext = /\.[^.]+$/.exec(name)?.[0];
  return ext === undefined
    ? "文件没有扩展名，不能确定是 .xlsx 打分表。请确认是 Excel 工作簿后把文件名改为以 .xlsx 结尾再提交。"
    : `不是 .xlsx 工作簿（扩展名 ${ext}），无法读取。请提交 .xlsx 格式的打分表。`;
}
