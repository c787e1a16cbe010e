import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import type { Task } from "../use-task";
import { useStrings } from "../strings-context";

/** A panel's running state and outcome: a spinner, a success notice or an error in plain words. */
export function Feedback({ task }: { readonly task: Task }) {
  const t = useStrings();
  return (
    <>
      {task.busy && <Spinner size="tiny" label={t.busy} />}
      {task.error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{task.error}</MessageBarBody>
        </MessageBar>
      )}
      {task.notice && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{task.notice}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
