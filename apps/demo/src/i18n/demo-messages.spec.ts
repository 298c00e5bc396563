import { DEMO_LANGUAGES, languageOfLocale, pickDemoLanguage } from './demo-language.util';
import { DEMO_MESSAGES, fieldName, taskName } from './demo-messages';
import { HOUSE_RULES } from 'id-scan-test-kit/house-rules';

/** Every leaf of a catalogue by its path; functions are called with a marker, so their text is compared too. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') out.set(path, String((value as (v: unknown) => unknown)('«x»')));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [leaf, text] of leaves(child, `${path}.${key}`)) out.set(leaf, text);
    }
  }
  return out;
}

describe('demo messages', () => {
  const english = leaves(DEMO_MESSAGES.en);

  it.each(DEMO_LANGUAGES.filter((lang) => lang !== 'en'))('has every English text in %s, none left empty', (lang) => {
    const other = leaves(DEMO_MESSAGES[lang]);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, text] of other) {
      if (english.get(path) !== '') expect({ path, text: text.trim() }).not.toEqual({ path, text: '' });
    }
  });

  it.each(DEMO_LANGUAGES.filter((lang) => lang !== 'en'))('translates the sentences people read into %s', (lang) => {
    const t = DEMO_MESSAGES[lang];
    for (const text of [
      t.outcome.notFinished,
      t.outcome.verified,
      t.flow.title,
      t.start.submit,
      t.returned.notFinishedTitle,
    ]) {
      expect(english.has(text)).toBe(false);
    }
    expect(t.outcome.notFinished).not.toBe(DEMO_MESSAGES.en.outcome.notFinished);
  });

  it.each(DEMO_LANGUAGES)("%s follows its language's house rules", (lang) => {
    const broken = [...leaves(DEMO_MESSAGES[lang])].flatMap(([path, text]) =>
      HOUSE_RULES[lang].filter(([rule]) => rule.test(text)).map(([, why]) => `${path}: ${why}: ${text}`),
    );
    expect(broken).toEqual([]);
  });

  it('names tasks and fields, humanising the unknown', () => {
    expect(taskName(DEMO_MESSAGES.nl, 'face_match')).toBe('Gezichtsvergelijking');
    expect(fieldName(DEMO_MESSAGES.fr, 'issuing_AUTHORITY')).toBe('Issuing authority');
  });
});

describe('page language', () => {
  it('follows the flow locale', () => {
    expect(languageOfLocale('nl-NL')).toBe('nl');
    expect(languageOfLocale('fr-FR')).toBe('fr');
    expect(languageOfLocale('de-DE')).toBe('en');
    expect(languageOfLocale(undefined)).toBe('en');
  });

  it('takes the visitor’s choice, else the best Accept-Language the demo speaks, else English', () => {
    expect(pickDemoLanguage('fr', 'nl')).toBe('fr');
    expect(pickDemoLanguage('xx', 'de-DE,nl;q=0.8,fr;q=0.9')).toBe('fr');
    expect(pickDemoLanguage(undefined, 'nl-BE')).toBe('nl');
    expect(pickDemoLanguage(undefined, 'de, fr;q=0')).toBe('en');
    expect(pickDemoLanguage(undefined, undefined)).toBe('en');
  });
});
