import { Button, Field, Input, makeStyles, Text } from "@fluentui/react-components";
import { useState } from "react";
import {
  consolidate,
  DEFAULT_RATIO,
  DEFAULT_SAMPLE_RATIO,
  isReport,
  singleSheetWorkbook,
  publicitySheet,
  recommendSheet,
  sampleSheet,
  statsSheet,
  workSheet,
  type Consolidation,
  type SheetSpec,
} from "../../core";
import type { WorkbookPort } from "../ports";
import { REPORT_READ_SHEETS } from "../report-specs";
import type { RubricChoice } from "../rubric-source";
import { useStrings } from "../strings-context";
import { useTask } from "../use-task";
import { Feedback } from "./Feedback";
import { Panel } from "./Panel";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: "8px" },
  input: { minWidth: 0, width: "100%" },
  buttons: { display: "flex", flexDirection: "column", gap: "6px", alignItems: "stretch" },
});

/** Reads a number field; blank or nonsense falls back. */
function numberOr(text: string, fallback: number): number {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : fallback;
}

/** 一键生成推荐名单 and the other report sheets, from the report in this workbook (with the committee's typed scores). */
export function ReportsPanel(props: {
  readonly workbook: WorkbookPort;
  readonly rubric: RubricChoice;
  readonly today: () => Date;
}) {
  const t = useStrings();
  const styles = useStyles();
  const task = useTask();
  const year = props.today().getFullYear();
  const [unit, setUnit] = useState("");
  const [yearText, setYear] = useState(String(year));
  const [ratio, setRatio] = useState(String(DEFAULT_RATIO * 100));
  const [sampleRatio, setSampleRatio] = useState(String(DEFAULT_SAMPLE_RATIO * 100));
  const [seed, setSeed] = useState(String(year));
  const [last, setLast] = useState<Consolidation | null>(null);

  const readReport = async (): Promise<Consolidation> => {
    const book = await props.workbook.read(REPORT_READ_SHEETS);
    if (!isReport(book)) throw new Error(t.reports.noReport);
    const input = { file: "本工作簿", modified: null, book };
    const c = consolidate([input], {
      rubric: props.rubric.rubric,
      today: props.today(),
      previous: book,
      ratio: numberOr(ratio, DEFAULT_RATIO * 100) / 100,
    });
    const outcome = c.inputs[0];
    if (outcome?.status !== "accepted")
      throw new Error(outcome?.reasons.join("；") ?? t.reports.noReport);
    return c;
  };
  const make = (label: string, sheet: (c: Consolidation) => SheetSpec) => () =>
    task.run(label, async () => {
      const c = await readReport();
      setLast(c);
      const spec = sheet(c);
      await props.workbook.render(singleSheetWorkbook(spec));
      return t.reports.written(spec.name);
    });
  const form = () => ({
    ...(unit.trim() && { unit: unit.trim() }),
    year: numberOr(yearText, year),
  });
  const actions: [string, (c: Consolidation) => SheetSpec][] = [
    [t.reports.recommend, (c) => recommendSheet(c, form())],
    [t.reports.publicity, (c) => publicitySheet(c)],
    [
      t.reports.sample,
      (c) =>
        sampleSheet(c, {
          ratio: numberOr(sampleRatio, DEFAULT_SAMPLE_RATIO * 100) / 100,
          seed: numberOr(seed, year),
        }),
    ],
    [t.reports.work, (c) => workSheet(c, props.rubric.rubric, form())],
    [t.reports.stats, (c) => statsSheet(c, props.rubric.rubric)],
  ];

  return (
    <Panel title={t.reports.title}>
      <Text>{t.reports.intro}</Text>
      <Field label={t.reports.unit}>
        <Input className={styles.input} value={unit} onChange={(_, d) => setUnit(d.value)} />
      </Field>
      <div className={styles.grid}>
        <Field label={t.reports.year}>
          <Input
            className={styles.input}
            type="number"
            value={yearText}
            onChange={(_, d) => setYear(d.value)}
          />
        </Field>
        <Field label={t.reports.ratio}>
          <Input
            className={styles.input}
            type="number"
            value={ratio}
            onChange={(_, d) => setRatio(d.value)}
          />
        </Field>
        <Field label={t.reports.sampleRatio}>
          <Input
            className={styles.input}
            type="number"
            value={sampleRatio}
            onChange={(_, d) => setSampleRatio(d.value)}
          />
        </Field>
        <Field label={t.reports.seed}>
          <Input
            className={styles.input}
            type="number"
            value={seed}
            onChange={(_, d) => setSeed(d.value)}
          />
        </Field>
      </div>
      <div className={styles.buttons}>
        {actions.map(([label, sheet], i) => (
          <Button
            key={label}
            appearance={i === 0 ? "primary" : "secondary"}
            disabledFocusable={task.busy}
            onClick={() => void make(label, sheet)()}
          >
            {label}
          </Button>
        ))}
      </div>
      <Feedback task={task} />
      {last && (
        <Text size={200} data-testid="recommendation">
          {t.reports.summary(
            last.branches.filter((b) => !b.vanished).length,
            last.recommendation.required,
            last.recommendation.chosen.length
          )}
          {last.recommendation.shortfall ? ` ${last.recommendation.shortfall}` : ""}
        </Text>
      )}
    </Panel>
  );
}
