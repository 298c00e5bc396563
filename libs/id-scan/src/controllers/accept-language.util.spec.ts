import { pickLanguage } from './accept-language.util';

const LANGUAGES = ['en', 'nl', 'fr'] as const;

describe('pickLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['nl', 'nl'],
    ['NL-be', 'nl'],
    ['fr-CA,fr;q=0.9', 'fr'],
    ['de-DE,de;q=0.9,fr;q=0.8,en;q=0.7', 'fr'],
    ['en;q=0.2,nl;q=0.8', 'nl'],
    ['nl;q=0,fr;q=0.1', 'fr'],
    ['*', 'en'],
    ['de, *;q=0.5', 'en'],
    ['nlx', 'en'],
    ['es', 'en'],
    [';;;,,q=,', 'en'],
    ['fr;q=abc', 'fr'],
  ])('%s → %s', (header, expected) => {
    expect(pickLanguage(header, LANGUAGES)).toBe(expected);
  });

  it('looks at no more than 20 ranges of a hostile header', () => {
    const header = `${Array.from({ length: 50 }, () => 'de').join(',')},nl`;
    expect(pickLanguage(header, LANGUAGES)).toBe('en');
  });
});
