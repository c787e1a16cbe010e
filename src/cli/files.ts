import {
  existsSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
  mkdirSync,
  realpathSync,
} from "node:fs";
import { dirname, extname, join, resolve } from "node:path";

/** Writes a file atomically: a temporary file beside it, then a rename, so no reader ever sees half a file. */
export function writeAtomic(
  path: string,
  bytes: Uint8Array | string,
  protect: readonly string[] = []
): void {
  const target = resolve(path);
  const real = existsSync(target) ? realpathSync(target) : target;
  if (protect.some((p) => existsSync(p) && realpathSync(p) === real))
    throw new Error(`输出文件 ${path} 是输入文件之一，不能覆盖输入。`);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, target);
}

/** Expands files and folders (recursively) into .xlsx paths, in a stable order; unreadable paths are reported. */
export function collectInputs(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  // A path that cannot even be looked at (a dangling link) is still an input: reading it rejects it with a reason.
  const stat = (p: string): ReturnType<typeof statSync> | undefined =>
    statSync(p, { throwIfNoEntry: false });
  const walk = (p: string): void => {
    if (stat(p)?.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith("~$") || name.startsWith(".")) continue;
        const child = join(p, name);
        if (extname(name).toLowerCase() === ".xlsx" || stat(child)?.isDirectory()) walk(child);
      }
    } else files.push(p);
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
