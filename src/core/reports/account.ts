import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";
import { fileName } from "../consolidation/inputs";
import type { Consolidation } from "../consolidation/model";
import { ACCOUNT_COLUMNS, ACCOUNT_KINDS, ACCOUNT_SHEET } from "../consolidation/report-format";
import { starsText } from "./words";

/** The hidden `_收齐` sheet: the roster and every file not used, for the next level's roll-up to carry on. */
export function accountSheet(c: Consolidation): SheetSpec {
  const b = new SheetBuilder(
    ACCOUNT_SHEET,
    ACCOUNT_COLUMNS.map(() => ({ width: 14 }))
  );
  const rows: (readonly string[])[] = [];
  for (const e of c.roster?.entries ?? [])
    rows.push([
      ACCOUNT_KINDS.roster,
      e.committee,
      e.name,
      e.leader ?? "",
      e.contact ?? "",
      e.type ?? "",
      e.stars === null ? "" : starsText(e.stars),
      "",
      "",
    ]);
  for (const status of ["rejected", "superseded"] as const) {
    const kind = status === "rejected" ? ACCOUNT_KINDS.rejected : ACCOUNT_KINDS.superseded;
    for (const i of c.inputs.filter((x) => x.status === status))
      rows.push([
        kind,
        i.committee ?? "",
        "",
        "",
        "",
        "",
        "",
        fileName(i.file),
        i.reasons.join("；"),
      ]);
    for (const x of c.carried.filter((y) => y.status === status))
      rows.push([
        kind,
        x.committee,
        "",
        "",
        "",
        "",
        "",
        `${fileName(x.via)} → ${x.file}`,
        x.reason,
      ]);
  }
  [ACCOUNT_COLUMNS, ...rows].forEach((values, r) =>
    values.forEach((v, col) => b.value(r, col, v === "" ? null : v, "meta"))
  );
  return b.build({ state: "hidden", protect: true });
}
