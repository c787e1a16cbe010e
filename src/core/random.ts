/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on any machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max] from a generator. */
export function randomInt(next: () => number, min: number, max: number): number {
  return min + Math.floor(next() * (max - min + 1));
}

/** One element of a non-empty list, chosen by a generator. */
export function pick<T>(next: () => number, list: readonly T[]): T {
  const v = list[Math.floor(next() * list.length)];
  if (v === undefined) throw new Error("pick from an empty list");
  return v;
}
