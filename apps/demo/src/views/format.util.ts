const formatters = new Map<string, Intl.DateTimeFormat>();

// Each locale's own medium styles: en-US writes `Mar 14, 1987` and `Dec 7, 2026, 11:20 PM`, nl-NL `14 mrt 1987`
// and `7 dec 2026, 23:20`, fr-FR `14 mars 1987` and `7 déc. 2026, 23:20`.
const STYLES: Readonly<Record<'date' | 'dateTime' | 'time', Intl.DateTimeFormatOptions>> = {
  date: { dateStyle: 'medium', timeZone: 'UTC' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'medium' },
};

/** One `Intl.DateTimeFormat` per locale and style, made once. */
function formatter(locale: string, style: 'date' | 'dateTime' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, STYLES[style]);
    formatters.set(key, format);
  }
  return format;
}

/** A `YYYY-MM-DD` date of a document (`Mar 14, 2031`); anything else is shown as given, a missing one as a dash. */
export function formatDocumentDate(value: string | undefined, locale = 'en-US'): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? value : formatter(locale, 'date').format(date);
}

/** A moment in the server's time zone, as the locale writes it: `Nov 26, 2026, 2:05 PM`. */
export function formatDateTime(date: Date, locale = 'en-US'): string {
  return formatter(locale, 'dateTime').format(date);
}

/** A time of day with seconds, for histories: `2:05:32 PM`, `14:05:32`. */
export function formatTime(date: Date, locale = 'en-US'): string {
  return formatter(locale, 'time').format(date);
}

/** A 0..1 score as a percentage (`97%`), or a dash. */
export function formatScore(score: number | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? `${Math.round(score * 100)}%` : '—';
}
