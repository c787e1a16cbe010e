// Every text the task pane shows, in Chinese first and in English for an English Office. Messages
// that come from the core (issues, reasons, gap summaries) are the rubric's own words and stay Chinese.

const zhCN = {
  appTitle: "支部达标创建助手",
  appSubtitle: "党支部标准化规范化建设达标创建",
  tabs: {
    template: "打分表",
    check: "检查",
    consolidate: "汇总",
    reports: "名单",
    rubric: "评分标准",
  },
  browserMode:
    "未检测到 Excel：当前在浏览器中使用，所有文件只在本机处理，不会上传。WPS 用户可在这里下载打分表、检查文件、合并汇总。",
  unsupportedVersion:
    "当前 Excel 版本过旧，无法运行本加载项。能运行它的有：Microsoft 365 和使用 WebView2 的零售版 Office、Office 2021/2024、网页版 Excel、Mac 版 Excel（Safari 16.4 及以上）。批量许可版 Office 2019 及更早版本不能运行；请升级 Office，或用新版 Edge、Chrome 打开本页面，以文件方式使用。",
  start: {
    connecting: "正在连接 Excel…",
    officeJsMissing:
      "无法加载 Office 的脚本（office.js），任务窗格连不上 Excel。请检查网络（内网部署请用 OFFICE_JS_LOCAL=1 构建），然后重试。",
    excelSilent: (seconds: number) =>
      `Excel 在 ${seconds} 秒内没有响应，任务窗格还没连上 Excel。请重试；如果一直这样，请关闭任务窗格再打开，或重启 Excel。`,
    retry: "重试",
    useFiles: "改用文件方式（不连接 Excel）",
    macDownload:
      "Mac 版 Excel 的任务窗格不能直接下载文件，已在默认浏览器中打开本页面，请在那里下载（文件只在本机处理，不会上传）。也可以先写入本工作簿，再用“文件 › 另存为”保存。",
  },
  unsupportedHost: (host: string) => `本加载项只能在 Excel 中使用（当前是 ${host}）。`,
  busy: "正在处理…",
  failed: (what: string, why: string) => `${what}失败：${why}`,
  close: "关闭",
  cancel: "取消",
  rubricDefault: (name: string, version: string) => `默认评分标准（${name} ${version}）`,
  rubricSheet: (name: string, version: string) => `本工作簿的“评分标准”表（${name} ${version}）`,
  rubricFile: (name: string, version: string) => `评分标准文件（${name} ${version}）`,
  rubricSheetBad: (n: number) =>
    `本工作簿的“评分标准”表有 ${n} 处问题，暂用默认评分标准；请到“评分标准”页查看。`,
  rubricLabel: "评分标准",
  template: {
    title: "插入打分表",
    intro: "生成正式打分表（含填表说明）。黄色格子由党支部填写，得分和等次由公式自动计算。",
    branchType: "支部类型",
    anyType: "（由党支部自选）",
    insert: "插入打分表",
    replaceWarning: "本工作簿已有“打分表”，插入新表会替换它，已填内容将丢失。",
    replace: "替换现有打分表",
    inserted: "已插入打分表。填写时可在“检查”页实时查看等次和问题。",
    download: "下载打分表模板",
    downloadIntro: "下载空白打分表（.xlsx），发给党支部填写；Excel、WPS 都能打开，不需要加载项。",
    rubricFile: "评分标准文件（可选）",
    rubricFileHint: "选择含“评分标准”表的 .xlsx；不选则用默认评分标准。",
  },
  check: {
    title: "检查与等次",
    noSheet: "本工作簿还没有打分表。请先在“打分表”页插入。",
    live: "边填边查：修改打分表后自动刷新。",
    refresh: "立即检查",
    notScoresheet: "无法读取打分表：",
    total: "最终总分",
    self: "自评",
    tier: "等次",
    sections: "各部分得分",
    gap: "离下一等次",
    issues: (n: number) => `问题（${n}）`,
    noIssues: "没有发现问题。",
    showAll: (n: number) => `显示其余 ${n} 条`,
    goTo: (cell: string) => `转到 ${cell}`,
    caps: "等次限制",
    files: "检查文件",
    filesIntro: "选择一个或多个党支部报送的打分表（.xlsx），逐个检查得分、等次和问题。",
    choose: "选择文件",
    rejected: "无法读取",
  },
  consolidate: {
    title: "合并汇总",
    intro:
      "选择各党支部报送的打分表（可多选，也可包含下级党委的汇总报告），核算得分、判定等次，生成汇总表、明细、问题清单、统计和各类名单。",
    choose: "选择报送文件",
    chosen: (n: number) => `已选 ${n} 个文件`,
    previous: "上次汇总报告（可选）",
    previousHint: "选择上次生成的汇总报告，保留其中已录入的审核得分、抽验得分、备注和命名。",
    previousInBook: "将保留本工作簿“汇总表”中已录入的审核得分、抽验得分、备注和命名。",
    roster: "选择名册（可选）",
    rosterHint: "名册列出本党委的全部党支部：据此列出未报送的党支部，党支部数和 20% 推荐按名册计。",
    rosterFile: (name: string, n: number) => `名册：${name}（${n} 个党支部）`,
    rosterSheet: (n: number) => `将使用本工作簿的“名册”表（${n} 个党支部）。`,
    rosterBad: (name: string, problems: string) =>
      `名册“${name}”有问题，请改正后再汇总：${problems}`,
    rosterNone: "未提供名册：党支部数按已报送的党支部计，无法列出未报送的党支部。",
    rosterResult: (expected: number, submitted: number, missing: number, unlisted: number) =>
      `名册 ${expected} 个党支部：已报送 ${submitted} 个，未报送 ${missing} 个，名册外 ${unlisted} 个（名单见“收齐情况”）。`,
    acceptOther: "接收使用其他评分标准的文件（会标记）",
    start: "开始汇总",
    reading: (done: number, total: number, file: string) => `正在读取 ${done}/${total}：${file}`,
    merging: "正在核算与汇总…",
    cancelled: "已取消汇总，本工作簿没有改动。",
    moreFiles: (n: number) => `显示其余 ${n} 个文件`,
    done: (accepted: number, rejected: number, superseded: number) =>
      `完成：接收 ${accepted} 个，拒收 ${rejected} 个，被替代 ${superseded} 个。`,
    counts: "等次分布",
    passRate: (rate: string) => `达标率 ${rate}`,
    write: "写入本工作簿",
    writeBlocked:
      "本工作簿含有打分表，不能在其中写入汇总报告。请新建一个空白工作簿再汇总，或下载汇总报告。",
    written: "已写入汇总表、明细、问题清单、统计和各类名单。",
    preparing: "正在生成汇总报告…",
    writing: (sheet: number, sheets: number, name: string, batches: number) =>
      `正在写入本工作簿：第 ${sheet}/${sheets} 张工作表“${name}”，已发送 ${batches} 批`,
    writeCancelled: "已取消写入，本工作簿没有改动。",
    download: "下载汇总报告",
    reportFile: "汇总报告.xlsx",
    downloadFeedback: "下载退回修改包",
    feedbackFile: "退回修改包.zip",
    feedbackNone: "没有需要退回修改的党支部（没有错误或警告）。",
    feedbackDone: (n: number) => `退回修改包已生成：${n} 个党支部的退回修改工作簿。`,
    downloadReceipt: "下载回执",
    receiptFile: "回执.xlsx",
    status: {
      accepted: "已接收",
      rejected: "已拒收",
      superseded: "被替代",
      reading: "读取中",
      waiting: "等待",
    },
  },
  reports: {
    title: "一键生成名单",
    intro: "根据本工作簿中的汇总报告（可先在“汇总表”中录入审核得分），重新生成推荐名单和其他报表。",
    noReport: "本工作簿还没有汇总报告。请先在“汇总”页合并汇总并写入本工作簿。",
    unit: "单位名称（盖章处）",
    year: "年度",
    ratio: "推荐比例（%）",
    sampleRatio: "抽验比例（%）",
    seed: "抽验随机种子",
    recommend: "生成推荐名单",
    publicity: "生成公示名单",
    sample: "生成抽验名单",
    work: "生成工作情况报告",
    stats: "生成统计",
    summary: (branches: number, required: number, chosen: number) =>
      `共 ${branches} 个党支部，应推荐不少于 ${required} 个，已列入 ${chosen} 个。`,
    written: (sheet: string) => `已生成“${sheet}”工作表。`,
  },
  rubric: {
    title: "评分标准",
    intro:
      "工委在“评分标准”表中直接修改考核项目、分值、扣分和等次线，不用写代码；检查无误后发布打分表模板。",
    insert: "插入评分标准表",
    insertWarning: "本工作簿已有“评分标准”表，插入会替换它。",
    check: "检查评分标准",
    ok: (name: string, version: string, total: number, fingerprint: string) =>
      `评分标准无误：${name}（${version}），满分 ${total} 分，指纹 ${fingerprint.slice(0, 12)}。`,
    problems: (n: number) => `发现 ${n} 处问题，请按提示修改后再检查：`,
    noSheet: "本工作簿没有“评分标准”表。可先插入一份默认评分标准再修改。",
    publish: "发布打分表模板",
    publishHint: "用这份评分标准生成打分表模板（.xlsx）下载，发给各党支部。",
    downloadSheet: "下载评分标准表",
    checkFile: "检查评分标准文件",
    templateFile: "打分表模板.xlsx",
    rubricFileName: "评分标准.xlsx",
  },
  severity: { 错误: "错误", 警告: "警告", 提示: "提示" },
  tiers: { 示范: "示范", 先进: "先进", 达标: "达标", 未达标: "未达标" },
  points: (n: number) => `${n} 分`,
};

