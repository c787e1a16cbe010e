import { Inflate, inflateSync } from "fflate";
import { refuse } from "./errors";

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
// Deflate expands at most ~1032×, so one slice of compressed input inflates to at most ~8 MB.
const INFLATE_SLICE = 8192;
const STORED_SLICE = 2 ** 20;
/** Deflated parts that inflate to at most this many bytes go to a whole-part inflater, when there is one. */
const WHOLE_PART_MAX_BYTES = 4 * 2 ** 20;

/**
 * A faster inflater for whole parts (Node's own zlib in the CLI), used for deflated parts of at most
 * WHOLE_PART_MAX_BYTES. `inflate` never makes more than `limit` bytes: past it, it says "tooLarge";
 * for data that is not deflate, or ends early, "damaged". `crc32` is the zip checksum of its bytes.
 */
export interface WholePartFlate {
  inflate(raw: Uint8Array, limit: number): Uint8Array | "tooLarge" | "damaged";
  crc32(bytes: Uint8Array): number;
}

interface ZipEntry {
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly headerOffset: number;
}

/** The OPC part name as looked up here: lower-case, "/"-separated, no leading "/". */
function partKey(name: string): string {
  const key = name.replace(/\\/g, "/").toLowerCase();
  return key.startsWith("/") ? key.slice(1) : key;
}

/** Opens .xlsx bytes: tells apart empty, legacy/encrypted Office, non-zip and damaged files. */
export function openXlsx(
  bytes: Uint8Array,
  maxDecompressedBytes: number,
  flate?: WholePartFlate
): XlsxParts {
  if (bytes.length === 0) refuse("empty");
  if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) {
    // Excel stores a password-protected .xlsx inside an OLE2 file with these two streams.
    const encrypted =
      containsUtf16(bytes, "EncryptionInfo") || containsUtf16(bytes, "EncryptedPackage");
    refuse(encrypted ? "encrypted" : "legacyXls");
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) refuse("notZip");
  return new XlsxParts(bytes, readCentralDirectory(new Bytes(bytes)), maxDecompressedBytes, flate);
}

/** The parts of one opened .xlsx, inflated on request within one decompression budget. */
export class XlsxParts {
  private remaining: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly maxDecompressedBytes: number,
    private readonly flate?: WholePartFlate
  ) {
    this.remaining = maxDecompressedBytes;
  }

  /** True when the file holds this part. */
  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /** The part's declared size in bytes: what it inflates to, or it is refused. */
  size(name: string): number {
    return this.entry(name).size;
  }

  /** Refuses now, before inflating any of them, when the parts' declared sizes exceed what is left. */
  reserve(names: readonly string[]): void {
    let declared = 0;
    for (const name of names) declared += this.entry(name).size;
    if (declared > this.remaining)
      refuse("tooLarge", String(Math.round(this.maxDecompressedBytes / 2 ** 20)));
  }

  /**
   * Passes the part's bytes to `sink` in slices as they inflate, never more in all than its declared
   * (and budgeted) size: a large part is never held whole, and a refusal from the sink stops inflating.
   */
  read(name: string, sink: (slice: Uint8Array) => void): void {
    const entry = this.entry(name);
    this.reserve([name]);
    this.remaining -= entry.size;
    extract(this.bytes, entry, sink, this.flate);
  }

  private entry(name: string): ZipEntry {
    return this.entries.get(partKey(name)) ?? refuse("missingPart", name);
  }
}

/** Bounds-checked little-endian reads: a damaged offset ends in "damaged", never a RangeError. */
class Bytes {
  private readonly view: DataView;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  u16(at: number): number {
    if (at < 0 || at + 2 > this.data.length) refuse("damaged");
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    if (at < 0 || at + 4 > this.data.length) refuse("damaged");
    return this.view.getUint32(at, true);
  }
}

// Our own directory walk (not unzipSync) because we need each entry's offset to inflate it in
// bounded slices. Zip64 is not followed: its 0xFFFFFFFF sizes exceed any budget and its
// 0xFFFFFFFF offsets fail the bounds checks, so such files end in a clean refusal.
function readCentralDirectory(bytes: Bytes): Map<string, ZipEntry> {
  const eocd = findEndOfCentralDirectory(bytes);
  const count = bytes.u16(eocd + 10);
  let at = bytes.u32(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (bytes.u32(at) !== CENTRAL_SIGNATURE) refuse("damaged");
    if (bytes.u16(at + 8) & 1) refuse("encrypted");
    const nameLength = bytes.u16(at + 28);
    const next = at + 46 + nameLength + bytes.u16(at + 30) + bytes.u16(at + 32);
    if (next > bytes.data.length) refuse("damaged");
    entries.set(partKey(names.decode(bytes.data.subarray(at + 46, at + 46 + nameLength))), {
      method: bytes.u16(at + 10),
      crc: bytes.u32(at + 16),
      compressedSize: bytes.u32(at + 20),
      size: bytes.u32(at + 24),
      headerOffset: bytes.u32(at + 42),
    });
    at = next;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Bytes): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const last = bytes.data.length - 22;
  for (let at = last; at >= 0 && at >= last - 65535; at--) {
    if (bytes.data[at] === 0x50 && bytes.u32(at) === EOCD_SIGNATURE) return at;
  }
  return refuse("damaged");
}

