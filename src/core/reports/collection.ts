import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";
import { fileName } from "../consolidation/inputs";
import type {
  CarriedInput,
  CommitteeSummary,
  Consolidation,
  InputOutcome,
} from "../consolidation/model";
import { REPORT_SHEETS } from "../consolidation/report-format";
import { a4 } from "../print";
import { spannedRow, type Span } from "./table";

// 收齐情况: per committee, who was expected (the roster), who sent a file, who did not (with the
// leader and contact to phone), who sent one without being on the roster, and every file not used.

const WIDTHS = [6, 24, 9, 9, 9, 9, 9, 19];
const LAST = WIDTHS.length - 1;
const TITLE = "党支部标准化规范化建设达标创建材料收齐情况";
/** Said when no roster was given: what can and cannot be known. */
export const NO_ROSTER_NOTE =
  "未提供名册：只能列出已收到的文件，无法确定哪些党支部未报送，党支部数按已报送的党支部计。如需核对，请提供名册（命令行 --roster，或在任务窗格中选择名册）。";

/** The 收齐情况 sheet: a summary line per committee, then each committee's 未报送, 名册外, 拒收 and 重报. */
export function collectionSheet(c: Consolidation): SheetSpec {
  const b = new SheetBuilder(
    REPORT_SHEETS.collection,
    WIDTHS.map((width) => ({ width }))
  );
  let r = 0;
  const row = (spans: readonly Span[], min = 20): void => {
    spannedRow(b, WIDTHS, r, spans, min);
    r++;
  };
  const line = (text: string, style: string, min = 22): void => row([[text, 0, LAST, style]], min);

  line(TITLE, "title", 34);
  line(subtitle(c), "subtitle", 18);
  if (c.roster === null) line(NO_ROSTER_NOTE, "note", 30);
  r++;

  row(
    [
      ["所属党委", 0, 1, "head"],
      ["应报（名册）", 2, 2, "head"],
      ["已报", 3, 3, "head"],
      ["未报送", 4, 4, "head"],
      ["名册外", 5, 5, "head"],
      ["拒收", 6, 6, "head"],
      ["重报", 7, 7, "head"],
    ],
    30
  );
  for (const k of c.committees)
    row([
      [k.name, 0, 1, "text"],
      [k.expected ?? "无名册", 2, 2, "number"],
      [k.submitted, 3, 3, "number"],
      [k.hasRoster ? k.missing.length : "—", 4, 4, "number"],
      [k.hasRoster ? k.unlisted.length : "—", 5, 5, "number"],
      [rejectedOf(k).length, 6, 6, "number"],
      [supersededOf(k).length, 7, 7, "number"],
    ]);
  // Files no committee can be told for: unreadable here, or unreadable at a lower level.
  const orphans = [
    ...c.inputs
      .filter((i) => i.status === "rejected" && committeeless(i, c))
      .map((o) => [fileName(o.file), o.reasons.join("；")]),
    ...c.carried
      .filter((x) => x.status === "rejected" && !c.committees.some((k) => k.carried.includes(x)))
      .map(carriedRow),
  ];
  if (orphans.length > 0)
    row([
      ["未能确定所属党委的文件", 0, 1, "text"],
      ["", 2, 5, "text"],
      [orphans.length, 6, 6, "number"],
      ["", 7, 7, "text"],
    ]);
  r++;

  c.committees.forEach((k, i) => {
    line(`${chineseNumber(i + 1)}、${k.name}`, "heading", 26);
    line(committeeLine(k), "plain", 20);
    if (k.hasRoster) {
      list(
        `未报送（${k.missing.length} 个）：请联系以下党支部尽快报送。`,
        [
          ["党支部名称", 1, 3],
          ["党支部负责人", 4, 5],
          ["联系方式", 6, 7],
        ],
        k.missing.map((e) => [e.name, e.leader ?? "", e.contact ?? ""])
      );
      if (k.unlisted.length > 0)
        list(
          `名册外（${k.unlisted.length} 个）：已报送，但不在名册中，请核实党支部名称，或补入名册。`,
          [
            ["党支部名称", 1, 3],
            ["文件", 4, 7],
          ],
          k.unlisted.map((u) => [u.header.name ?? "", fileName(u.file)])
        );
    } else {
      const received = k.present;
      list(
        `已报送（${received.length} 个）：该党委未提供名册，未报送的党支部无法确定。`,
        [
          ["党支部名称", 1, 3],
          ["文件", 4, 7],
        ],
        received.map((x) => [x.header.name ?? "", fileName(x.file)])
      );
    }
    const rejected = rejectedOf(k);
    if (rejected.length > 0)
      list(
        `拒收（${rejected.length} 份）：文件无法使用，请通知报送单位按原因处理后重新报送。`,
        [
          ["文件", 1, 3],
          ["原因", 4, 7],
        ],
        rejected
      );
    const superseded = supersededOf(k);
    if (superseded.length > 0)
      list(
        `重报（${superseded.length} 份）：同一党支部报送了多份，以说明中的文件为准。`,
        [
          ["被替代的文件", 1, 3],
          ["说明", 4, 7],
        ],
        superseded
      );
  });
  if (orphans.length > 0) {
    line(`${chineseNumber(c.committees.length + 1)}、未能确定所属党委的文件`, "heading", 26);
    list(
      `拒收（${orphans.length} 份）：无法读取，不知是哪个党支部报送的，请按文件名查找报送单位。`,
      [
        ["文件", 1, 3],
        ["原因", 4, 7],
      ],
      orphans
    );
  }
  return b.build({ print: a4(TITLE, "portrait") });

  /** A captioned table of numbered rows; an empty one says 无. */
  function list(
    caption: string,
    columns: readonly (readonly [string, number, number])[],
    rows: readonly (readonly string[])[]
  ): void {
    line(caption, "plain", 20);
    row([["序号", 0, 0, "head"], ...columns.map(([h, f, t]): Span => [h, f, t, "head"])], 22);
    rows.forEach((values, n) =>
      row([
        [n + 1, 0, 0, "code"],
        ...columns.map(([, f, t], j): Span => [values[j] ?? "", f, t, "text"]),
      ])
    );
    if (rows.length === 0) row([["无", 0, LAST, "text"]]);
    r++;
  }
}

