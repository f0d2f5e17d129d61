/**
 * Remembers who was last told something (a rate-limit warning, a refusal) so
 * that it is said at most once per window. Entries expire with their window,
 * and at most `capacity` are kept (the oldest go first), so a flood of
 * distinct users cannot grow it without bound.
 */
export class OncePerWindow<K = number | string> {
  private readonly last = new Map<K, number>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity = 10_000,
  ) {}

  /** True (and remembered) when `key` was not told within the window; false otherwise. */
  allow(key: K, now = Date.now()): boolean {
    this.expire(now);
    if (this.last.has(key)) return false;
    if (this.last.size >= this.capacity) this.last.delete(this.last.keys().next().value as K);
    this.last.set(key, now);
    return true;
  }

  get size(): number {
    return this.last.size;
  }

  // Insertion order is time order, so expired entries are at the front.
  private expire(now: number): void {
    for (const [key, at] of this.last) {
      if (now - at < this.windowMs) break;
      this.last.delete(key);
    }
  }
}
