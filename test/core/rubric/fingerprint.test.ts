import { createHash } from "node:crypto";
import { sha256Hex } from "../../../src/core";

// The core's own SHA-256 fingerprints every received file for the 回执 in the pane: known answers
// (FIPS 180-2 examples) and agreement with Node's crypto at every padding boundary.
describe("sha256Hex", () => {
  it("gives the FIPS 180-2 known answers", () => {
    const text = (s: string) => sha256Hex(new TextEncoder().encode(s));
    expect(text("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(text("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
  });

  it("agrees with Node's crypto on lengths around the 64-byte block and its padding", () => {
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 100_003]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect([n, sha256Hex(bytes)]).toEqual([n, createHash("sha256").update(bytes).digest("hex")]);
    }
  });
});
