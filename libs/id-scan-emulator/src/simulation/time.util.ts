const DAY_MS = 86_400_000;

/** `2025-03-01T10:00:00+00:00`: seconds precision and an explicit offset, as the API writes timestamps. */
export function formatTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** `YYYY-MM-DD` of a UTC moment. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Milliseconds of a `YYYY-MM-DD` date at 00:00 UTC. */
export function parseDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The date `days` days after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY_MS);
}

/** The same calendar day `years` years later (or earlier); 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${pad2(month)}-${pad2(Math.min(day, lastDay))}`;
}

/** Completed years between a birth date and a day (both `YYYY-MM-DD`). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
