/**
 * Reads a `Retry-After` header (RFC 9110: delay-seconds or an HTTP-date) as milliseconds from `nowMs`.
 * `undefined` when absent or unreadable; a date in the past gives 0.
 *
 * @param nowMs the time of the clock that will wait, never an implicit `Date.now()`: a test clock and an
 *   HTTP-date must agree
 */
export function parseRetryAfterMs(value: unknown, nowMs: number): number | undefined {
  const text: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const trimmed = String(text).trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
