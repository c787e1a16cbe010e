import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from "@fluentui/react-components";
import { useState } from "react";
import { BRANCH_TYPES, buildTemplate, SCORESHEET, type BranchType } from "../../core";
import type { FilePort, WorkbookPort } from "../ports";
import type { RubricChoice } from "../rubric-source";
import { useStrings } from "../strings-context";
import { useTask } from "../use-task";
import { Feedback } from "./Feedback";
import { Panel } from "./Panel";
import { RubricLine } from "./RubricLine";

/** 插入打分表 (in Excel) or 下载打分表模板 (in a browser): the official form for the chosen branch type and rubric. */
export function TemplatePanel(props: {
  readonly workbook: WorkbookPort | null;
  readonly files: FilePort;
  readonly rubric: RubricChoice;
  readonly today: () => Date;
}) {
  const t = useStrings();
  const task = useTask();
  const [type, setType] = useState<BranchType | "">("");
  const [confirming, setConfirming] = useState(false);
  const spec = () =>
    buildTemplate(props.rubric.rubric, {
      generatedAt: props.today().toISOString(),
      ...(type && { branchType: type }),
    });
  const workbook = props.workbook;

  const insert = (replace: boolean) =>
    task.run(t.template.insert, async () => {
      if (!workbook) return;
      if (!replace && (await workbook.listSheets()).some((s) => s.name === SCORESHEET)) {
        setConfirming(true);
        return;
      }
      setConfirming(false);
      await workbook.render(spec());
      return t.template.inserted;
    });
  const download = () =>
    task.run(t.template.download, async () =>
      props.files.save(t.rubric.templateFile, await props.files.write(spec()))
    );

  return (
    <Panel title={workbook ? t.template.title : t.template.download}>
      <Text>{workbook ? t.template.intro : t.template.downloadIntro}</Text>
      <RubricLine choice={props.rubric} />
      <Field label={t.template.branchType}>
        <Select value={type} onChange={(_, d) => setType(d.value as BranchType | "")}>
          <option value="">{t.template.anyType}</option>
          {BRANCH_TYPES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </Select>
      </Field>
      {confirming && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.template.replaceWarning}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        {workbook && !confirming && (
          <Button
            appearance="primary"
            disabledFocusable={task.busy}
            onClick={() => void insert(false)}
          >
            {t.template.insert}
          </Button>
        )}
        {workbook && confirming && (
          <>
            <Button
              appearance="primary"
              disabledFocusable={task.busy}
              onClick={() => void insert(true)}
            >
              {t.template.replace}
            </Button>{" "}
            <Button onClick={() => setConfirming(false)}>{t.cancel}</Button>
          </>
        )}
        {!workbook && (
          <Button
            appearance="primary"
            disabledFocusable={task.busy}
            onClick={() => void download()}
          >
            {t.template.download}
          </Button>
        )}
      </div>
      <Feedback task={task} />
    </Panel>
  );
}
