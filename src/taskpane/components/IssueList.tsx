import { Badge, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Issue, Severity } from "../../core";
import { useStrings } from "../strings-context";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "6px",
  },
  item: {
    display: "flex",
    gap: "6px",
    alignItems: "flex-start",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  badge: { flexShrink: 0 },
  cell: { flexShrink: 0, minWidth: "34px", fontFamily: tokens.fontFamilyMonospace },
});

const COLOUR: Record<Severity, "danger" | "warning" | "informative"> = {
  错误: "danger",
  警告: "warning",
  提示: "informative",
};

/** Issues with their severity, cell and message; a click on the cell goes there when `onSelect` is given. */
export function IssueList(props: {
  readonly issues: readonly Issue[];
  readonly onSelect?: (issue: Issue) => void;
  readonly limit?: number;
}) {
  const t = useStrings();
  const styles = useStyles();
  const [all, setAll] = useState(false);
  if (props.issues.length === 0) return <Text size={200}>{t.check.noIssues}</Text>;
  const shown =
    props.limit === undefined || all ? props.issues : props.issues.slice(0, props.limit);
  const select = props.onSelect;
  return (
    <ul className={styles.list}>
      {shown.map((issue, i) => (
        <li key={`${issue.rule}-${issue.cell ?? ""}-${i}`} className={styles.item}>
          <Badge
            className={styles.badge}
            size="small"
            appearance="tint"
            color={COLOUR[issue.severity]}
          >
            {t.severity[issue.severity]}
          </Badge>
          {issue.cell && select ? (
            <Link
              className={styles.cell}
              title={t.check.goTo(issue.cell)}
              onClick={() => select(issue)}
            >
              {issue.cell}
            </Link>
          ) : (
            <span className={styles.cell}>{issue.cell ?? "—"}</span>
          )}
          <span>{issue.message}</span>
        </li>
      ))}
      {shown.length < props.issues.length && (
        <li className={styles.item}>
          <Link onClick={() => setAll(true)}>
            {t.check.showAll(props.issues.length - shown.length)}
          </Link>
        </li>
      )}
    </ul>
  );
}
