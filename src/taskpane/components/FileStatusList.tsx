import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { InputOutcome, InputStatus } from "../../core";
import { useStrings } from "../strings-context";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    fontSize: tokens.fontSizeBase200,
  },
  item: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: "6px", alignItems: "start" },
  name: { wordBreak: "break-all" },
  reason: { gridColumn: "2", color: tokens.colorNeutralForeground3 },
});

/** Rows drawn before the user asks for the rest. */
const FIRST_ROWS = 50;

const COLOUR: Record<InputStatus, "success" | "danger" | "warning"> = {
  accepted: "success",
  rejected: "danger",
  superseded: "warning",
};

/** Every input file and what became of it: accepted, rejected (why) or superseded (by which). */
export function FileStatusList({ inputs }: { readonly inputs: readonly InputOutcome[] }) {
  const t = useStrings();
  const styles = useStyles();
  // A thousand rows drawn at once would hold the pane for a long task: the first ones, then the rest on request.
  const [all, setAll] = useState(inputs.length <= FIRST_ROWS);
  const shown = all ? inputs : inputs.slice(0, FIRST_ROWS);
  return (
    <>
      <ul className={styles.list} aria-label={t.consolidate.title}>
        {shown.map((input, i) => (
          <li key={`${input.file}-${i}`} className={styles.item} data-status={input.status}>
            <Badge size="small" appearance="tint" color={COLOUR[input.status]}>
              {t.consolidate.status[input.status]}
            </Badge>
            <span className={styles.name}>
              {input.file}
              {input.branch ? `（${input.branch}）` : ""}
            </span>
            {input.reasons.length > 0 && (
              <span className={styles.reason}>{input.reasons.join("；")}</span>
            )}
          </li>
        ))}
      </ul>
      {!all && (
        <Button size="small" onClick={() => setAll(true)}>
          {t.consolidate.moreFiles(inputs.length - FIRST_ROWS)}
        </Button>
      )}
    </>
  );
}
