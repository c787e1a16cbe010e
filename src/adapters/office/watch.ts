/* global Excel */
// Following the user's edits: debounced change events on the sheets the pane checks live.

/**
 * Calls `onChange` (debounced) after edits to the named sheets. onCalculated is watched too: a
 * choice from a validation dropdown fires no onChanged in Excel on the web (office-js #3888), but
 * the formulas it feeds recalculate. Returns the function that stops watching.
 */
export async function watchSheets(
  names: readonly string[],
  onChange: () => void,
  waitMs = 400
): Promise<() => Promise<void>> {
  const fire = debounce(onChange, waitMs);
  const handler = async (): Promise<void> => fire.call();
  const results = await Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const added = names.flatMap((name) => {
      const sheet = sheets.getItem(name);
      return [sheet.onChanged.add(handler), sheet.onCalculated.add(handler)];
    });
    await context.sync();
    return added;
  });
  return async () => {
    fire.cancel();
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
