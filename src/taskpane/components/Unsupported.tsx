import {
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import { THEME } from "./App";

/** What the pane shows instead of a blank page when it cannot run here (old Excel, another Office app, no Excel answer). */
export function Unsupported(props: {
  readonly title: string;
  readonly message: string;
  /** What the user can do about it (e.g. 重试), beside the message. */
  readonly children?: ReactNode;
}) {
  return (
    <FluentProvider theme={THEME} style={{ padding: 12 }}>
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{props.title}</MessageBarTitle>
          {props.message}
        </MessageBarBody>
        {props.children && <MessageBarActions>{props.children}</MessageBarActions>}
      </MessageBar>
    </FluentProvider>
  );
}
