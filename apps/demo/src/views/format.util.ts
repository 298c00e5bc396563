const formatters = new Map<string, Intl.DateTimeFormat>();

/** One `Intl.DateTimeFormat` per locale and style, made once. */
function formatter(locale: string, style: 'date' | 'dateTime' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date'
        ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
        : style === 'dateTime'
          ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }
          : { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false };
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** A `YYYY-MM-DD` date of a document (`12 Mar 2031`); anything else is shown as given, a missing one as a dash. */
export function formatDocumentDate(value: string | undefined, locale = 'en-GB'): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? value : formatter(locale, 'date').format(date);
}

/** A moment in the server's time zone: `26 Nov, 14:05`. */
export function formatDateTime(date: Date, locale = 'en-GB'): string {
  return formatter(locale, 'dateTime').format(date);
}

/** A time of day with seconds, for histories: `14:05:32`. */
export function formatTime(date: Date, locale = 'en-GB'): string {
  return formatter(locale, 'time').format(date);
}

/** A 0..1 score as a percentage (`97%`), or a dash. */
export function formatScore(score: number | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? `${Math.round(score * 100)}%` : '—';
}
