import { Button, makeStyles, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import {
  buildTemplate,
  rubricFingerprint,
  rubricSheet,
  rubricOfBook,
  singleSheetWorkbook,
  RUBRIC_SHEET,
  type Issue,
  type Rubric,
} from "../../core";
import type { FilePort, WorkbookPort } from "../ports";
import type { RubricChoice } from "../rubric-source";
import { useStrings } from "../strings-context";
import { useTask } from "../use-task";
import { Feedback } from "./Feedback";
import { FilePicker } from "./FilePicker";
import { IssueList } from "./IssueList";
import { Panel } from "./Panel";
import { RubricLine } from "./RubricLine";

const useStyles = makeStyles({ buttons: { display: "flex", flexDirection: "column", gap: "6px" } });

/** 评分标准: insert the editable rubric sheet, check it (problems with their cells), publish a template from it. */
export function RubricPanel(props: {
  readonly workbook: WorkbookPort | null;
  readonly files: FilePort;
  readonly rubric: RubricChoice;
  readonly onRubric: (choice: RubricChoice) => void;
  readonly today: () => Date;
}) {
  const t = useStrings();
  const styles = useStyles();
  const task = useTask();
  const [problems, setProblems] = useState<readonly Issue[]>([]);
  const [confirming, setConfirming] = useState(false);
  const { workbook, files } = props;

  const accept = (rubric: Rubric, origin: RubricChoice["origin"]): string => {
    setProblems([]);
    props.onRubric({ rubric, origin });
    return t.rubric.ok(rubric.name, rubric.version, rubric.total, rubricFingerprint(rubric));
  };
  const judge = (read: ReturnType<typeof rubricOfBook>, origin: RubricChoice["origin"]): string => {
    if (!read) throw new Error(t.rubric.noSheet);
    if ("rubric" in read) return accept(read.rubric, origin);
    setProblems(read.issues);
    throw new Error(t.rubric.problems(read.issues.length));
  };

  const insert = (replace: boolean) =>
    task.run(t.rubric.insert, async () => {
      if (!workbook) return;
      if (!replace && (await workbook.listSheets()).some((s) => s.name === RUBRIC_SHEET)) {
        setConfirming(true);
        return;
      }
      setConfirming(false);
      await workbook.render(singleSheetWorkbook(rubricSheet(props.rubric.rubric)));
    });
  const checkSheet = () =>
    task.run(t.rubric.check, async () =>
      judge(rubricOfBook(await (workbook as WorkbookPort).read([RUBRIC_SHEET])), "sheet")
    );
  const checkFile = (file: File) =>
    task.run(t.rubric.checkFile, async () =>
      judge(rubricOfBook(await files.read(new Uint8Array(await file.arrayBuffer()))), "file")
    );
  const publish = () =>
    task.run(t.rubric.publish, async () => {
      // In Excel the sheet as it stands now is checked first: a template is never built from a bad rubric.
      const read = workbook ? rubricOfBook(await workbook.read([RUBRIC_SHEET])) : null;
      const rubric = read
        ? (judge(read, "sheet"), "rubric" in read ? read.rubric : props.rubric.rubric)
        : props.rubric.rubric;
      files.save(
        t.rubric.templateFile,
        await files.write(buildTemplate(rubric, { generatedAt: props.today().toISOString() }))
      );
    });
  const downloadSheet = () =>
    task.run(t.rubric.downloadSheet, async () =>
      files.save(
        t.rubric.rubricFileName,
        await files.write(singleSheetWorkbook(rubricSheet(props.rubric.rubric)))
      )
    );

  return (
    <Panel title={t.rubric.title}>
      <Text>{t.rubric.intro}</Text>
      <RubricLine choice={props.rubric} />
      {confirming && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.rubric.insertWarning}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        {workbook ? (
          <>
            <Button disabledFocusable={task.busy} onClick={() => void insert(confirming)}>
              {t.rubric.insert}
            </Button>
            <Button
              appearance="primary"
              disabledFocusable={task.busy}
              onClick={() => void checkSheet()}
            >
              {t.rubric.check}
            </Button>
          </>
        ) : (
          <>
            <Button disabledFocusable={task.busy} onClick={() => void downloadSheet()}>
              {t.rubric.downloadSheet}
            </Button>
            <FilePicker
              label={t.rubric.checkFile}
              busy={task.busy}
              onPick={(f) => f[0] && void checkFile(f[0])}
            />
          </>
        )}
        <Button disabledFocusable={task.busy} onClick={() => void publish()}>
          {t.rubric.publish}
        </Button>
      </div>
      <Text size={200}>{t.rubric.publishHint}</Text>
      <Feedback task={task} />
      {problems.length > 0 && (
        <IssueList
          issues={problems}
          {...(workbook && {
            onSelect: (i: Issue) =>
              i.cell &&
              void task.run(t.check.goTo(i.cell), () =>
                workbook.select(i.sheet ?? RUBRIC_SHEET, i.cell ?? "A1")
              ),
          })}
        />
      )}
    </Panel>
  );
}
