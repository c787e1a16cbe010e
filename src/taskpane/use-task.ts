import { useCallback, useState } from "react";
import { useStrings } from "./strings-context";

/** A user action's state: running, and its outcome as a message the user sees (errors are never swallowed). */
export interface Task {
  readonly busy: boolean;
  readonly error: string | null;
  readonly notice: string | null;
  /** Runs `work`; what it resolves to is shown as the notice, what it throws as the error, labelled with `label`. */
  run(label: string, work: () => Promise<string | void>): Promise<void>;
  clear(): void;
}

/** State for one panel's actions. */
export function useTask(): Task {
  const t = useStrings();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = useCallback(
    async (label: string, work: () => Promise<string | void>) => {
      setBusy(true);
      setError(null);
      setNotice(null);
      try {
        const done = await work();
        if (done) setNotice(done);
      } catch (e) {
        setError(t.failed(label, e instanceof Error ? e.message : String(e)));
      } finally {
        setBusy(false);
      }
    },
    [t]
  );
  const clear = useCallback(() => {
    setError(null);
    setNotice(null);
  }, []);
  return { busy, error, notice, run, clear };
}
