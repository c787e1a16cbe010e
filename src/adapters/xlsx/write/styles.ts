import type { CellStyle, Colour, ConditionalFormatSpec } from "../../../sheet/spec";
import { attributes, MAIN_NS, XML_HEADER } from "./xml";

/** Official Chinese forms are set in 宋体; LibreOffice substitutes a CJK serif where it is missing. */
const FONT_NAME = '<name val="宋体"/><charset val="134"/>';
const FONT_SIZE = 11;
/** Excel's own ids for the codes it knows; any other code gets an id from 164 on. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};
const FIRST_CUSTOM_FORMAT = 164;
const VERTICAL = { top: "top", middle: "center", bottom: "bottom" } as const;
const THIN_BORDER = ["left", "right", "top", "bottom"]
  .map((side) => `<${side} style="thin"><color indexed="64"/></${side}>`)
  .join("");

/** The look of a conditional format's matching cells. */
export type HighlightStyle = ConditionalFormatSpec["style"];

/** A list of XML records where equal records share one index, as styles.xml wants them. */
class Records {
  private readonly indices = new Map<string, number>();
  constructor(
    private readonly tag: string,
    initial: readonly string[] = []
  ) {
    for (const record of initial) this.add(record);
  }
  add(record: string): number {
    let index = this.indices.get(record);
    if (index === undefined) {
      index = this.indices.size;
      this.indices.set(record, index);
    }
    return index;
  }
  xml(): string {
    const records = [...this.indices.keys()];
    return `<${this.tag} count="${records.length}">${records.join("")}</${this.tag}>`;
  }
}

/** The workbook's styles.xml: one cell format per named style, one differential format per highlight look. */
export class StyleSheet {
  private readonly fonts = new Records("fonts", [font({})]);
  private readonly fills = new Records("fills", [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ]);
  private readonly borders = new Records("borders", [
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
  ]);
  private readonly numFmts = new Map<string, number>();
  private readonly cellXfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfByName = new Map<string, number>();
  private readonly dxfs = new Records("dxfs");

  constructor(named: Readonly<Record<string, CellStyle>>) {
    for (const [name, style] of Object.entries(named)) {
      this.xfByName.set(name, this.cellXfs.length);
      this.cellXfs.push(this.xf(style));
    }
  }

  /** The cell format index of a named style; 0, the Normal style, for none. */
  xfIndex(name: string | undefined, where: string): number {
    if (name === undefined) return 0;
    const index = this.xfByName.get(name);
    if (index === undefined) throw new Error(`${where} uses unknown style "${name}"`);
    return index;
  }

  /** The differential format index of a conditional format's look. */
  dxfIndex(style: HighlightStyle): number {
    const fontXml =
      (style.bold ? "<b/>" : "") +
      (style.fontColour !== undefined ? colour("color", style.fontColour) : "");
    // Both colours: Excel paints a differential solid fill with bgColor, other readers with fgColor.
    const fillXml =
      style.fill === undefined
        ? ""
        : `<fill><patternFill patternType="solid">${colour("fgColor", style.fill)}${colour("bgColor", style.fill)}</patternFill></fill>`;
    return this.dxfs.add(`<dxf>${fontXml === "" ? "" : `<font>${fontXml}</font>`}${fillXml}</dxf>`);
  }

  /** The styles.xml part, in the schema's element order. */
  xml(): string {
    const numFmts = [...this.numFmts].map(
      ([code, id]) => `<numFmt${attributes({ numFmtId: id, formatCode: code })}/>`
    );
    return (
      `${XML_HEADER}<styleSheet ${MAIN_NS}>` +
      (numFmts.length > 0
        ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>`
        : "") +
      this.fonts.xml() +
      this.fills.xml() +
      this.borders.xml() +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.cellXfs.length}">${this.cellXfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      this.dxfs.xml() +
      "</styleSheet>"
    );
  }

  private xf(style: CellStyle): string {
    const numFmtId = style.numFmt === undefined ? 0 : this.numFmtId(style.numFmt);
    const fontId = this.fonts.add(font(style.font ?? {}));
    // A pattern's fgColor draws its dots and bgColor the ground beneath them.
    const fillId =
      style.fill === undefined
        ? 0
        : this.fills.add(
            style.dots === undefined
              ? `<fill><patternFill patternType="solid">${colour("fgColor", style.fill)}<bgColor indexed="64"/></patternFill></fill>`
              : `<fill><patternFill patternType="lightGray">${colour("fgColor", style.dots)}${colour("bgColor", style.fill)}</patternFill></fill>`
          );
    const borderId = style.border
      ? this.borders.add(`<border>${THIN_BORDER}<diagonal/></border>`)
      : 0;
    const align = style.align ?? {};
    const alignment = attributes({
      horizontal: align.horizontal,
      vertical: align.vertical && VERTICAL[align.vertical],
      wrapText: align.wrap ? 1 : undefined,
    });
    const unlocked = style.locked === false;
    const flags = attributes({
      numFmtId,
      fontId,
      fillId,
      borderId,
      xfId: 0,
      applyNumberFormat: numFmtId !== 0 ? 1 : undefined,
      applyFont: fontId !== 0 ? 1 : undefined,
      applyFill: fillId !== 0 ? 1 : undefined,
      applyBorder: borderId !== 0 ? 1 : undefined,
      applyAlignment: alignment !== "" ? 1 : undefined,
      applyProtection: unlocked ? 1 : undefined,
    });
    const children =
      (alignment === "" ? "" : `<alignment${alignment}/>`) +
      (unlocked ? '<protection locked="0"/>' : "");
    return children === "" ? `<xf${flags}/>` : `<xf${flags}>${children}</xf>`;
  }

  private numFmtId(code: string): number {
    const id = BUILT_IN_FORMATS[code] ?? this.numFmts.get(code);
    if (id !== undefined) return id;
    const custom = FIRST_CUSTOM_FORMAT + this.numFmts.size;
    this.numFmts.set(code, custom);
    return custom;
  }
}

function font(f: NonNullable<CellStyle["font"]>): string {
  return (
    "<font>" +
    (f.bold ? "<b/>" : "") +
    (f.italic ? "<i/>" : "") +
    `<sz val="${f.size ?? FONT_SIZE}"/>` +
    (f.colour !== undefined ? colour("color", f.colour) : "") +
    FONT_NAME +
    "</font>"
  );
}

/** A colour as opaque ARGB; a malformed one is a bug that would make Excel repair the file. */
export function argb(value: Colour): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(value)) throw new Error(`colour "${value}" is not six hex digits`);
  return `FF${value.toUpperCase()}`;
}

function colour(tag: string, value: Colour): string {
  return `<${tag} rgb="${argb(value)}"/>`;
}
