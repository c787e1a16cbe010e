// Writes .xlsx files directly as OOXML parts, each deflated by fflate as its XML is produced.
//
// Why not exceljs: a 1,000-branch report has a 明细 sheet of ~666,000 cells, and exceljs took 6.5 s and
// pushed peak RSS past 1 GB to write it (measured again for this rewrite: 5.1 s and 979 MB for 666,000
// cells in 12 columns). It makes an object per cell, the whole sheet XML as one string and the zip in
// memory. Here a sheet's rows become XML ~256 K characters at a time, each piece deflated straight
// away; block values never become cell objects; only the compressed bytes are kept (or, with
// writeXlsxTo, not even those: they go to a file as they come). The same sheet: ~0.7 s and 130 MB peak
// RSS, 85 MB of it the description itself (2 cores, Node 20) — since then blocks make their rows only
// while they are written, so the description no longer holds them.
import { Zip, ZipDeflate, type AsyncFlateStreamHandler, type ZipInputFile } from "fflate";
import type { WorkbookSpec } from "../../../sheet/spec";
import {
  activeSheet,
  appXml,
  contentTypesXml,
  coreXml,
  hasComments,
  packageRelsXml,
  sheetPath,
  sheetRelsPath,
  sheetRelsXml,
  workbookRelsXml,
  workbookXml,
} from "./package";
import { commentsPath, commentsXml } from "./comments";
import { SharedStrings } from "./shared-strings";
import { sheetXml } from "./sheet-xml";
import { StyleSheet } from "./styles";
import { vmlDrawingPath, vmlDrawingXml } from "./vml-drawing";

/**
 * Deflate level, measured on that sheet: 1 → 0.65 s, 3.6 MB; 3 → 0.70 s, 2.9 MB; 6 → 1.35 s, 2.6 MB.
 * Deflating is most of the time at any level; 3 keeps nearly all of level 6's compression.
 */
export const DEFLATE_LEVEL = 3;

/**
 * Another deflater for the writer (Node's zlib in the CLI). `piece`: raw deflate of one piece of a
 * part, at DEFLATE_LEVEL, such that the pieces' outputs joined in order are the part's deflate stream
 * (each piece flushed to a byte boundary, the final one ending the stream). `crc32`: the part's
 * checksum so far, carried on over `bytes` (0 before the first).
 */
export interface ChunkDeflate {
  piece(chunk: Uint8Array, final: boolean): Uint8Array;
  crc32(bytes: Uint8Array, running: number): number;
}

/** A ChunkDeflate that can also deflate a piece on other threads (Node's zlib thread pool), the same bytes. */
export interface ParallelDeflate extends ChunkDeflate {
  pieceLater(chunk: Uint8Array, final: boolean): Promise<Uint8Array>;
}
/** A fixed timestamp for every part, so one description always gives the same bytes. */
const MTIME = "1980-01-01T00:00:00";

/** Renders a workbook description into .xlsx bytes. */
export async function writeXlsx(spec: WorkbookSpec, deflate?: ChunkDeflate): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  // fflate hands out views of larger buffers; a copy keeps only the bytes, not the buffers behind them.
  writeXlsxTo(spec, (chunk) => chunks.push(chunk.slice()), deflate);
  return joined(chunks);
}

/**
 * Renders a workbook description as .xlsx, handing the archive's bytes to `write` in order as they
 * are made (to a file, say), so the whole archive is never held. `write` must not keep the chunk
 * it is given beyond its call. Parts are deflated by fflate unless `deflate` is given.
 */
export function writeXlsxTo(
  spec: WorkbookSpec,
  write: (chunk: Uint8Array) => void,
  deflate?: ChunkDeflate
): void {
  const zip = new ZipStream(write, deflate);
  for (const [path, chunks] of partsOf(spec)) zip.part(path, chunks);
  zip.end();
}

/**
 * writeXlsxTo's bytes, with each ~1 MB piece deflated on other threads while this one goes on making
 * the XML: writing a report, deflating is then off the thread that writes it (a few pieces at a
 * time, so the XML is never all held). Resolves once the archive is all handed to `write`.
 */
export async function writeXlsxInParallel(
  spec: WorkbookSpec,
  write: (chunk: Uint8Array) => void,
  deflate: ParallelDeflate
): Promise<void> {
  const zip = new ZipStream(write, deflate, true);
  for (const [path, chunks] of partsOf(spec)) {
    // Each chunk goes in once the next exists, the last one marked final: fflate sizes its match
    // table to a part pushed whole (small), and only streamed parts get the large one.
    const file = zip.add(path);
    let held: Uint8Array | undefined;
    for (const chunk of chunks) {
      if (held !== undefined) file.push(held);
      held = zip.encode(chunk);
      await zip.settle(DEFLATING);
    }
    file.push(held ?? new Uint8Array(0), true);
  }
  await zip.settle(0);
  zip.end();
}

/** Pieces deflating at once in writeXlsxInParallel: enough to keep other threads busy, few held. */
const DEFLATING = 4;

