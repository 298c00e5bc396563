/**
 * Counts events per key over a sliding window, in memory. At most `maxKeys` keys are tracked (the least recently
 * recorded goes first), so a flood of keys cannot grow it without bound.
 */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** `undefined` while `key` may have one more event; else the seconds until its oldest leaves the window. */
  waitFor(key: string, now = Date.now()): number | undefined {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return undefined;
    return Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000));
  }

  /** Records one event of `key`. */
  record(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.events.delete(key);
    this.events.set(key, recent);
    if (this.events.size > this.maxKeys) this.events.delete(this.events.keys().next().value as string);
  }

  private recent(key: string, now: number): number[] {
    return (this.events.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }
}
