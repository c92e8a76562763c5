/**
 * A bounded memo of a pure function's answers: `get(key, compute)` returns the remembered answer
 * or computes, remembers and returns it. When full it starts afresh (no eviction order to keep:
 * the callers ask for a few keys many times). An answer that throws is never remembered.
 */
export class BoundedMemo<K, V> {
  private readonly answers = new Map<K, V>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`BoundedMemo: limit must be a positive integer, got ${limit}`);
  }

  get(key: K, compute: (key: K) => V): V {
    if (this.answers.has(key)) return this.answers.get(key) as V;
    const value = compute(key);
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(key, value);
    return value;
  }

  get size(): number {
    return this.answers.size;
  }
}
