import { Button, ProgressBar, Text } from "@fluentui/react-components";
import { useStrings } from "../strings-context";

/** A long run's progress: a bar (moving without a value), what it is doing, and 取消. */
export function ProgressLine(props: {
  readonly value?: number;
  readonly text: string;
  readonly testId: string;
  readonly onCancel: () => void;
}) {
  const t = useStrings();
  return (
    <div role="status" aria-live="polite">
      <ProgressBar {...(props.value !== undefined && { value: props.value })} />
      <Text size={200} data-testid={props.testId}>
        {props.text}
      </Text>
      <Button size="small" onClick={props.onCancel}>
        {t.cancel}
      </Button>
    </div>
  );
}
