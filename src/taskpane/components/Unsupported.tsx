import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { THEME } from "./App";

/** What an Excel too old for the add-in (or another Office app) shows instead of a blank pane. */
export function Unsupported(props: { readonly title: string; readonly message: string }) {
  return (
    <FluentProvider theme={THEME} style={{ padding: 12 }}>
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{props.title}</MessageBarTitle>
          {props.message}
        </MessageBarBody>
      </MessageBar>
    </FluentProvider>
  );
}
