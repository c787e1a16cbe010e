import { configure } from "@testing-library/react";
import { specToSnapshot } from "../support/spec-to-snapshot";
import {
  buildTemplate,
  DEFAULT_RUBRIC,
  fillTemplate,
  sampleBranches,
  type SheetSnapshot,
  type WorkbookSnapshot,
  type WorkbookSpec,
} from "../../src/core";
import type { ChosenFile, FilePort, WorkbookPort } from "../../src/taskpane/ports";

// Consolidating and scoring take a while when the whole suite runs in parallel on two cores.
configure({ asyncUtilTimeout: 15_000 });

/** A workbook held as snapshots, recording what the pane asked of it; `edit` fires the watchers as Excel would. */
export interface FakeWorkbook extends WorkbookPort {
  sheets: SheetSnapshot[];
  readonly rendered: WorkbookSpec[];
  readonly selected: string[];
  readonly watching: (() => void)[];
  /** Replaces sheets as if the user had typed, then tells the watchers. */
  edit(sheets: readonly SheetSnapshot[]): void;
  /** Makes the next render fail with this message. */
  failRender?: string;
}

export function fakeWorkbook(sheets: readonly SheetSnapshot[] = []): FakeWorkbook {
  const fake: FakeWorkbook = {
    sheets: [...sheets],
    rendered: [],
    selected: [],
    watching: [],
    listSheets: async () => fake.sheets.map((s) => ({ name: s.name, hidden: s.hidden })),
    render: async (spec) => {
      if (fake.failRender) throw new Error(fake.failRender);
      fake.rendered.push(spec);
      const drawn = specToSnapshot(spec).sheets;
      fake.sheets = [...fake.sheets.filter((s) => !drawn.some((d) => d.name === s.name)), ...drawn];
    },
    read: async (names) => ({ sheets: fake.sheets.filter((s) => names.includes(s.name)) }),
    select: async (sheet, cell) => void fake.selected.push(`${sheet}!${cell}`),
    watch: async (_names, onChange) => {
      fake.watching.push(onChange);
      return async () => void fake.watching.splice(fake.watching.indexOf(onChange), 1);
    },
    edit: (changed) => {
      fake.sheets = [
        ...fake.sheets.filter((s) => !changed.some((c) => c.name === s.name)),
        ...changed,
      ];
      for (const w of fake.watching) w();
    },
  };
  return fake;
}

/** Files whose bytes name a snapshot in `books` (or are unreadable), and a record of what was saved. */
export function fakeFiles(
  books: Record<string, WorkbookSnapshot> = {}
): FilePort & { saved: { name: string; spec?: WorkbookSpec }[]; written: WorkbookSpec[] } {
  const written: WorkbookSpec[] = [];
  const saved: { name: string; spec?: WorkbookSpec }[] = [];
  return {
    written,
    saved,
    read: async (bytes) => {
      const key = new TextDecoder().decode(bytes);
      const book = books[key];
      if (!book) throw new Error("这不是 .xlsx 工作簿（可能是 CSV、网页或其他格式的文件）。");
      return book;
    },
    write: async (spec) => {
      written.push(spec);
      return new TextEncoder().encode(`spec:${written.length - 1}`);
    },
    save: (name, bytes) => {
      const index = Number(/^spec:(\d+)$/.exec(new TextDecoder().decode(bytes))?.[1]);
      const spec = written[index];
      saved.push(spec ? { name, spec } : { name });
    },
  };
}

/** A chosen file whose bytes are its key in fakeFiles' books. */
export function chosen(name: string, key = name, lastModified = 0): ChosenFile & File {
  const bytes = new TextEncoder().encode(key);
  return {
    name,
    lastModified,
    arrayBuffer: async () => bytes.buffer.slice(0) as ArrayBuffer,
  } as ChosenFile & File;
}

/** The built-in sample branches' filled scoresheets, keyed by file name, and the files a user would pick. */
export function sampleSubmissions() {
  const template = buildTemplate(DEFAULT_RUBRIC, { generatedAt: "2019-05-01T00:00:00Z" });
  const samples = sampleBranches(DEFAULT_RUBRIC);
  const books: Record<string, WorkbookSnapshot> = Object.fromEntries(
    samples.map((s) => [s.file, specToSnapshot(fillTemplate(template, DEFAULT_RUBRIC, s.typed))])
  );
  const files = () => [
    ...samples.map((s, i) => chosen(s.file, s.file, i)),
    chosen("损坏的文件.xlsx", "garbage"),
  ];
  return { template, samples, books, files };
}
