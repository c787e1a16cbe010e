import { Button, FluentProvider, Spinner } from "@fluentui/react-components";
import { THEME } from "./App";
import { Unsupported } from "./Unsupported";

/** While Office has not answered yet: what the pane shows instead of a blank page. */
export function Connecting(props: { readonly label: string }) {
  return (
    <FluentProvider theme={THEME} style={{ padding: 16 }}>
      <Spinner size="small" label={props.label} labelPosition="after" />
    </FluentProvider>
  );
}

/** Office opened the page but the pane could not reach Excel: say so, offer a retry, and files only when asked. */
export function StartProblem(props: {
  readonly title: string;
  readonly message: string;
  readonly retry: string;
  readonly useFiles: string;
  readonly onRetry: () => void;
  readonly onUseFiles: () => void;
}) {
  return (
    <Unsupported title={props.title} message={props.message}>
      <Button appearance="primary" onClick={props.onRetry}>
        {props.retry}
      </Button>
      <Button onClick={props.onUseFiles}>{props.useFiles}</Button>
    </Unsupported>
  );
}
