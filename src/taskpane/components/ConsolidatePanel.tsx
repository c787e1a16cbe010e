import { Button, Checkbox, makeStyles, ProgressBar, Text } from "@fluentui/react-components";
import { useState } from "react";
import { REPORT_SHEETS, SCORESHEET, type Consolidation, type WorkbookSnapshot } from "../../core";
import { consolidateFiles, readChosen, type Progress } from "../consolidate-files";
import type { ChosenFile, FilePort, WorkbookPort } from "../ports";
import { REPORT_READ_SHEETS, reportWorkbook } from "../report-specs";
import type { RubricChoice } from "../rubric-source";
import { useStrings } from "../strings-context";
import { useTask } from "../use-task";
import { Feedback } from "./Feedback";
import { FilePicker } from "./FilePicker";
import { FileStatusList } from "./FileStatusList";
import { Panel } from "./Panel";
import { RubricLine } from "./RubricLine";
import { TierCounts } from "./TierCounts";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
});

/** 合并汇总: many submitted files → every input accounted for → report sheets in this workbook or a downloaded report. */
export function ConsolidatePanel(props: {
  readonly workbook: WorkbookPort | null;
  readonly files: FilePort;
  readonly rubric: RubricChoice;
  readonly today: () => Date;
}) {
  const t = useStrings();
  const styles = useStyles();
  const task = useTask();
  const [chosen, setChosen] = useState<readonly ChosenFile[]>([]);
  const [previousFile, setPreviousFile] = useState<ChosenFile | null>(null);
  const [acceptOther, setAcceptOther] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Consolidation | null>(null);
  const { workbook, files } = props;

  const previous = async (): Promise<WorkbookSnapshot | undefined> => {
    if (workbook) {
      const book = await workbook.read(REPORT_READ_SHEETS);
      return book.sheets.some((s) => s.name === REPORT_SHEETS.summary) ? book : undefined;
    }
    if (!previousFile) return undefined;
    const read = await readChosen(previousFile, files);
    if (!read.book) throw new Error(`${previousFile.name}：${read.readError ?? ""}`);
    return read.book;
  };

  const start = () =>
    task.run(t.consolidate.start, async () => {
      setResult(null);
      const before = await previous();
      const c = await consolidateFiles(
        chosen,
        files,
        {
          rubric: props.rubric.rubric,
          today: props.today(),
          acceptOtherRubric: acceptOther,
          ...(before && { previous: before }),
        },
        setProgress
      );
      setProgress(null);
      setResult(c);
      const count = (s: string) => c.inputs.filter((i) => i.status === s).length;
      return t.consolidate.done(count("accepted"), count("rejected"), count("superseded"));
    });

  const write = (c: Consolidation) =>
    task.run(t.consolidate.write, async () => {
      if (!workbook) return;
      if ((await workbook.listSheets()).some((s) => s.name === SCORESHEET))
        throw new Error(t.consolidate.writeBlocked);
      await workbook.render(reportWorkbook(c, props.rubric.rubric, props.today()));
      return t.consolidate.written;
    });
  const download = (c: Consolidation) =>
    task.run(t.consolidate.download, async () =>
      files.save(
        t.consolidate.reportFile,
        await files.write(reportWorkbook(c, props.rubric.rubric, props.today()))
      )
    );

  return (
    <Panel title={t.consolidate.title}>
      <Text>{t.consolidate.intro}</Text>
      <RubricLine choice={props.rubric} />
      <div className={styles.row}>
        <FilePicker
          label={t.consolidate.choose}
          multiple
          busy={task.busy}
          onPick={(f) => (setChosen(f), setResult(null))}
        />
        <Text>{t.consolidate.chosen(chosen.length)}</Text>
      </div>
      {workbook ? (
        <Text size={200}>{t.consolidate.previousInBook}</Text>
      ) : (
        <div className={styles.row}>
          <FilePicker
            label={t.consolidate.previous}
            busy={task.busy}
            onPick={(f) => setPreviousFile(f[0] ?? null)}
          />
          <Text size={200}>{previousFile ? previousFile.name : t.consolidate.previousHint}</Text>
        </div>
      )}
      <Checkbox
        checked={acceptOther}
        onChange={(_, d) => setAcceptOther(d.checked === true)}
        label={t.consolidate.acceptOther}
      />
      <div>
        <Button
          appearance="primary"
          disabled={chosen.length === 0}
          disabledFocusable={task.busy}
          onClick={() => void start()}
        >
          {t.consolidate.start}
        </Button>
      </div>
      {progress && (
        <div role="status" aria-live="polite">
          <ProgressBar
            value={progress.phase === "reading" ? progress.done / Math.max(1, progress.total) : 1}
          />
          <Text size={200} data-testid="progress">
            {progress.phase === "reading"
              ? t.consolidate.reading(progress.done + 1, progress.total, progress.file)
              : t.consolidate.merging}
          </Text>
        </div>
      )}
      <Feedback task={task} />
      {result && (
        <>
          <TierCounts consolidation={result} />
          <div className={styles.row}>
            {workbook && (
              <Button
                appearance="primary"
                disabledFocusable={task.busy}
                onClick={() => void write(result)}
              >
                {t.consolidate.write}
              </Button>
            )}
            <Button
              appearance={workbook ? "secondary" : "primary"}
              disabledFocusable={task.busy}
              onClick={() => void download(result)}
            >
              {t.consolidate.download}
            </Button>
          </div>
          <FileStatusList inputs={result.inputs} />
        </>
      )}
    </Panel>
  );
}
