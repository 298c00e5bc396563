import { setTimeout as delay } from 'node:timers/promises';

/** Time, as the package sees it: one seam, so tests can move the clock and skip waits instead of sleeping. */
export interface IdScanClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: IdScanClock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await delay(ms, undefined, { signal });
  },
};
