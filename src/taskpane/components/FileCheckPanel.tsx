import { Caption1, Card, makeStyles, Text } from "@fluentui/react-components";
import { useState } from "react";
import { checkWorkbook, type CheckResult } from "../../core";
import { readChosen } from "../consolidate-files";
import type { FilePort } from "../ports";
import type { RubricChoice } from "../rubric-source";
import { useStrings } from "../strings-context";
import { useTask } from "../use-task";
import { Feedback } from "./Feedback";
import { FilePicker } from "./FilePicker";
import { IssueList } from "./IssueList";
import { Panel } from "./Panel";
import { RubricLine } from "./RubricLine";
import { TierBadge } from "./TierBadge";

const useStyles = makeStyles({
  head: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  name: { wordBreak: "break-all" },
});

interface Checked {
  readonly file: string;
  readonly result: CheckResult | { readonly ok: false; readonly reason: string };
}

/** 检查文件 outside Excel: each chosen scoresheet's total, tier and issues, as the branch officer would see them in the pane. */
export function FileCheckPanel(props: {
  readonly files: FilePort;
  readonly rubric: RubricChoice;
  readonly today: () => Date;
}) {
  const t = useStrings();
  const styles = useStyles();
  const task = useTask();
  const [checked, setChecked] = useState<readonly Checked[]>([]);
  const check = (chosen: File[]) =>
    task.run(t.check.files, async () => {
      const out: Checked[] = [];
      for (const file of chosen) {
        const input = await readChosen(file, props.files);
        out.push({
          file: file.name,
          result: input.book
            ? checkWorkbook(input.book, props.rubric.rubric, props.today())
            : { ok: false, reason: input.readError ?? t.check.rejected },
        });
        setChecked([...out]);
      }
    });
  return (
    <Panel title={t.check.files}>
      <Text>{t.check.filesIntro}</Text>
      <RubricLine choice={props.rubric} />
      <div>
        <FilePicker
          label={t.check.choose}
          multiple
          busy={task.busy}
          onPick={(f) => void check(f)}
        />
      </div>
      <Feedback task={task} />
      {checked.map(({ file, result }, i) => (
        <Card key={`${file}-${i}`} size="small">
          <div className={styles.head}>
            {result.ok ? (
              <TierBadge tier={result.assessment.tier.tier} size="medium" />
            ) : (
              <Text weight="semibold">{t.check.rejected}</Text>
            )}
            <Text weight="semibold" className={styles.name}>
              {file}
            </Text>
          </div>
          {result.ok ? (
            <>
              <Caption1>
                {result.filling.header.name ?? ""} · {t.check.total}{" "}
                {result.assessment.totals.final} · {result.assessment.gap.summary}
              </Caption1>
              <IssueList issues={result.issues} limit={8} />
            </>
          ) : (
            <Caption1>{result.reason}</Caption1>
          )}
        </Card>
      ))}
    </Panel>
  );
}