function subtitle(c: Consolidation): string {
  const expected = c.committees.reduce((a, k) => a + (k.expected ?? 0), 0);
  const submitted = c.committees.reduce((a, k) => a + k.submitted, 0);
  const files = c.inputs.length;
  return c.roster === null
    ? `共收到文件 ${files} 份，已报送的党支部 ${submitted} 个（所属党委 ${c.committees.length} 个）`
    : `名册中党支部 ${expected} 个，已报送 ${submitted} 个；共收到文件 ${files} 份`;
}

function committeeLine(k: CommitteeSummary): string {
  const tail = `拒收 ${rejectedOf(k).length} 份，重报 ${supersededOf(k).length} 份。`;
  return k.hasRoster
    ? `应报 ${k.expected ?? 0} 个，已报 ${k.submitted} 个，未报送 ${k.missing.length} 个，名册外 ${k.unlisted.length} 个；${tail}`
    : `已报 ${k.submitted} 个（未提供名册）；${tail}`;
}

/** This run's rejected files of a committee and those its lower levels rejected, as [file, reason]. */
function rejectedOf(k: CommitteeSummary): string[][] {
  return [
    ...k.rejected.map((i) => [fileName(i.file), i.reasons.join("；")]),
    ...k.carried.filter((x) => x.status === "rejected").map(carriedRow),
  ];
}

function supersededOf(k: CommitteeSummary): string[][] {
  return [
    ...k.superseded.map((i) => [fileName(i.file), i.reasons.join("；")]),
    ...k.carried.filter((x) => x.status === "superseded").map(carriedRow),
  ];
}

function carriedRow(x: CarriedInput): string[] {
  return [x.file, `${x.reason}（见“${fileName(x.via)}”）`];
}

/** A rejected file no committee could be told for: listed once, at the end. */
function committeeless(i: InputOutcome, c: Consolidation): boolean {
  return !c.committees.some((k) => k.rejected.includes(i));
}

/** 一, 二, … 十, 十一 … 九十九: section numbers as printed forms write them. */
export function chineseNumber(n: number): string {
  const d = "零一二三四五六七八九";
  if (n < 10) return d[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (n >= 100) return String(n);
  return `${tens === 1 ? "" : (d[tens] ?? "")}十${ones === 0 ? "" : (d[ones] ?? "")}`;
}
