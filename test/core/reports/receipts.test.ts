import { strToU8 } from "fflate";
import {
  consolidate,
  DEFAULT_RUBRIC,
  receiptsOf,
  receiptWorkbook,
  sha256Hex,
  type ConsolidationInput,
} from "../../../src/core";
import { inputOf, scoresheetBytes, TODAY, type Submission } from "../../support/submissions";

/** An input as a face hands it over: read, with the SHA-256 of its bytes. */
async function received(
  file: string,
  s: Submission,
  modified: number
): Promise<ConsolidationInput> {
  const bytes = await scoresheetBytes(s);
  return { ...inputOf(file, bytes, modified), sha256: sha256Hex(bytes) };
}

describe("the 回执: one receipt per input file", () => {
  it("says 接收, 退回修改, 拒收 and 被替代, with totals, problems, the reason and the file's SHA-256", async () => {
    const at = new Date(2019, 4, 18, 9, 5).getTime();
    const broken = strToU8("这不是 xlsx");
    const inputs = [
      await received("一支部.xlsx", { name: "第一党支部" }, at),
      await received("二支部.xlsx", { name: "第二党支部", entries: { D2: "十个月" } }, at),
      await received("三支部-旧.xlsx", { name: "第三党支部", lose: 20 }, at),
      await received("三支部-新.xlsx", { name: "第三党支部", lose: 5 }, at + 60_000),
      { ...inputOf("坏.xlsx", broken, null), sha256: sha256Hex(broken) },
    ];
    const c = consolidate(inputs, { rubric: DEFAULT_RUBRIC, today: TODAY });
    const receipts = receiptsOf(c);
    expect(receipts.map((r) => [r.file, r.status])).toEqual([
      ["一支部.xlsx", "接收"],
      ["二支部.xlsx", "退回修改"],
      ["三支部-旧.xlsx", "被替代"],
      ["三支部-新.xlsx", "接收"],
      ["坏.xlsx", "拒收"],
    ]);
    const [first, second, old, fresh, bad] = receipts;
    expect(first).toMatchObject({
      committee: "市财政局机关党委",
      branch: "第一党支部",
      received: "2019-05-18 09:05",
      selfTotal: 100,
      finalTotal: 100,
      tier: "示范",
      problems: 0,
      reason: null,
      sha256: inputs[0]?.sha256,
    });
    const row = c.branches.find((b) => b.header.name === "第二党支部");
    expect(second?.problems).toBe((row?.errors ?? 0) + (row?.warnings ?? 0));
    expect(second?.problems).toBeGreaterThan(0);
    // The superseded file's own scores are stated, though the newer file counts.
    expect(old).toMatchObject({
      branch: "第三党支部",
      selfTotal: 80,
      finalTotal: 80,
      tier: "先进",
    });
    expect(old?.reason).toMatch(/.+/);
    expect(fresh?.finalTotal).toBe(95);
    expect(bad).toMatchObject({ branch: null, received: null, sha256: sha256Hex(broken) });
    expect(bad?.reason).toMatch(/.+/);
    expect(bad?.reason).not.toMatch(/；$/);
  });

  it("回执.xlsx holds the 回执单 alone, one row per file under its header", async () => {
    const inputs = [await received("一支部.xlsx", { name: "第一党支部" }, 0)];
    const c = consolidate(inputs, { rubric: DEFAULT_RUBRIC, today: TODAY });
    const book = receiptWorkbook(c);
    expect(book.sheets.map((s) => s.name)).toEqual(["回执单"]);
    const values = new Map(book.sheets[0]?.cells.map((cell) => [cell.ref, cell]));
    expect(values.get("L1")).toMatchObject({ value: "SHA-256" });
    const rows = book.sheets[0]?.blocks?.flatMap((b) =>
      Array.from({ length: b.rowCount }, (_, i) => b.rowAt(i).values)
    );
    expect(rows?.flat()).toContain(inputs[0]?.sha256);
  });
});
