import type { CellStyle } from "../sheet/spec";

const INPUT_FILL = "FFFDE7";
const FORMULA_FILL = "F2F2F2";
const HEAD_FILL = "D9E1F2";
const SECTION_FILL = "EDEDED";

const center = { horizontal: "center", vertical: "middle", wrap: true } as const;
const left = { horizontal: "left", vertical: "middle", wrap: true } as const;

/** The named cell styles shared by the template and the reports. */
export const STYLES: Readonly<Record<string, CellStyle>> = {
  title: { font: { bold: true, size: 16 }, align: center },
  subtitle: { font: { size: 10, colour: "595959" }, align: center },
  label: { font: { bold: true, size: 10 }, align: left, border: true, fill: SECTION_FILL },
  input: { font: { size: 10 }, align: left, border: true, fill: INPUT_FILL, locked: false },
  inputCenter: { font: { size: 10 }, align: center, border: true, fill: INPUT_FILL, locked: false },
  inputDate: {
    font: { size: 10 },
    align: center,
    border: true,
    fill: INPUT_FILL,
    locked: false,
    numFmt: "yyyy-mm-dd",
  },
  inputNote: {
    font: { size: 9 },
    align: { horizontal: "left", vertical: "top", wrap: true },
    border: true,
    fill: INPUT_FILL,
    locked: false,
  },
  head: { font: { bold: true, size: 10 }, align: center, border: true, fill: HEAD_FILL },
  section: { font: { bold: true, size: 10 }, align: left, border: true, fill: SECTION_FILL },
  sectionNumber: {
    font: { bold: true, size: 10 },
    align: center,
    border: true,
    fill: SECTION_FILL,
  },
  code: { font: { size: 10 }, align: center, border: true },
  text: { font: { size: 10 }, align: left, border: true },
  small: { font: { size: 9 }, align: left, border: true },
  clause: {
    font: { size: 9, colour: "404040" },
    align: { horizontal: "left", vertical: "middle", wrap: true },
    border: true,
  },
  number: { font: { size: 10 }, align: center, border: true },
  formula: { font: { size: 10 }, align: center, border: true, fill: FORMULA_FILL },
  muted: { font: { size: 9, colour: "808080" }, align: center, border: true, fill: FORMULA_FILL },
  total: { font: { bold: true, size: 11 }, align: center, border: true, fill: HEAD_FILL },
  tier: {
    font: { bold: true, size: 12, colour: "C00000" },
    align: center,
    border: true,
    fill: FORMULA_FILL,
  },
  plain: { font: { size: 10 }, align: left },
  paragraph: { font: { size: 11 }, align: { horizontal: "left", vertical: "top", wrap: true } },
  note: {
    font: { size: 9, colour: "595959" },
    align: { horizontal: "left", vertical: "top", wrap: true },
  },
  heading: { font: { bold: true, size: 12 }, align: left },
  meta: { font: { size: 9 }, align: { horizontal: "left", vertical: "top", wrap: false } },
  // The reports' styles.
  score: { font: { size: 10 }, align: center, border: true, numFmt: "0.0" },
  inputScore: {
    font: { size: 10 },
    align: center,
    border: true,
    fill: INPUT_FILL,
    locked: false,
    numFmt: "0.0",
  },
  percent: { font: { size: 10 }, align: center, border: true, numFmt: "0.0%" },
  formHead: { font: { bold: true, size: 12 }, align: center, border: true },
  formCell: { font: { size: 12 }, align: center, border: true },
  formCellLeft: { font: { size: 12 }, align: left, border: true },
  formLine: { font: { size: 12 }, align: { horizontal: "left", vertical: "bottom" } },
  formLineRight: { font: { size: 12 }, align: { horizontal: "right", vertical: "bottom" } },
  inputArea: {
    font: { size: 11 },
    align: { horizontal: "left", vertical: "top", wrap: true },
    border: true,
    locked: false,
  },
};
