import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  mkdirSync,
  realpathSync,
  type BigIntStats,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { WorkbookSnapshot, WorkbookSpec } from "../core";
import { writeXlsxTo } from "../adapters/xlsx/write/writer";
import { readXlsx, type ReadOptions } from "../adapters/xlsx/read/reader";
import { nodeDeflate, nodeFlate, nodeLatin1 } from "../adapters/xlsx/node-flate";

/** What a file is made of: its bytes, its text, or a producer that hands its bytes over piece by piece. */
export type FileContent = Uint8Array | string | ((write: (chunk: Uint8Array) => void) => void);

/**
 * Reads .xlsx bytes as every command does: with Node's zlib and latin1, only the sheets `sheets`
 * keeps (all by default), and of the rows `keyOnlyRows` names only their first cells (readXlsx's options).
 */
export function readWorkbook(
  bytes: Uint8Array,
  options: Pick<ReadOptions, "sheets" | "keyOnlyRows"> = {}
): WorkbookSnapshot {
  return readXlsx(bytes, { flate: nodeFlate, latin1: nodeLatin1, ...options });
}

/** Writes a workbook description as .xlsx, atomically, each piece going to disk as it is made. */
export function writeWorkbook(
  path: string,
  spec: WorkbookSpec,
  protect: readonly string[] = []
): void {
  writeAtomic(path, (write) => writeXlsxTo(spec, write, nodeDeflate), protect);
}

/**
 * Writes a file atomically: a temporary file beside it, then a rename, so no reader ever sees half a
 * file and a failed write leaves the old file as it was. Never writes over a file in `protect`.
 */
export function writeAtomic(
  path: string,
  content: FileContent,
  protect: readonly string[] = []
): void {
  const target = resolve(path);
  const existing = statSync(target, { bigint: true, throwIfNoEntry: false });
  // A file that does not exist yet is none of the inputs: they are only looked at when it does.
  if (existing && protect.some((p) => sameFile(p, target, existing)))
    throw new Error(`输出文件 ${path} 是输入文件之一，不能覆盖输入。`);
  if (existing?.isDirectory())
    throw new Error(
      `输出路径 ${path} 是一个文件夹，请写出文件名，如 ${join(path, "汇总报告.xlsx")}。`
    );
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    const fd = openSync(tmp, "w");
    try {
      // writeSync may write less than asked; the rest follows until the chunk is all out.
      const write = (chunk: Uint8Array): void => {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
      };
      if (typeof content === "function") content(write);
      else write(typeof content === "string" ? Buffer.from(content, "utf8") : content);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    // A full disk or a locked file must not leave half a file behind, under either name.
    rmSync(tmp, { force: true });
    throw new Error(`无法写入 ${path}（${fsReason(e)}），原有文件未改动。`);
  }
}

/** A file-system error as a person reads it: what happened, in Chinese, never EACCES or a temporary file's name. */
export function fsReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "没有写入或读取权限，请换一个文件夹，或请管理员开放权限";
    case "ENOENT":
      return "找不到该文件或文件夹";
    case "ENOSPC":
      return "磁盘空间不足";
    case "EROFS":
      return "磁盘或文件夹是只读的";
    case "EBUSY":
      return "文件正被其他程序占用（可能在 Excel 或 WPS 中打开着），请关闭后重试";
    case "EISDIR":
      return "这是一个文件夹，不是文件";
    case "ENOTDIR":
      return "路径中的某一级不是文件夹";
    case "EMFILE":
    case "ENFILE":
      return "同时打开的文件过多，请稍后重试";
    default:
      return e instanceof Error
        ? e.message.replace(/\S+\.\d+\.\d+\.tmp\b/g, "临时文件")
        : String(e);
  }
}

/** Fails before any work when `path` cannot be written: its folder is missing and cannot be made, or is read-only. */
export function checkWritable(path: string): void {
  let dir = dirname(resolve(path));
  // The nearest folder that exists is where the file, or its missing folders, would be made.
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(dir), { code: "ENOTDIR" });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new Error(
      `无法在 ${dirname(resolve(path))} 中写入 ${path}（${fsReason(e)}）。未做任何处理。`
    );
  }
  if (statSync(resolve(path), { throwIfNoEntry: false })?.isDirectory())
    throw new Error(
      `输出路径 ${path} 是一个文件夹，请写出文件名，如 ${join(path, "汇总报告.xlsx")}。`
    );
}

/**
 * True when `a` names the existing file `b` (whose stat is `sb`): the same path, a symbolic link or
 * a hard link to it.
 */
function sameFile(a: string, b: string, sb: BigIntStats): boolean {
  const sa = statSync(a, { bigint: true, throwIfNoEntry: false });
  if (!sa) return false;
  // Device and inode numbers catch hard links and case-insensitive names too; the real path is
  // the fallback where a file system reports no inode numbers (0). Asked of every input when the
  // report already exists, so the real paths are not made for files the numbers already tell apart.
  if (sa.ino !== 0n && sb.ino !== 0n) return sa.dev === sb.dev && sa.ino === sb.ino;
  return realpathSync(a) === realpathSync(b);
}

/**
 * Expands files and folders (recursively) into every file they hold, in a stable order: each is an
 * input, so a file that is no scoresheet is listed with its reason rather than skipped unseen.
 */
export function collectInputs(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  // A path that cannot even be looked at (a dangling link) is still an input: reading it rejects it with a reason.
  const stat = (p: string): ReturnType<typeof statSync> | undefined =>
    statSync(p, { throwIfNoEntry: false });
  const walk = (p: string): void => {
    if (stat(p)?.isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else files.push(p);
  };
  for (const p of paths) {
    if (!existsSync(p)) missing.push(p);
    else walk(p);
  }
  // A file named twice (itself and through its folder) is one input, not a duplicate submission.
  const seen = new Set<string>();
  const once = files.filter((f) => {
    const key = existsSync(f) ? realpathSync(f) : resolve(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { files: once, missing };
}
