import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { SheetSpec, WorkbookSpec } from "../../../src/core";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import { readXlsx } from "../../../src/adapters/xlsx/read/reader";
import { validateWorkbooks } from "../../support/ooxml-schema";
import { itWithSoffice, recalcXlsx } from "../../support/libreoffice";
import { openWorkbook } from "../../support/submissions";

const sheet = (name: string, extra: Partial<SheetSpec> = {}): SheetSpec => ({
  name,
  state: "visible",
  columns: [{ width: 10 }, { width: 10 }],
  cells: [
    { ref: "A1", value: "去 B3" },
    { ref: "B3", value: "十个月" },
  ],
  merges: [],
  validations: [],
  conditionalFormats: [],
  ...extra,
});

const book: WorkbookSpec = {
  sheets: [
    sheet("退回意见", { links: [{ ref: "A1", location: "'打分表'!B3", tooltip: "跳到 B3" }] }),
    sheet("打分表", {
      comments: [
        { ref: "B3", text: "【错误】“十个月”不是数字。\n请填写数字。", author: "市财政局机关党委" },
        { ref: "A1", text: "<&> 也能写", author: "市财政局机关党委" },
      ],
    }),
  ],
  styles: {},
  properties: { title: "t", creator: "c" },
};

describe("comments (批注) and in-workbook links in the .xlsx writer", () => {
  it("writes a comments part, the legacy VML drawing and the sheet's relationships, all schema-valid", async () => {
    const bytes = await writeXlsx(book);
    const parts = unzipSync(bytes);
    expect(Object.keys(parts)).toEqual(
      expect.arrayContaining([
        "xl/comments2.xml",
        "xl/drawings/vmlDrawing2.vml",
        "xl/worksheets/_rels/sheet2.xml.rels",
      ])
    );
    expect(Object.keys(parts).filter((p) => /comments|vml|sheet1\.xml\.rels/.test(p))).toHaveLength(
      2
    );
    const types = strFromU8(parts["[Content_Types].xml"]!);
    expect(types).toContain('PartName="/xl/comments2.xml"');
    expect(types).toContain('Extension="vml"');
    expect(strFromU8(parts["xl/worksheets/sheet2.xml"]!)).toContain('<legacyDrawing r:id="rId2"/>');
    expect(strFromU8(parts["xl/worksheets/sheet1.xml"]!)).toContain(
      '<hyperlinks><hyperlink ref="A1" location="&apos;打分表&apos;!B3"'.replace(/&apos;/g, "'")
    );
    const vml = strFromU8(parts["xl/drawings/vmlDrawing2.vml"]!);
    expect(vml.match(/<x:Row>(\d+)<\/x:Row><x:Column>(\d+)<\/x:Column><x:Visible\/>/g)).toEqual([
      "<x:Row>2</x:Row><x:Column>1</x:Column><x:Visible/>",
      "<x:Row>0</x:Row><x:Column>0</x:Column><x:Visible/>",
    ]);
    const results = validateWorkbooks({ book: bytes });
    expect(results.filter((r) => !r.valid)).toEqual([]);
    expect(results.map((r) => r.part)).toEqual(
      expect.arrayContaining(["xl/comments2.xml", "xl/drawings/vmlDrawing2.vml"])
    );
    // Our reader still reads the cells of a sheet that has comments.
    expect(readXlsx(bytes).sheets[1]?.rows[2]?.[1]?.v).toBe("十个月");
  });

  it("exceljs reads the comments back at their cells with their text", async () => {
    const read = await openWorkbook(await writeXlsx(book));
    const note = (ref: string): unknown => read.getWorksheet("打分表")?.getCell(ref).note;
    const text = (n: unknown): string =>
      typeof n === "string"
        ? n
        : ((n as { texts?: { text: string }[] })?.texts ?? []).map((t) => t.text).join("");
    expect(text(note("B3"))).toBe("【错误】“十个月”不是数字。\n请填写数字。");
    expect(text(note("A1"))).toBe("<&> 也能写");
    expect(read.getWorksheet("退回意见")?.getCell("B3").note).toBeUndefined();
  });

  itWithSoffice(
    "LibreOffice opens it and keeps both comments at their cells",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "dabiao-comments-"));
      try {
        const input = join(dir, "in.xlsx");
        await writeFile(input, await writeXlsx(book));
        const [out] = await recalcXlsx([input], join(dir, "out"));
        const parts = unzipSync(await readFile(out ?? ""));
        const comments = Object.entries(parts)
          .filter(([p]) => /^xl\/comments\d*\.xml$/.test(p))
          .map(([, data]) => strFromU8(data));
        expect(comments).toHaveLength(1);
        expect(comments[0]).toMatch(/ref="B3"[\s\S]*十个月[\s\S]*ref="A1"|ref="A1"[\s\S]*ref="B3"/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000
  );
});
