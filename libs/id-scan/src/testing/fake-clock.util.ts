import type { IdScanClock } from '../utils/id-scan-clock.util';

/**
 * A clock for specs: time moves only when told, and `sleep` records the delay and returns at once (or runs
 * `onSleep`), so retry tests assert the delays they asked for instead of waiting for them.
 */
export class FakeClock implements IdScanClock {
  /** Every delay asked for, in order. */
  readonly sleeps: number[] = [];
  /** Runs during each sleep, before it resolves. */
  onSleep?: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(public time = Date.UTC(2025, 2, 1, 10, 0, 0)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    signal?.throwIfAborted();
    await this.onSleep?.(ms, signal);
    signal?.throwIfAborted();
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
