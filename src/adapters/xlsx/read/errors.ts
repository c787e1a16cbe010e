// The read-error catalogue: why a submitted file could not be read, in Chinese, with what to do.

/** Why a submitted file could not be read. */
export type ReadErrorCode =
  | "not-zip"
  | "encrypted"
  | "legacy-xls"
  | "empty"
  | "too-large"
  | "too-many-cells"
  | "dtd-forbidden"
  | "bad-xml"
  | "missing-part"
  | "not-workbook";

/** A file that cannot be read, with a Chinese message saying what happened and what to do. */
export class XlsxReadError extends Error {
  override readonly name = "XlsxReadError";
  constructor(
    readonly code: ReadErrorCode,
    message: string
  ) {
    super(message);
  }
}

const RESAVE = "请用 Excel 或 WPS 打开后另存为 .xlsx 再提交。";

// One catalogue, so every path that hits the same problem tells the user the same thing.
const PROBLEMS = {
  empty: ["empty", () => "文件是空的（0 字节）。请重新选择填写好的 .xlsx 打分表。"],
  notZip: ["not-zip", () => `这不是 .xlsx 工作簿（可能是 CSV、网页或其他格式的文件）。${RESAVE}`],
  damaged: ["not-zip", () => `文件已损坏或不是 .xlsx 工作簿（无法解压）。${RESAVE}`],
  encrypted: [
    "encrypted",
    () => "工作簿设置了打开密码，无法读取。请在 Excel 或 WPS 中取消打开密码后另存为 .xlsx 再提交。",
  ],
  legacyXls: ["legacy-xls", () => `这是旧版 .xls 格式（Excel 97-2003）。${RESAVE}`],
  notWorkbook: [
    "not-workbook",
    () =>
      "这是一个压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml，可能是 Word、PowerPoint 文件或普通 zip）。请提交 .xlsx 格式的打分表。",
  ],
  tooLarge: [
    "too-large",
    (mb: string) =>
      `文件解压后超过 ${mb} MB，远大于一份打分表应有的大小。请删除无关的工作表和内容后另存为 .xlsx 再提交。`,
  ],
  sizeLie: [
    "too-large",
    () => `文件内部某部分解压后比它声明的大小更大，可能是被恶意构造或已损坏的文件。${RESAVE}`,
  ],
  tooManySheets: [
    "too-large",
    (max: string) =>
      `工作簿中的工作表超过 ${max} 个，远多于一份打分表应有的数量。请删除无关的工作表后再提交。`,
  ],
  tooManyCells: [
    "too-many-cells",
    (max: string) =>
      `工作簿中有内容的单元格超过 ${max} 个，远多于一份打分表应有的数量。请删除无关的工作表或数据后再提交。`,
  ],
  dtd: [
    "dtd-forbidden",
    () =>
      `工作簿内部含有 DTD 声明（<!DOCTYPE>），正常的 Excel/WPS 文件不会有，出于安全考虑拒绝读取。${RESAVE}`,
  ],
  badXml: [
    "bad-xml",
    (part: string) => `工作簿内部的 ${part} 已损坏（内容格式错误），无法读取。${RESAVE}`,
  ],
  tooComplex: [
    "bad-xml",
    (part: string) =>
      `工作簿内部的 ${part} 结构异常（元素嵌套过深或属性过多），正常的 Excel/WPS 文件不会这样，可能是被恶意构造的文件，出于安全考虑拒绝读取。${RESAVE}`,
  ],
  missingPart: [
    "missing-part",
    (part: string) => `工作簿缺少内部文件 ${part}，文件不完整。${RESAVE}`,
  ],
} satisfies Record<string, readonly [ReadErrorCode, (detail: string) => string]>;

/** The problems a read can end in, each with its code and message. */
type ReadProblem = keyof typeof PROBLEMS;

/** Throws the XlsxReadError for a problem; `detail` fills the message (a part name, a limit). */
export function refuse(problem: ReadProblem, detail = ""): never {
  const [code, message] = PROBLEMS[problem];
  throw new XlsxReadError(code, message(detail));
}
