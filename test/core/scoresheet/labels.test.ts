import fc from "fast-check";
import { normaliseLabel } from "../../../src/core/scoresheet/header";

/** The rule itself, as it reads: NFKC, no white space, colons or asterisks, half-width brackets. */
const rule = (text: string): string =>
  text
    .normalize("NFKC")
    .replace(/[\s:：*＊]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");

describe("normaliseLabel", () => {
  it("gives what the rule gives, for ASCII, full-width and CJK text, asked once or again", () => {
    const unit = fc.constantFrom(..."Aa1.*: （）()＊：　\t\n党支部名称ＡＢ１２％ﾀﾞ①".split(""));
    const text = fc.oneof(
      fc.string(),
      fc.array(unit, { maxLength: 12 }).map((u) => u.join(""))
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(normaliseLabel(t)).toBe(rule(t));
        expect(normaliseLabel(t)).toBe(rule(t));
      }),
      { numRuns: 3000 }
    );
  });

  it("stays right past its table's bound", () => {
    const labels = Array.from({ length: 10_000 }, (_, i) => `第${i}：党支部（${i}）`);
    for (const l of labels) normaliseLabel(l);
    expect(labels.map(normaliseLabel)).toEqual(labels.map(rule));
  });
});
