import { SUPPORTED_LOCALES } from '../../emulator.constants';
import { PAGE_MESSAGES, SCENARIOS, pageMessages, scenarioLabel } from './page-i18n.constants';
import { HOUSE_RULES } from 'id-scan-test-kit/house-rules';

// Every string leaf of a message tree, by its dotted path; functions are called with sample arguments.
function leaves(value: unknown, path = ''): Record<string, string> {
  if (typeof value === 'string') return { [path]: value };
  if (typeof value === 'function') return { [path]: String((value as (...args: number[]) => unknown)(2, 3)) };
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
      Object.entries(leaves(child, path ? `${path}.${key}` : key)),
    ),
  );
}

describe('page messages', () => {
  const english = leaves(PAGE_MESSAGES['en-US']);

  it.each(SUPPORTED_LOCALES)('%s has every text, none empty', (locale) => {
    const texts = leaves(PAGE_MESSAGES[locale]);
    expect(Object.keys(texts).sort()).toEqual(Object.keys(english).sort());
    for (const text of Object.values(texts)) expect(text.trim()).not.toBe('');
  });

  it.each(['nl-NL', 'fr-FR'] as const)('%s translates every sentence', (locale) => {
    const texts = leaves(PAGE_MESSAGES[locale]);
    // Product names and words that are the same in the three languages may stay as they are.
    const same = new Set(['brand', 'badge']);
    const untranslated = Object.keys(english).filter(
      (key) => !same.has(key) && texts[key] === english[key] && english[key].includes(' '),
    );
    expect(untranslated).toEqual([]);
  });

  it('has a label and a description for every scenario of every task', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const scenario of Object.values(SCENARIOS).flat()) {
        expect(scenarioLabel(locale, scenario)).not.toBe('');
        expect(PAGE_MESSAGES[locale].scenarios[scenario].description).not.toBe('');
      }
    }
  });

  it('offers gives_up for every task and a passing and a failing scenario for each', () => {
    expect(SCENARIOS.document_scan).toEqual(
      expect.arrayContaining(['genuine_passport', 'expired_document', 'invalid_document_number', 'gives_up']),
    );
    expect(SCENARIOS.face_liveness).toEqual(['live_person', 'liveness_fails', 'gives_up']);
    expect(SCENARIOS.face_match).toEqual(['same_person', 'face_mismatch', 'gives_up']);
  });

  it.each(SUPPORTED_LOCALES)("%s follows its language's house rules", (locale) => {
    const rules = HOUSE_RULES[locale.slice(0, 2) as keyof typeof HOUSE_RULES];
    const broken = Object.entries(leaves(PAGE_MESSAGES[locale])).flatMap(([path, text]) =>
      rules.filter(([rule]) => rule.test(text)).map(([, why]) => `${path}: ${why}: ${text}`),
    );
    expect(broken).toEqual([]);
  });

  it('falls back to en-US for an unknown locale', () => {
    expect(pageMessages('de-DE')).toBe(PAGE_MESSAGES['en-US']);
  });
});