/** The task pane's texts in one language. */
export type Strings = typeof zhCN;

const enUS: Strings = {
  appTitle: "Branch Standards Assistant",
  appSubtitle: "Party branch standardisation assessment",
  tabs: {
    template: "Form",
    check: "Check",
    consolidate: "Merge",
    reports: "Lists",
    rubric: "Rubric",
  },
  browserMode:
    "Excel not detected: running in the browser. Files are processed on this computer only and never uploaded. WPS users can download the form, check files and consolidate here.",
  unsupportedVersion:
    "This Excel is too old for the add-in. It runs in Microsoft 365 and retail Office builds with WebView2, Office 2021/2024, Excel on the web and Excel for Mac (Safari 16.4 or later); volume-licensed Office 2019 and older cannot run it. Please update Office, or open this page in a current Edge or Chrome and work with files.",
  start: {
    connecting: "Connecting to Excel…",
    officeJsMissing:
      "Office's script (office.js) could not be loaded, so the pane cannot reach Excel. Check the network (for an intranet, build with OFFICE_JS_LOCAL=1) and retry.",
    excelSilent: (seconds: number) =>
      `Excel did not answer within ${seconds} seconds. Please retry; if it keeps happening, close and reopen the pane or restart Excel.`,
    retry: "Retry",
    useFiles: "Work with files instead (without Excel)",
    macDownload:
      "Excel for Mac's task pane cannot download files, so this page has been opened in your default browser: download it there (files stay on this computer). Or write into this workbook and use File › Save As.",
  },
  unsupportedHost: (host: string) => `This add-in works in Excel only (this is ${host}).`,
  busy: "Working…",
  failed: (what: string, why: string) => `${what} failed: ${why}`,
  close: "Close",
  cancel: "Cancel",
  rubricDefault: (name: string, version: string) => `Default rubric (${name} ${version})`,
  rubricSheet: (name: string, version: string) =>
    `This workbook's 评分标准 sheet (${name} ${version})`,
  rubricFile: (name: string, version: string) => `Rubric file (${name} ${version})`,
  rubricSheetBad: (n: number) =>
    `This workbook's 评分标准 sheet has ${n} problems; using the default rubric. See the Rubric tab.`,
  rubricLabel: "Rubric",
  template: {
    title: "Insert the scoresheet",
    intro:
      "Creates the official scoresheet with instructions. Branches fill the yellow cells; scores and tier are computed by formulas.",
    branchType: "Branch type",
    anyType: "(chosen by the branch)",
    insert: "Insert scoresheet",
    replaceWarning:
      "This workbook already has a 打分表 sheet. Inserting replaces it and its entries are lost.",
    replace: "Replace the scoresheet",
    inserted: "Scoresheet inserted. The Check tab shows tier and issues while you fill it in.",
    download: "Download the template",
    downloadIntro:
      "Download a blank scoresheet (.xlsx) for branches to fill in; it opens in Excel and WPS without the add-in.",
    rubricFile: "Rubric file (optional)",
    rubricFileHint: "An .xlsx with a 评分标准 sheet; without one the default rubric is used.",
  },
  check: {
    title: "Check and tier",
    noSheet: "This workbook has no scoresheet yet. Insert one on the Form tab first.",
    live: "Live: refreshes as you edit the scoresheet.",
    refresh: "Check now",
    notScoresheet: "Cannot read the scoresheet: ",
    total: "Final total",
    self: "Self",
    tier: "Tier",
    sections: "Sections",
    gap: "To the next tier",
    issues: (n: number) => `Issues (${n})`,
    noIssues: "No issues found.",
    showAll: (n: number) => `Show ${n} more`,
    goTo: (cell: string) => `Go to ${cell}`,
    caps: "Tier limits",
    files: "Check files",
    filesIntro:
      "Choose one or more submitted scoresheets (.xlsx) to check their scores, tiers and issues.",
    choose: "Choose files",
    rejected: "Cannot be read",
  },
  consolidate: {
    title: "Consolidate",
    intro:
      "Choose the branches' scoresheets (several at once; committee reports too). Scores are recomputed, tiers decided, and the summary, detail, issues, statistics and lists produced.",
    choose: "Choose submissions",
    chosen: (n: number) => `${n} files chosen`,
    previous: "Previous report (optional)",
    previousHint:
      "The last report: review scores, sample scores, remarks and namings typed into it are kept.",
    previousInBook:
      "Review scores, sample scores, remarks and namings typed into this workbook's 汇总表 are kept.",
    roster: "Choose a roster (optional)",
    rosterHint:
      "The roster lists all of the committee's branches: those that sent nothing are listed, and the counts and the 20 % are over all of them.",
    rosterFile: (name: string, n: number) => `Roster: ${name} (${n} branches)`,
    rosterSheet: (n: number) => `This workbook's 名册 sheet will be used (${n} branches).`,
    rosterBad: (name: string, problems: string) =>
      `The roster "${name}" has problems; fix them and consolidate again: ${problems}`,
    rosterNone:
      "No roster: counts are over the branches that submitted, and those that sent nothing cannot be listed.",
    rosterResult: (expected: number, submitted: number, missing: number, unlisted: number) =>
      `Roster of ${expected} branches: ${submitted} submitted, ${missing} missing, ${unlisted} not on the roster (see 收齐情况).`,
    acceptOther: "Accept files scored on another rubric (flagged)",
    start: "Consolidate",
    reading: (done: number, total: number, file: string) => `Reading ${done}/${total}: ${file}`,
    merging: "Scoring and consolidating…",
    cancelled: "Consolidation cancelled; this workbook was not changed.",
    moreFiles: (n: number) => `Show the other ${n} files`,
    done: (accepted: number, rejected: number, superseded: number) =>
      `Done: ${accepted} accepted, ${rejected} rejected, ${superseded} superseded.`,
    counts: "Tiers",
    passRate: (rate: string) => `Pass rate ${rate}`,
    write: "Write into this workbook",
    writeBlocked:
      "This workbook holds a scoresheet, so the report cannot be written into it. Open a blank workbook, or download the report.",
    written: "Summary, detail, issues, statistics and lists written.",
    preparing: "Building the report…",
    writing: (sheet: number, sheets: number, name: string, batches: number) =>
      `Writing into this workbook: sheet ${sheet}/${sheets} “${name}”, ${batches} batches sent`,
    writeCancelled: "Writing cancelled; this workbook was not changed.",
    download: "Download the report",
    reportFile: "汇总报告.xlsx",
    downloadFeedback: "Download the send-back pack",
    feedbackFile: "退回修改包.zip",
    feedbackNone: "No branch needs to correct anything (no errors or warnings).",
    feedbackDone: (n: number) => `Send-back pack made: workbooks for ${n} branches.`,
    downloadReceipt: "Download the receipts",
    receiptFile: "回执.xlsx",
    status: {
      accepted: "Accepted",
      rejected: "Rejected",
      superseded: "Superseded",
      reading: "Reading",
      waiting: "Waiting",
    },
  },
  reports: {
    title: "One-click lists",
    intro:
      "Regenerates the recommendation list and other reports from the report in this workbook (review scores typed into 汇总表 count).",
    noReport:
      "This workbook has no report yet. Consolidate on the Merge tab and write it into this workbook first.",
    unit: "Unit (for the stamp line)",
    year: "Year",
    ratio: "Recommend at least (%)",
    sampleRatio: "Sample share (%)",
    seed: "Sample seed",
    recommend: "Recommendation list",
    publicity: "Public notice list",
    sample: "Sample list",
    work: "Work report",
    stats: "Statistics",
    summary: (branches: number, required: number, chosen: number) =>
      `${branches} branches; at least ${required} to recommend; ${chosen} listed.`,
    written: (sheet: string) => `Sheet ${sheet} written.`,
  },
  rubric: {
    title: "Rubric",
    intro:
      "The work committee edits items, points, deductions and tier lines right in the 评分标准 sheet, no code; once it checks clean, publish the template.",
    insert: "Insert the rubric sheet",
    insertWarning: "This workbook already has a 评分标准 sheet; inserting replaces it.",
    check: "Check the rubric",
    ok: (name: string, version: string, total: number, fingerprint: string) =>
      `Rubric OK: ${name} (${version}), ${total} points, fingerprint ${fingerprint.slice(0, 12)}.`,
    problems: (n: number) => `${n} problems found; fix them and check again:`,
    noSheet: "This workbook has no 评分标准 sheet. Insert the default rubric first, then edit it.",
    publish: "Publish the template",
    publishHint: "Build the scoresheet template (.xlsx) from this rubric to send to the branches.",
    downloadSheet: "Download the rubric sheet",
    checkFile: "Check a rubric file",
    templateFile: "打分表模板.xlsx",
    rubricFileName: "评分标准.xlsx",
  },
  severity: { 错误: "Error", 警告: "Warning", 提示: "Note" },
  tiers: { 示范: "Model", 先进: "Advanced", 达标: "Standard", 未达标: "Below standard" },
  points: (n: number) => `${n} pts`,
};

/** The texts for Office's display language: English for "en-…", Chinese otherwise. */
export function stringsFor(language: string | undefined): Strings {
  return language?.toLowerCase().startsWith("en") ? enUS : zhCN;
}

/** The catalogues by locale, for tests that hold the two to the same keys. */
export const CATALOGUES = { "zh-CN": zhCN, "en-US": enUS } as const;
