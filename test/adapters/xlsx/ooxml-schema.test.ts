import { strToU8, unzipSync, zipSync } from "fflate";
import {
  consolidate,
  DEFAULT_RUBRIC,
  feedbackFor,
  readRoster,
  receiptWorkbook,
  reportAt,
  rosterSheet,
  rubricSheet,
  singleSheetWorkbook,
  type ConsolidationInput,
} from "../../../src/core";
import { writeXlsx } from "../../../src/adapters/xlsx/write/writer";
import { validateWorkbooks, vmlDocuments } from "../../support/ooxml-schema";
import { specToSnapshot } from "../../support/spec-to-snapshot";
import { filledSpec, inputOf, submitted, template, TODAY } from "../../support/submissions";

/** Every kind of workbook the project writes, built small. */
async function everyWorkbook(): Promise<Record<string, Uint8Array>> {
  const inputs: ConsolidationInput[] = [
    await submitted("一支部.xlsx", { name: "第一党支部" }),
    await submitted("二支部.xlsx", { name: "第二党支部", lose: 12, entries: { D2: "十个月" } }),
    await submitted("二支部-新.xlsx", { name: "第二党支部", lose: 3, leader: "" }, { modified: 2 }),
    inputOf("坏文件.xlsx", strToU8("not a zip")),
  ];
  const rows = ["第一党支部", "第二党支部", "第四党支部"].map((name) => ({
    committee: "市财政局机关党委",
    name,
    leader: "张三",
    contact: "13800000000",
    type: null,
    stars: null,
  }));
  const rosterBook = singleSheetWorkbook(rosterSheet(rows));
  const read = readRoster(specToSnapshot(rosterBook));
  if (!read.ok) throw new Error("the roster does not read");
  const c = consolidate(inputs, { rubric: DEFAULT_RUBRIC, today: TODAY, roster: read.roster });
  return {
    模板: await writeXlsx(template()),
    打分表: await writeXlsx(filledSpec({ name: "第三党支部", lose: 7 })),
    评分标准: await writeXlsx(singleSheetWorkbook(rubricSheet(DEFAULT_RUBRIC))),
    名册: await writeXlsx(rosterBook),
    汇总报告: await writeXlsx(reportAt(c, DEFAULT_RUBRIC, TODAY)),
    回执: await writeXlsx(receiptWorkbook(c)),
    ...Object.fromEntries(
      await Promise.all(
        feedbackFor(c, DEFAULT_RUBRIC, { today: TODAY }).map(
          async (f) => [f.fileName, await writeXlsx(f.workbook)] as const
        )
      )
    ),
  };
}

describe("every XML part the writer makes validates against the ISO/IEC 29500 Transitional schemas", () => {
  it("the template, a filled scoresheet, the rubric, the roster, the report, the 回执 and the 退回修改 workbooks: all parts valid", async () => {
    const results = validateWorkbooks(await everyWorkbook());
    const invalid = results.filter((r) => !r.valid);
    expect(invalid.map((r) => `${r.workbook} ${r.part}: ${r.errors}`)).toEqual([]);
    // Each book has content types, two .rels, two docProps, workbook, styles, strings and its sheets.
    expect(results.length).toBeGreaterThanOrEqual(6 * 9);
    expect(new Set(results.map((r) => r.schema))).toEqual(
      new Set([
        "opc-contentTypes.xsd",
        "opc-relationships.xsd",
        "opc-coreProperties.xsd",
        "shared-documentPropertiesExtended.xsd",
        "sml.xsd",
        "vml",
      ])
    );
  });

  it("a worksheet with its elements out of the schema's order is caught", async () => {
    const parts = unzipSync(await writeXlsx(template()));
    const sheet = new TextDecoder().decode(parts["xl/worksheets/sheet1.xml"]);
    // pageMargins must come after mergeCells; putting it first breaks CT_Worksheet's sequence.
    const broken = sheet
      .replace(/<pageMargins[^>]*\/>/, "")
      .replace(
        "<sheetData>",
        '<pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/><sheetData>'
      );
    parts["xl/worksheets/sheet1.xml"] = strToU8(broken);
    const results = validateWorkbooks({ broken: zipSync(parts) });
    const bad = results.filter((r) => !r.valid);
    expect(bad.map((r) => r.part)).toEqual(["xl/worksheets/sheet1.xml"]);
    expect(bad[0]?.errors).toMatch(/pageMargins|sheetData/);
  });

  it("a VML part's shapes are checked inside a root the schemas know, and a wrong attribute is caught", () => {
    const vml =
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      '<v:shape id="c1" nonsense="1"><x:ClientData ObjectType="Note"><x:Row>0</x:Row></x:ClientData></v:shape></xml>';
    expect(vmlDocuments(vml)).toEqual([expect.stringMatching(/^<\?xml[^>]*\?><v:group xmlns:v=/)]);
    const results = validateWorkbooks({
      vml: zipSync({ "xl/drawings/vmlDrawing1.vml": strToU8(vml) }),
    });
    expect(results).toHaveLength(1);
    expect(results[0]?.valid).toBe(false);
    expect(results[0]?.errors).toMatch(/nonsense/);
  });
});