/** The workbook's parts in the order they are written, each as its XML made chunk by chunk when asked. */
function* partsOf(spec: WorkbookSpec): Generator<[string, Iterable<string>]> {
  const active = activeSheet(spec.sheets);
  const styles = new StyleSheet(spec.styles);
  const strings = new SharedStrings();
  yield ["[Content_Types].xml", [contentTypesXml(spec.sheets)]];
  yield ["_rels/.rels", [packageRelsXml()]];
  yield ["docProps/core.xml", [coreXml(spec.properties)]];
  yield ["docProps/app.xml", [appXml()]];
  yield ["xl/workbook.xml", [workbookXml(spec.sheets, active)]];
  yield ["xl/_rels/workbook.xml.rels", [workbookRelsXml(spec.sheets.length)]];
  for (const [i, sheet] of spec.sheets.entries()) {
    yield [sheetPath(i + 1), sheetXml(sheet, { styles, strings, selected: i === active })];
    if (!hasComments(sheet)) continue;
    const comments = sheet.comments ?? [];
    yield [sheetRelsPath(i + 1), [sheetRelsXml(i + 1)]];
    yield [commentsPath(i + 1), [commentsXml(comments)]];
    yield [vmlDrawingPath(i + 1), [vmlDrawingXml(comments, i + 1)]];
  }
  // After the sheets (each part's chunks are all taken before the next part is asked for): the
  // cells fill the string table, and conditional formats the styles' dxfs.
  yield ["xl/sharedStrings.xml", strings.xml()];
  yield ["xl/styles.xml", [styles.xml()]];
}

/** A zip archive written part by part, each part deflated chunk by chunk as its XML is produced. */
class ZipStream {
  private readonly zip: Zip;
  private readonly encoder = new TextEncoder();
  /** In parallel: each piece deflating elsewhere, oldest first, done once handed on in order. */
  private readonly deflating: Promise<void>[] = [];

  constructor(
    write: (chunk: Uint8Array) => void,
    private readonly deflate?: ChunkDeflate | ParallelDeflate,
    private readonly parallel = false
  ) {
    this.zip = new Zip((error, data) => {
      if (error) throw error;
      write(data);
    });
  }

  /** Adds a part, deflating each chunk of its XML as it comes. */
  part(path: string, chunks: Iterable<string>): void {
    const file = this.add(path);
    // Each chunk goes in once the next exists, the last one marked final: fflate sizes its match
    // table to a part pushed whole (small), and only streamed parts get the large one.
    let held: Uint8Array | undefined;
    for (const chunk of chunks) {
      if (held !== undefined) file.push(held);
      held = this.encode(chunk);
    }
    file.push(held ?? new Uint8Array(0), true);
  }

  /** Starts a part, for its chunks to be pushed (the last one final). */
  add(path: string): ZipDeflate | ZipChunkDeflate {
    const file = this.deflate
      ? new ZipChunkDeflate(
          path,
          this.deflate,
          this.parallel ? (done) => void this.deflating.push(done) : undefined
        )
      : new ZipDeflate(path, { level: DEFLATE_LEVEL });
    file.mtime = MTIME;
    this.zip.add(file);
    return file;
  }

  encode(chunk: string): Uint8Array {
    return this.encoder.encode(chunk);
  }

  /** Waits until at most `pieces` pieces are still deflating elsewhere; throws what deflating threw. */
  async settle(pieces: number): Promise<void> {
    while (this.deflating.length > pieces) await this.deflating.shift();
  }

  /** Finishes the archive (its central directory), once every part is in. */
  end(): void {
    this.zip.end();
  }
}

/** Bytes of a part a ChunkDeflate is given at once: matches never reach across pieces, so not too few. */
const DEFLATE_PIECE = 2 ** 20;

/**
 * A part deflated by a ChunkDeflate a piece of about DEFLATE_PIECE bytes at a time (the XML comes in
 * ~64 KB chunks; deflated one by one the report grew by 7%), its checksum from the ChunkDeflate too:
 * fflate's own, in JavaScript, took a seventh of writing a 1,000-branch report.
 */
class ZipChunkDeflate implements ZipInputFile {
  crc = 0;
  size = 0;
  readonly compression = 8;
  mtime?: string;
  ondata?: AsyncFlateStreamHandler;
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  /** In parallel: the last piece's handing on, which the next one's waits for. */
  private last: Promise<void> = Promise.resolve();

  /** `later`: deflate each piece on other threads (the deflate is a ParallelDeflate), telling `later` of it. */
  constructor(
    readonly filename: string,
    private readonly deflate: ChunkDeflate | ParallelDeflate,
    private readonly later?: (done: Promise<void>) => void
  ) {}

  push(chunk: Uint8Array, final = false): void {
    this.crc = this.deflate.crc32(chunk, this.crc);
    this.size += chunk.length;
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes < DEFLATE_PIECE && !final) return;
    const piece = this.held.length === 1 ? chunk : joined(this.held, this.heldBytes);
    [this.held, this.heldBytes] = [[], 0];
    const hand = (bytes: Uint8Array): void =>
      this.ondata?.(null, bytes as Uint8Array<ArrayBuffer>, final);
    if (!this.later || !("pieceLater" in this.deflate))
      return hand(this.deflate.piece(piece, final));
    // Handed on in order, each once the one before it is; Promise.all watches both from now on,
    // so a failure is never left unhandled while it waits its turn.
    const done = Promise.all([this.last, this.deflate.pieceLater(piece, final)]).then(([, bytes]) =>
      hand(bytes)
    );
    done.catch(() => undefined);
    this.last = done;
    this.later(done);
  }
}

function joined(
  chunks: readonly Uint8Array[],
  length = chunks.reduce((n, c) => n + c.length, 0)
): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
