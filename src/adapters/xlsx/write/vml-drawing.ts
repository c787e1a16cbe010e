import { parseRef } from "../../../sheet/address";
import type { CommentSpec } from "../../../sheet/spec";
import { XML_HEADER } from "./xml";

/** The path of the n-th worksheet's legacy drawing (1-based), which holds its comments' boxes. */
export function vmlDrawingPath(n: number): string {
  return `xl/drawings/vmlDrawing${n}.vml`;
}

/** The note box's size in columns and rows: about three columns wide, five rows high. */
const BOX = { columns: 3, rows: 5 };

/**
 * xl/drawings/vmlDrawingN.vml: the legacy VML drawing without which Excel does not show a sheet's
 * comments at all. One note shape per comment, anchored beside its cell and marked visible, so the
 * comments are on screen when the workbook opens. `n` keeps shape ids unique across the workbook.
 */
export function vmlDrawingXml(comments: readonly CommentSpec[], n: number): string {
  const shapes = comments.map((c, i) => {
    const at = parseRef(c.ref);
    if (at === undefined) throw new Error(`bad comment cell "${c.ref}"`);
    const top = Math.max(0, at.row - 1);
    const anchor = [at.col + 1, 15, top, 10, at.col + 1 + BOX.columns, 15, top + BOX.rows, 4];
    return (
      `<v:shape id="_x0000_s${n * 1024 + i + 1}" type="#_x0000_t202" ` +
      'style="position:absolute;margin-left:60pt;margin-top:2pt;width:160pt;height:70pt;z-index:1;visibility:visible" ' +
      'fillcolor="#ffffe1" o:insetmode="auto">' +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>' +
      '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"/>' +
      '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
      `<x:Anchor>${anchor.join(", ")}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
      `<x:Row>${at.row}</x:Row><x:Column>${at.col}</x:Column><x:Visible/></x:ClientData></v:shape>`
    );
  });
  return (
    `${XML_HEADER}<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${n}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes.join("")}</xml>`
  );
}
