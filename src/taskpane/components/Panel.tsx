import { makeStyles, Subtitle2 } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: "10px", padding: "12px 12px 24px" },
});

/** One tab's content: a heading and its controls stacked at the pane's width. */
export function Panel(props: { readonly title: string; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.panel} aria-label={props.title}>
      <Subtitle2 as="h2">{props.title}</Subtitle2>
      {props.children}
    </section>
  );
}
