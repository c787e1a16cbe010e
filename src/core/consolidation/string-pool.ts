/**
 * One copy of each text a consolidation keeps. Every input brings its own copies of the same words
 * ("是", "打分表", a rule's message, its committee's name): each file's strings are its own, and a
 * worker's answer arrives as fresh copies of all of them. For 1,000 branches 6.6 MB of kept strings
 * held 2.0 MB of distinct text (measured with a heap snapshot); for 5,000 that is ~23 MB saved.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  /**
   * Replaces, in place, every string inside `value` (plain data: objects, arrays, primitives) with
   * the pool's copy of it, and returns `value`. Frozen objects are shared constants and left alone.
   */
  shared<T>(value: T): T {
    this.walk(value, new Set());
    return value;
  }

  private of(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  private walk(value: unknown, seen: Set<object>): void {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (Object.isFrozen(value) || ArrayBuffer.isView(value)) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === "string") value[i] = this.of(v);
        else this.walk(v, seen);
      }
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === "string") record[key] = this.of(v);
      else this.walk(v, seen);
    }
  }
}
