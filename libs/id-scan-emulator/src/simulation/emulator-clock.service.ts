import { Injectable } from '@nestjs/common';

/**
 * The emulator's notion of "now": the wall clock plus an offset a test can move forward, so expiry and the
 * `allowedExpiration`/age rules can be exercised without waiting. Everything that models the ID Scan service's
 * time (timestamps, expiry, result dates) reads {@link now}.
 */
@Injectable()
export class EmulatorClockService {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  /** Emulated time in milliseconds since the epoch. */
  now(): number {
    return this.wallNow() + this.offsetMs;
  }

  /**
   * The machine's own time. Bearer tokens are checked against it: the application under test signs them with its
   * real clock, which does not move when a test moves the emulator's.
   */
  wallNow(): number {
    return Date.now();
  }

  /** How far the emulated clock is ahead of the wall clock. */
  offset(): number {
    return this.offsetMs;
  }

  /**
   * Moves emulated time forward and tells every listener (expiry runs at once).
   * @throws RangeError when `ms` is negative or not finite; time never runs backwards.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError('advanceClock(ms) takes a finite, non-negative number of milliseconds');
    }
    this.offsetMs += ms;
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after every {@link advance}; returns the unsubscribe function. */
  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
