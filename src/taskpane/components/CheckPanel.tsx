import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { SCORESHEET, type Issue, type Rubric } from "../../core";
import type { WorkbookPort } from "../ports";
import { useStrings } from "../strings-context";
import { useLiveCheck } from "../use-live-check";
import { useTask } from "../use-task";
import { Feedback } from "./Feedback";
import { IssueList } from "./IssueList";
import { Panel } from "./Panel";
import { TierSummary } from "./TierSummary";

/** 检查与等次: the open scoresheet's tier, total, sections, gap and issues, refreshed as the branch types. */
export function CheckPanel(props: {
  readonly workbook: WorkbookPort;
  readonly rubric: Rubric;
  readonly today: () => Date;
}) {
  const t = useStrings();
  const { check, refresh } = useLiveCheck(props.workbook, props.rubric, props.today);
  const task = useTask();
  const select = (issue: Issue): void => {
    const cell = issue.cell;
    if (cell)
      void task.run(t.check.goTo(cell), () =>
        props.workbook.select(issue.sheet ?? SCORESHEET, cell)
      );
  };
  return (
    <Panel title={t.check.title}>
      {check.state === "loading" && <Spinner size="small" label={t.busy} />}
      {check.state === "noSheet" && <Text>{t.check.noSheet}</Text>}
      {check.state === "failed" && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t.failed(t.check.title, check.message)}</MessageBarBody>
        </MessageBar>
      )}
      {check.state === "checked" && !check.result.ok && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {t.check.notScoresheet}
            {check.result.reason}
          </MessageBarBody>
        </MessageBar>
      )}
      {check.state === "checked" && check.result.ok && (
        <>
          <Caption1>{t.check.live}</Caption1>
          <TierSummary assessment={check.result.assessment} />
          <Text weight="semibold">{t.check.issues(check.result.issues.length)}</Text>
          <IssueList issues={check.result.issues} onSelect={select} limit={30} />
        </>
      )}
      <Feedback task={task} />
      {check.state !== "loading" && (
        <div>
          <Button appearance="secondary" onClick={refresh}>
            {t.check.refresh}
          </Button>
        </div>
      )}
    </Panel>
  );
}
