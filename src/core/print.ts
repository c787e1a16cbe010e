import type { PrintSpec } from "../sheet/spec";

/** A4 print setup fitted to the width, the sheet's title and page numbers in the footer; `titleRows` are 1-based ("3:3"). */
export function a4(
  title: string,
  orientation: PrintSpec["orientation"],
  titleRows?: string
): PrintSpec {
  return {
    paper: "A4",
    orientation,
    fitToWidth: true,
    ...(titleRows !== undefined && { titleRows }),
    footer: `&L${title}&R第 &P 页，共 &N 页`,
  };
}

/** How the notice's forms print: A4 portrait fitted to the width, only the page number, centred. */
export function formPrint(titleRows?: string): PrintSpec {
  return {
    paper: "A4",
    orientation: "portrait",
    fitToWidth: true,
    ...(titleRows !== undefined && { titleRows }),
    footer: "&C第 &P 页，共 &N 页",
  };
}
