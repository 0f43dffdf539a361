/**
 * Most recently used entries up to a total weight (a Map iterates in insertion order, so the first entry is the least
 * recently used). Weight 1 per entry bounds the count; a fold cache of ledgers weighs each by the payments it holds.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` as the most recent entry; a value heavier than the whole bound is not kept. Returns `value`. */
  set(key: string, value: V): V {
    this.delete(key);
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return value;
    this.entries.set(key, value);
    this.total += weight;
    for (const [oldest, kept] of this.entries) {
      if (this.total <= this.maxWeight) break;
      this.delete(oldest, kept);
    }
    return value;
  }

  delete(key: string, kept = this.entries.get(key)): void {
    if (kept === undefined) return;
    this.entries.delete(key);
    this.total -= this.weigh(kept);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The bounded cache a read model keeps in its runner memo (`ProjectionContext.memo`) under `key`, made on first
 * use. The runner empties the memo whenever it takes the lead again, and the cache with it.
 */
export function memoCache<V>(memo: Map<string, unknown>, key: string, maxWeight: number, weigh?: (value: V) => number): BoundedCache<V> {
  const kept = memo.get(key);
  if (kept instanceof BoundedCache) return kept as BoundedCache<V>;
  const cache = new BoundedCache<V>(maxWeight, weigh);
  memo.set(key, cache);
  return cache;
}
