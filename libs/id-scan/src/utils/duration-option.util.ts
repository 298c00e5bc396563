/**
 * The longest delay a Node timer holds: `setTimeout` (and `AbortSignal.timeout`, and the timers of ioredis and axios)
 * treat anything above 2^31 - 1 ms as 1 ms, so an option past it would fire at once instead of never.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** The range one millisecond option accepts. */
export interface DurationRange {
  /** The value used when the option is left out. */
  fallback: number;
  min: number;
  /** A sensible maximum for this option; never above {@link MAX_TIMER_MS}. */
  max: number;
}

/**
 * Checks one millisecond option: an integer from `min` to `max`. A problem (naming the option, its range, the default
 * and, past a timer's range, why) is pushed to `problems` and the fallback returned, so the caller can report every
 * problem at once.
 */
export function durationOption(name: string, value: unknown, range: DurationRange, problems: string[]): number {
  if (value === undefined) return range.fallback;
  if (isDurationIn(value, range.min, range.max)) return value;
  const overflow =
    typeof value === 'number' && value > MAX_TIMER_MS ? `; a Node timer cannot hold more than ${MAX_TIMER_MS} ms` : '';
  problems.push(
    `${name} must be an integer of milliseconds from ${range.min} to ${range.max} (default ${range.fallback})${overflow}.`,
  );
  return range.fallback;
}

/** Whether `value` is an integer of milliseconds from `min` to `max` (and so within a timer's range). */
export function isDurationIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= Math.min(max, MAX_TIMER_MS);
}
