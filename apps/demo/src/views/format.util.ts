const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** A `YYYY-MM-DD` date of a document (`12 Mar 2031`); anything else is shown as given, a missing one as a dash. */
export function formatDocumentDate(value: string | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? value : DATE.format(date);
}

/** A moment in the server's time zone: `26 Nov, 14:05`. */
export function formatDateTime(date: Date): string {
  return DATE_TIME.format(date);
}

/** A time of day with seconds, for histories: `14:05:32`. */
export function formatTime(date: Date): string {
  return TIME.format(date);
}

/** A 0..1 score as a percentage (`97%`), or a dash. */
export function formatScore(score: number | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? `${Math.round(score * 100)}%` : '—';
}

/** A duration in seconds as hours: `1 hour`, `24 hours`. */
export function formatHours(seconds: number): string {
  const hours = Math.round(seconds / 360) / 10;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