function extract(
  data: Uint8Array,
  entry: ZipEntry,
  sink: (slice: Uint8Array) => void,
  flate: WholePartFlate | undefined
): void {
  const bytes = new Bytes(data);
  const at = entry.headerOffset;
  if (bytes.u32(at) !== LOCAL_SIGNATURE) refuse("damaged");
  const start = at + 30 + bytes.u16(at + 26) + bytes.u16(at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) refuse("damaged");
  const raw = data.subarray(start, end);
  if (flate && entry.method === 8 && entry.size <= WHOLE_PART_MAX_BYTES)
    return sink(inflateWhole(raw, entry, flate));
  // The checksum catches what inflates and parses but is not what was written: a flipped bit in
  // a stored part, or in deflated data that still decodes, would otherwise change a score unseen.
  let crc = ~0;
  const checked = (slice: Uint8Array): void => {
    crc = crc32(crc, slice);
    sink(slice);
  };
  if (entry.method === 8) inflateTo(raw, entry.size, checked);
  else if (entry.method === 0 && entry.compressedSize === entry.size) {
    for (let from = 0; from < raw.length; from += STORED_SLICE)
      checked(raw.subarray(from, from + STORED_SLICE));
  } else refuse("damaged");
  if (~crc >>> 0 !== entry.crc) refuse("damaged");
}

// Slicing-by-8 tables (table k: the CRC of a byte followed by k zero bytes): eight bytes a step,
// about 1 GB/s, so checking every part costs about a tenth of a millisecond per scoresheet.
const CRC_TABLES = ((): Int32Array => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let i = 256; i < t.length; i++) t[i] = t[t[i - 256]! & 0xff]! ^ (t[i - 256]! >>> 8);
  return t;
})();

/** The zip CRC-32 of `bytes` continued from `crc` (start from ~0; the checksum is ~result). */
function crc32(crc: number, bytes: Uint8Array): number {
  // Indexes are in range by construction; the assertions keep this loop free of undefined checks.
  const t = CRC_TABLES;
  let c = crc;
  let i = 0;
  for (const last = bytes.length - 7; i < last; i += 8) {
    const b =
      c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[1792 + (b & 0xff)]! ^
      t[1536 + ((b >>> 8) & 0xff)]! ^
      t[1280 + ((b >>> 16) & 0xff)]! ^
      t[1024 + (b >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** A deflated part inflated in one call, one byte past its declared size at most, and its checksum checked. */
function inflateWhole(raw: Uint8Array, entry: ZipEntry, flate: WholePartFlate): Uint8Array {
  const out = flate.inflate(raw, entry.size + 1);
  if (out === "tooLarge" || (out !== "damaged" && out.length > entry.size)) refuse("sizeLie");
  if (out === "damaged" || out.length !== entry.size) refuse("damaged");
  if (flate.crc32(out) !== entry.crc) refuse("damaged");
  return out;
}

// Never trusts the declared size: output beyond it ends the read as "sizeLie" after at most one
// slice of work (~8 MB), however big the bomb.
function inflateTo(raw: Uint8Array, size: number, sink: (slice: Uint8Array) => void): void {
  if (raw.length <= INFLATE_SLICE) {
    // A small input goes in one call into a fixed buffer one byte larger than declared: fflate
    // cannot grow it, so a filled extra byte shows the lie. Slicing would cost buffer copies.
    const out = flate(() => inflateSync(raw, { out: new Uint8Array(size + 1) }));
    if (out.length !== size) refuse(out.length > size ? "sizeLie" : "damaged");
    return sink(out);
  }
  let written = 0;
  let sinkError: unknown;
  const inflater = new Inflate((chunk) => {
    written += chunk.length;
    if (written > size) refuse("sizeLie");
    try {
      if (chunk.length > 0) sink(chunk);
    } catch (error) {
      sinkError = error;
      throw error;
    }
  });
  for (let at = 0; at < raw.length; at += INFLATE_SLICE) {
    const final = at + INFLATE_SLICE >= raw.length;
    flate(
      () => inflater.push(raw.subarray(at, at + INFLATE_SLICE), final),
      (error) => error === sinkError
    );
  }
  if (written !== size) refuse("damaged");
}

/** Runs an fflate call, turning its failures into refusals; refusals and bugs pass through. */
function flate<T>(call: () => T, passThrough: (error: unknown) => boolean = () => false): T {
  try {
    return call();
  } catch (error) {
    if (passThrough(error) || errorName(error) === "XlsxReadError") throw error;
    // fflate copies a stored block with TypedArray.set, which throws RangeError past a fixed buffer.
    if (errorName(error) === "RangeError") refuse("sizeLie");
    if (isFlateError(error)) refuse("damaged");
    throw error;
  }
}

function isFlateError(error: unknown): boolean {
  // fflate's FlateError carries a numeric code; anything else is a bug and must surface.
  return errorName(error) !== undefined && typeof (error as { code?: unknown }).code === "number";
}

function errorName(error: unknown): string | undefined {
  // By name, not instanceof: the error may come from another realm (a worker, a test sandbox).
  const name =
    typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === "string" ? name : undefined;
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) pattern[i * 2] = text.charCodeAt(i);
  const first = text.charCodeAt(0);
  for (let at = bytes.indexOf(first); at >= 0; at = bytes.indexOf(first, at + 1)) {
    if (pattern.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}
