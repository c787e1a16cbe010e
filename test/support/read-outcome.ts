import { readXlsx, XlsxReadError, type ReadOptions } from "../../src/adapters/xlsx/read/reader";
import { nodeLatin1 } from "../../src/adapters/xlsx/node-flate";

// The three ways the reader reads a part, which must agree on every file: from its bytes (as the
// CLI does), decoded first (as the pane does), and by the XML parser alone.

/** What reading a file ends in: its snapshot, or the code of its refusal. */
export function outcome(bytes: Uint8Array, options: ReadOptions): unknown {
  try {
    return readXlsx(bytes, options);
  } catch (e) {
    if (e instanceof XlsxReadError) return { refused: e.code };
    throw e;
  }
}

export const fromBytes: ReadOptions = { latin1: nodeLatin1 };
export const decodedFirst: ReadOptions = {};
export const parserOnly: ReadOptions = { plainXml: false };

/** Text as UTF-8 bytes in latin1 text (one character a byte): a piece of a part before the reader decodes it. */
export const utf8 = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

/** A part's text as bytes: its latin1 characters are its bytes. */
export const bytesOf = (latin1: string): Uint8Array =>
  Uint8Array.from(latin1, (c) => c.charCodeAt(0));

/**
 * Reads a file every way (from bytes twice: the second time from what the reader's memories kept)
 * and expects each to end as the parser does; returns that outcome.
 */
export function readsAlike(bytes: Uint8Array, options: ReadOptions = {}): unknown {
  const parser = outcome(bytes, { ...options, ...parserOnly });
  for (const how of [fromBytes, decodedFirst, fromBytes])
    expect(outcome(bytes, { ...options, ...how })).toEqual(parser);
  return parser;
}
