import {
  Caption1,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Title3,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { REPORT_SHEETS, rubricOfBook, RUBRIC_SHEET, SCORESHEET } from "../../core";
import { inlineConsolidation, type ConsolidationPort } from "../consolidation";
import type { FilePort, WorkbookPort } from "../ports";
import { DEFAULT_CHOICE, type RubricChoice } from "../rubric-source";
import type { Strings } from "../strings";
import { StringsContext } from "../strings-context";
import { CheckPanel } from "./CheckPanel";
import { ConsolidatePanel } from "./ConsolidatePanel";
import { FileCheckPanel } from "./FileCheckPanel";
import { ReportsPanel } from "./ReportsPanel";
import { RubricPanel } from "./RubricPanel";
import { TemplatePanel } from "./TemplatePanel";

/** Fluent's look with the system's Chinese UI fonts first; no web font is fetched. */
export const THEME: Theme = {
  ...webLightTheme,
  fontFamilyBase: `"Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", ${webLightTheme.fontFamilyBase}`,
};

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    padding: "12px 12px 4px",
    borderBottom: `3px solid ${tokens.colorPaletteRedBorderActive}`,
  },
  title: { display: "block" },
  tabs: { padding: "0 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  notice: { margin: "8px 12px 0" },
});

type TabKey = "template" | "check" | "consolidate" | "reports" | "rubric";

/** What the pane is given: its texts, the open workbook (null outside Excel), file I/O and the clock. */
export interface AppProps {
  readonly strings: Strings;
  readonly workbook: WorkbookPort | null;
  readonly files: FilePort;
  /** 合并汇总 (a Web Worker in the pane); by default on this thread with `files`. */
  readonly consolidation?: ConsolidationPort;
  readonly today: () => Date;
  /** A start-up problem to show above the flows (e.g. office.js could not be loaded). */
  readonly notice?: string;
}

/** The task pane: five flows in Excel, the file-based four in a plain browser. */
export function App(props: AppProps) {
  const t = props.strings;
  const styles = useStyles();
  const { workbook, files, today } = props;
  const [tab, setTab] = useState<TabKey>("template");
  const [rubric, setRubric] = useState<RubricChoice>(DEFAULT_CHOICE);
  const [startup, setStartup] = useState<string | null>(props.notice ?? null);
  /** What the workbook-and-file flows all get. */
  const shared = { workbook, files, rubric, today };
  const consolidation = useMemo(
    () => props.consolidation ?? inlineConsolidation(files),
    [props.consolidation, files]
  );

  useEffect(() => {
    if (!workbook) return;
    const look = async (): Promise<void> => {
      const names = new Set((await workbook.listSheets()).map((s) => s.name));
      if (names.has(SCORESHEET)) setTab("check");
      else if (names.has(REPORT_SHEETS.summary)) setTab("reports");
      if (!names.has(RUBRIC_SHEET)) return;
      const read = rubricOfBook(await workbook.read([RUBRIC_SHEET]));
      if (read && "rubric" in read) setRubric({ rubric: read.rubric, origin: "sheet" });
      else if (read) setStartup(t.rubricSheetBad(read.issues.length));
    };
    look().catch((e: unknown) =>
      setStartup(t.failed(t.appTitle, e instanceof Error ? e.message : String(e)))
    );
  }, [workbook, t]);

  const tabs: TabKey[] = workbook
    ? ["template", "check", "consolidate", "reports", "rubric"]
    : ["template", "check", "consolidate", "rubric"];
  return (
    <StringsContext.Provider value={t}>
      <FluentProvider theme={THEME} className={styles.root}>
        <header className={styles.header}>
          <Title3 as="h1" className={styles.title}>
            {t.appTitle}
          </Title3>
          <Caption1>{t.appSubtitle}</Caption1>
        </header>
        {!workbook && (
          <MessageBar className={styles.notice} intent="info">
            <MessageBarBody>{t.browserMode}</MessageBarBody>
          </MessageBar>
        )}
        {startup && (
          <MessageBar className={styles.notice} intent="warning">
            <MessageBarBody>{startup}</MessageBarBody>
          </MessageBar>
        )}
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={tab}
          onTabSelect={(_, d) => setTab(d.value as TabKey)}
        >
          {tabs.map((key) => (
            <Tab key={key} value={key}>
              {t.tabs[key]}
            </Tab>
          ))}
        </TabList>
        <main>
          {tab === "template" && (
            <TemplatePanel workbook={workbook} files={files} rubric={rubric} today={today} />
          )}
          {tab === "check" &&
            (workbook ? (
              <CheckPanel workbook={workbook} rubric={rubric.rubric} today={today} />
            ) : (
              <FileCheckPanel files={files} rubric={rubric} today={today} />
            ))}
          {tab === "consolidate" && <ConsolidatePanel {...shared} consolidation={consolidation} />}
          {tab === "reports" && workbook && (
            <ReportsPanel workbook={workbook} rubric={rubric} today={today} />
          )}
          {tab === "rubric" && <RubricPanel {...shared} onRubric={setRubric} />}
        </main>
      </FluentProvider>
    </StringsContext.Provider>
  );
}
