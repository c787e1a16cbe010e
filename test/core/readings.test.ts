import { dateToSerial, readBool, readDate, readNumber, serialToDate } from "../../src/core";

describe("numbers as people type them", () => {
  it("reads a plain number with nothing to note", () => {
    expect(readNumber(8)).toEqual({ ok: true, value: 8, notes: [] });
    expect(readNumber(2.5)).toEqual({ ok: true, value: 2.5, notes: [] });
  });

  it.each([
    ["8", 8, ["text"]],
    ["8分", 8, ["text", "unit"]],
    ["8 分", 8, ["text", "unit"]],
    ["2.5分", 2.5, ["text", "unit"]],
    ["12次", 12, ["text", "unit"]],
    ["85%", 85, ["text", "unit"]],
    ["８", 8, ["fullwidth", "text"]],
    ["８．５", 8.5, ["fullwidth", "text"]],
    [" 8.5 ", 8.5, ["spaces", "text"]],
    ["\u30008\u3000", 8, ["fullwidth", "spaces", "text"]],
  ] as const)("reads %p as %p, noting %p", (typed, value, notes) => {
    expect(readNumber(typed)).toEqual({ ok: true, value, notes, text: typed });
  });

  it.each(["8-9", "约8", "1,5", "八", "8.5.1", "8分分", "分", "≈8", "8 9", "1e3", "TRUE", "#N/A"])(
    "rejects %p as unreadable",
    (typed) => {
      expect(readNumber(typed)).toEqual({ ok: false, reason: "invalid", text: typed });
    }
  );

  it("rejects a boolean and an error value", () => {
    expect(readNumber(true)).toMatchObject({ ok: false, reason: "invalid", text: "TRUE" });
    expect(readNumber({ error: "#DIV/0!" })).toMatchObject({
      ok: false,
      reason: "invalid",
      text: "#DIV/0!",
    });
  });

  it("calls an empty or blank cell empty", () => {
    expect(readNumber(null)).toEqual({ ok: false, reason: "empty", text: "" });
    expect(readNumber(undefined)).toEqual({ ok: false, reason: "empty", text: "" });
    expect(readNumber("  ")).toEqual({ ok: false, reason: "empty", text: "  " });
  });
});

describe("是 and 否", () => {
  it("reads 是 and 否 with nothing to note", () => {
    expect(readBool("是")).toEqual({ ok: true, value: true, notes: [], text: "是" });
    expect(readBool("否")).toEqual({ ok: true, value: false, notes: [], text: "否" });
  });

  it.each([
    ["√", true],
    ["✓", true],
    ["有", true],
    ["Y", true],
    ["×", false],
    ["✗", false],
    ["无", false],
    ["n", false],
  ] as const)("reads the symbol %p as %p, noting it", (typed, value) => {
    expect(readBool(typed)).toEqual({ ok: true, value, notes: ["symbol"], text: typed });
  });

  it("notes spaces around 是", () => {
    expect(readBool(" 是 ")).toEqual({ ok: true, value: true, notes: ["spaces"], text: " 是 " });
  });

  it("reads TRUE, FALSE, 1 and 0 as 是/否 and keeps what was in the cell to show", () => {
    expect(readBool(true)).toEqual({ ok: true, value: true, notes: ["symbol"], text: "TRUE" });
    expect(readBool(false)).toEqual({ ok: true, value: false, notes: ["symbol"], text: "FALSE" });
    expect(readBool(1)).toEqual({ ok: true, value: true, notes: ["symbol"], text: "1" });
    expect(readBool(0)).toEqual({ ok: true, value: false, notes: ["symbol"], text: "0" });
  });

  it.each(["可能", "是的吧", "2"])("rejects %p", (typed) => {
    expect(readBool(typed)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("rejects the number 2", () => {
    expect(readBool(2)).toEqual({ ok: false, reason: "invalid", text: "2" });
  });

  it("calls an empty cell empty", () => {
    expect(readBool(null)).toEqual({ ok: false, reason: "empty", text: "" });
  });
});

describe("dates", () => {
  const may3 = { year: 2017, month: 5, day: 3 };

  it("reads a serial date as the spreadsheet shows it: 42858 is 2017-05-03", () => {
    expect(readDate(42858)).toEqual({ ok: true, value: may3, notes: [] });
    expect(readDate(42858.75)).toEqual({ ok: true, value: may3, notes: [] });
  });

  it("converts between serials and dates both ways", () => {
    expect(dateToSerial(may3)).toBe(42858);
    expect(serialToDate(43830)).toEqual({ year: 2019, month: 12, day: 31 });
    expect(serialToDate(dateToSerial({ year: 2020, month: 2, day: 29 }))).toEqual({
      year: 2020,
      month: 2,
      day: 29,
    });
  });

  it.each([
    "2017-05-03",
    "2017-5-3",
    "2017/5/3",
    "2017.5.3",
    "2017年5月3日",
    "2017年05月03日",
    "2017 年 5 月 3 日",
    "２０１７－０５－０３",
    " 2017-05-03 ",
  ])("reads the text %p as 2017-05-03, noting it was text", (typed) => {
    const r = readDate(typed);
    expect(r).toMatchObject({ ok: true, value: may3, text: typed });
    expect(r.ok && r.notes).toContain("text");
  });

  it.each([
    "2017-02-30",
    "2017-13-01",
    "2017-00-10",
    "2019-04-31",
    "2017-5",
    "5/3/2017",
    "去年五月",
    "20170503",
    "2017-05-03 10:00",
  ])("rejects the text %p", (typed) => {
    expect(readDate(typed)).toEqual({ ok: false, reason: "invalid", text: typed });
  });

  it("accepts 29 February only in a leap year", () => {
    expect(readDate("2020-02-29")).toMatchObject({
      ok: true,
      value: { year: 2020, month: 2, day: 29 },
    });
    expect(readDate("2019-02-29")).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("rejects serials that cannot be a 换届 date (a small count, a negative, a far-future number)", () => {
    expect(readDate(12)).toEqual({ ok: false, reason: "invalid", text: "12" });
    expect(readDate(-5)).toEqual({ ok: false, reason: "invalid", text: "-5" });
    expect(readDate(500000)).toEqual({ ok: false, reason: "invalid", text: "500000" });
  });

  it("rejects a boolean and calls an empty cell empty", () => {
    expect(readDate(true)).toMatchObject({ ok: false, reason: "invalid" });
    expect(readDate(null)).toEqual({ ok: false, reason: "empty", text: "" });
  });
});
