import { useCallback, useEffect, useRef, useState } from "react";
import { checkWorkbook, META_SHEET, SCORESHEET, type CheckResult, type Rubric } from "../core";
import type { WorkbookPort } from "./ports";

/** The live check's state: looking, no scoresheet in the workbook, a result, or what went wrong. */
export type LiveCheck =
  | { readonly state: "loading" }
  | { readonly state: "noSheet" }
  | { readonly state: "checked"; readonly result: CheckResult; readonly at: number }
  | { readonly state: "failed"; readonly message: string };

const SHEETS = [SCORESHEET, META_SHEET] as const;

/** Checks the workbook's 打分表 now and again after every edit (debounced by the adapter); stops watching on unmount. */
export function useLiveCheck(
  workbook: WorkbookPort,
  rubric: Rubric,
  today: () => Date
): { check: LiveCheck; refresh: () => void } {
  const [check, setCheck] = useState<LiveCheck>({ state: "loading" });
  const generation = useRef(0);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const book = await workbook.read(SHEETS, { formulas: true });
      if (mine !== generation.current) return;
      if (!book.sheets.some((s) => s.name === SCORESHEET)) setCheck({ state: "noSheet" });
      else
        setCheck({
          state: "checked",
          result: checkWorkbook(book, rubric, today()),
          at: Date.now(),
        });
    } catch (e) {
      if (mine === generation.current)
        setCheck({ state: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  }, [workbook, rubric, today]);

  useEffect(() => {
    let stop: (() => Promise<void>) | undefined;
    let gone = false;
    const start = async (): Promise<void> => {
      const sheets = await workbook.listSheets();
      if (gone) return;
      if (!sheets.some((s) => s.name === SCORESHEET)) {
        setCheck({ state: "noSheet" });
        return;
      }
      await run();
      // _dabiao too: its 实时检查 formula recalculates when a dropdown feeding no 打分表 formula is picked.
      const unwatch = await workbook.watch(SHEETS, () => void run());
      if (gone) await unwatch();
      else stop = unwatch;
    };
    start().catch((e: unknown) =>
      setCheck({ state: "failed", message: e instanceof Error ? e.message : String(e) })
    );
    return () => {
      gone = true;
      generation.current++;
      // Unwatching is best effort when the pane closes; a failure there is reported, not hidden.
      stop?.().catch((e: unknown) => console.error("停止监视打分表失败", e));
    };
  }, [workbook, run]);

  return { check, refresh: () => void run() };
}
