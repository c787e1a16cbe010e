import { Button, Checkbox, makeStyles, Text } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { REPORT_SHEETS, SCORESHEET, type Issue, type WorkbookSnapshot } from "../../core";
import type { Progress } from "../consolidate-files";
import { CANCELLED, type ConsolidationPort, type ConsolidationSummary } from "../consolidation";
import type { ChosenFile, DrawProgress, FilePort, WorkbookPort } from "../ports";
import { REPORT_READ_SHEETS } from "../report-specs";
import type { RubricChoice } from "../rubric-source";
import { rosterInWorkbook, rosterOfFile, type RosterChoice } from "../roster-source";
import { useStrings } from "../strings-context";
import { useTask } from "../use-task";
import { Feedback } from "./Feedback";
import { FilePicker } from "./FilePicker";
import { FileStatusList } from "./FileStatusList";
import { Panel } from "./Panel";
import { ProgressLine } from "./ProgressLine";
import { RubricLine } from "./RubricLine";
import { TierCounts } from "./TierCounts";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
});

/** 合并汇总: many submitted files → every input accounted for → report sheets in this workbook or a downloaded report. */
export function ConsolidatePanel(props: {
  readonly workbook: WorkbookPort | null;
  readonly files: FilePort;
  readonly consolidation: ConsolidationPort;
  readonly rubric: RubricChoice;
  readonly today: () => Date;
}) {
  const t = useStrings();
  const styles = useStyles();
  const task = useTask();
  const [chosen, setChosen] = useState<readonly ChosenFile[]>([]);
  const [previousFile, setPreviousFile] = useState<ChosenFile | null>(null);
  const [acceptOther, setAcceptOther] = useState(false);
  const [rosterFile, setRosterFile] = useState<RosterChoice | null>(null);
  const [rosterSheet, setRosterSheet] = useState<RosterChoice | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<ConsolidationSummary | null>(null);
  /** 写入本工作簿 under way: building the report ("preparing"), then drawing it. */
  const [writing, setWriting] = useState<DrawProgress | "preparing" | null>(null);
  const stopWriting = useRef<AbortController | null>(null);
  const { workbook, files, consolidation } = props;
  // A 名册 sheet in the open workbook is used unless a roster file is chosen; said on screen.
  useEffect(() => {
    if (workbook) void rosterInWorkbook(workbook).then(setRosterSheet, () => setRosterSheet(null));
  }, [workbook]);
  const roster = rosterFile ?? rosterSheet;
  const rosterText = (r: RosterChoice | null): string =>
    r === null
      ? t.consolidate.rosterHint
      : "issues" in r
        ? t.consolidate.rosterBad(r.name, problemsText(r))
        : r.origin === "sheet"
          ? t.consolidate.rosterSheet(r.roster.entries.length)
          : t.consolidate.rosterFile(r.name, r.roster.entries.length);

  /** The report already in this workbook, whose typed review scores are carried over. */
  const previousInBook = async (): Promise<WorkbookSnapshot | undefined> => {
    if (!workbook) return undefined;
    const book = await workbook.read(REPORT_READ_SHEETS);
    return book.sheets.some((s) => s.name === REPORT_SHEETS.summary) ? book : undefined;
  };

  const start = () =>
    task.run(t.consolidate.start, async () => {
      setResult(null);
      // Read again at the start: the 名册 sheet may have been edited since the pane looked.
      const current = rosterFile ?? (workbook ? await rosterInWorkbook(workbook) : null);
      if (current && "issues" in current)
        throw new Error(t.consolidate.rosterBad(current.name, problemsText(current)));
      const before = await previousInBook();
      try {
        const c = await consolidation.consolidate(
          chosen,
          {
            rubric: props.rubric.rubric,
            today: props.today(),
            acceptOtherRubric: acceptOther,
            ...(before && { previous: before }),
            ...(!workbook && previousFile && { previousFile }),
            ...(current && "roster" in current && { roster: current.roster }),
          },
          setProgress
        );
        setResult(c);
        const count = (s: string) => c.inputs.filter((i) => i.status === s).length;
        return t.consolidate.done(count("accepted"), count("rejected"), count("superseded"));
      } catch (e) {
        if (e instanceof Error && e.message === CANCELLED) return t.consolidate.cancelled;
        throw e;
      } finally {
        setProgress(null);
      }
    });

  const write = () =>
    task.run(t.consolidate.write, async () => {
      if (!workbook) return;
      if ((await workbook.listSheets()).some((s) => s.name === SCORESHEET))
        throw new Error(t.consolidate.writeBlocked);
      const stop = new AbortController();
      stopWriting.current = stop;
      setWriting("preparing");
      try {
        const spec = await consolidation.reportSpec(props.today());
        if (stop.signal.aborted) return t.consolidate.writeCancelled;
        await workbook.render(spec, { onProgress: setWriting, signal: stop.signal });
        return t.consolidate.written;
      } catch (e) {
        if (stop.signal.aborted && e instanceof Error && e.name === "AbortError")
          return t.consolidate.writeCancelled;
        throw e;
      } finally {
        stopWriting.current = null;
        setWriting(null);
      }
    });
  const download = () =>
    task.run(t.consolidate.download, async () =>
      files.save(t.consolidate.reportFile, await consolidation.reportFile(props.today()))
    );

  const downloadFeedback = () =>
    task.run(t.consolidate.downloadFeedback, async () => {
      const pack = await consolidation.feedbackPack(props.today());
      if (pack === null) return t.consolidate.feedbackNone;
      files.save(t.consolidate.feedbackFile, pack.bytes);
      return t.consolidate.feedbackDone(pack.count);
    });
  const downloadReceipt = () =>
    task.run(t.consolidate.downloadReceipt, async () =>
      files.save(t.consolidate.receiptFile, await consolidation.receiptFile(props.today()))
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
      <div className={styles.row}>
        <FilePicker
          label={t.consolidate.roster}
          busy={task.busy}
          onPick={(f) =>
            void (f[0] ? rosterOfFile(f[0], files).then(setRosterFile) : setRosterFile(null))
          }
        />
        <Text size={200} data-testid="roster">
          {rosterText(roster)}
        </Text>
      </div>
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
        <ProgressLine
          value={progress.phase === "reading" ? progress.done / Math.max(1, progress.total) : 1}
          text={
            progress.phase === "reading"
              ? t.consolidate.reading(progress.done + 1, progress.total, progress.file)
              : t.consolidate.merging
          }
          testId="progress"
          onCancel={() => consolidation.cancel()}
        />
      )}
      {writing && (
        <ProgressLine
          {...(writing !== "preparing" && { value: (writing.sheet - 1) / writing.sheets })}
          text={
            writing === "preparing"
              ? t.consolidate.preparing
              : t.consolidate.writing(writing.sheet, writing.sheets, writing.name, writing.batches)
          }
          testId="write-progress"
          onCancel={() => stopWriting.current?.abort()}
        />
      )}
      <Feedback task={task} />
      {result && (
        <>
          <TierCounts consolidation={result} />
          <Text size={200}>
            {result.roster === null
              ? t.consolidate.rosterNone
              : t.consolidate.rosterResult(
                  result.roster.expected,
                  result.roster.submitted,
                  result.roster.missing.length,
                  result.roster.unlisted.length
                )}
          </Text>
          {result.shortfall && (
            <Text size={200} data-testid="shortfall">
              {result.shortfall}
            </Text>
          )}
          <div className={styles.row}>
            {workbook && (
              <Button
                appearance="primary"
                disabledFocusable={task.busy}
                onClick={() => void write()}
              >
                {t.consolidate.write}
              </Button>
            )}
            <Button
              appearance={workbook ? "secondary" : "primary"}
              disabledFocusable={task.busy}
              onClick={() => void download()}
            >
              {t.consolidate.download}
            </Button>
            <Button disabledFocusable={task.busy} onClick={() => void downloadFeedback()}>
              {t.consolidate.downloadFeedback}
            </Button>
            <Button disabledFocusable={task.busy} onClick={() => void downloadReceipt()}>
              {t.consolidate.downloadReceipt}
            </Button>
          </div>
          <FileStatusList inputs={result.inputs} />
        </>
      )}
    </Panel>
  );
}

/** The first few problems of a roster, each with its cell, as one line. */
function problemsText(r: { readonly issues: readonly Issue[] }): string {
  const shown = r.issues.slice(0, 3).map((i) => `${i.cell ? `${i.cell} ` : ""}${i.message}`);
  return shown.join("；") + (r.issues.length > 3 ? `……（共 ${r.issues.length} 处）` : "");
}
