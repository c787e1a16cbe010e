import { Button, makeStyles } from "@fluentui/react-components";
import { useRef } from "react";

const useStyles = makeStyles({ hidden: { display: "none" } });

/** A button that opens the file chooser for .xlsx files; the chosen files go to `onPick`. */
export function FilePicker(props: {
  readonly label: string;
  readonly multiple?: boolean;
  /** While a task runs: the button stays focusable (a screen reader keeps its place) but does nothing. */
  readonly busy?: boolean;
  readonly onPick: (files: File[]) => void;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={props.multiple ?? false}
        aria-label={props.label}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          // Cleared so choosing the same file again fires onChange again.
          e.currentTarget.value = "";
          if (files.length > 0) props.onPick(files);
        }}
      />
      <Button disabledFocusable={props.busy ?? false} onClick={() => input.current?.click()}>
        {props.label}
      </Button>
    </>
  );
}
