/** The languages of the demo's own pages: those of the hosted flow's locales (en-US, nl-NL, fr-FR). */
export const DEMO_LANGUAGES = ['en', 'nl', 'fr'] as const;

/** One of {@link DEMO_LANGUAGES}. */
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number];

/** Name of the cookie that keeps the operator's language, for every page of the demo. */
export const LANGUAGE_COOKIE = 'id_scan_demo_lang';

/** Whether a value is one of {@link DEMO_LANGUAGES}. */
export function isDemoLanguage(value: unknown): value is DemoLanguage {
  return typeof value === 'string' && (DEMO_LANGUAGES as readonly string[]).includes(value);
}

/** The page language of a flow locale (`nl-NL` → `nl`), for the start form's default flow locale; else English. */
export function languageOfLocale(locale: string | undefined): DemoLanguage {
  const language = (locale ?? '').slice(0, 2).toLowerCase();
  return isDemoLanguage(language) ? language : 'en';
}

/**
 * The page language for a visitor: the language they chose (cookie), else the first of `Accept-Language` the demo
 * speaks, else English.
 */
export function pickDemoLanguage(chosen: string | undefined, acceptLanguage: string | undefined): DemoLanguage {
  if (isDemoLanguage(chosen)) return chosen;
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = /q=([01](?:\.\d{0,3})?)/.exec(params.join(';'))?.[1];
      return { language: tag.trim().slice(0, 2), q: q === undefined ? 1 : Number(q) };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranges.map((range) => range.language).find(isDemoLanguage) ?? 'en';
}
