/* global Excel */
// Following the user's edits: debounced change events on the sheets the pane checks live.

/** A coauthor's edits arrive in bursts: one re-read after they have been quiet this long. */
export const REMOTE_QUIET_MS = 3_000;

/**
 * Calls `onChange` (debounced) after edits to those of the named sheets that exist. onCalculated
 * is watched too: a choice from a validation dropdown fires no onChanged in Excel on the web
 * (office-js #3888), but the formulas it feeds recalculate — the template's hidden `_dabiao` joins
 * the dropdowns that feed no other formula in one, so watch it with the 打分表. A coauthor's edits (onChanged with source "Remote", and the
 * recalculation they cause) are gathered into one call after REMOTE_QUIET_MS, not one re-read
 * each. Returns the function that stops watching.
 */
export async function watchSheets(
  names: readonly string[],
  onChange: () => void,
  waitMs = 400
): Promise<() => Promise<void>> {
  const local = debounce(onChange, waitMs);
  const remote = debounce(onChange, REMOTE_QUIET_MS);
  let remoteUntil = 0;
  const changed = async (e?: { source?: string }): Promise<void> => {
    if (e?.source === "Remote") {
      remoteUntil = Date.now() + REMOTE_QUIET_MS;
      remote.call();
    } else local.call();
  };
  const calculated = async (): Promise<void> =>
    Date.now() < remoteUntil ? remote.call() : local.call();
  const results = await Excel.run(async (context) => {
    const found = names.map((name) => context.workbook.worksheets.getItemOrNullObject(name));
    await context.sync();
    const added = found
      .filter((sheet) => !sheet.isNullObject)
      .flatMap((sheet) => [sheet.onChanged.add(changed), sheet.onCalculated.add(calculated)]);
    await context.sync();
    return added;
  });
  return async () => {
    local.cancel();
    remote.cancel();
    const first = results[0];
    if (!first) return;
    await Excel.run(first.context, async (context) => {
      for (const r of results) r.remove();
      await context.sync();
    });
  };
}

/** A function that runs `wait` ms after the last of a burst of calls. */
export function debounce(fn: () => void, wait: number): { call: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, wait);
    },
    cancel: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
