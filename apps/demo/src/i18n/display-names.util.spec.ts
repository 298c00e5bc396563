import { DEMO_MESSAGES } from './demo-messages';
import { countryName, documentCaption, languageName } from './display-names.util';

const texts = (lang: 'en' | 'nl' | 'fr') => ({
  documentTypes: DEMO_MESSAGES[lang].documentTypes,
  documentBack: DEMO_MESSAGES[lang].outcome.documentBack,
});

describe('display names', () => {
  it('names an English country in the page language, and keeps what it does not know', () => {
    expect(countryName('Belgium', 'fr')).toBe('Belgique');
    expect(countryName('Netherlands', 'nl')).toBe('Nederland');
    expect(countryName('netherlands ', 'en')).toBe('Netherlands');
    expect(countryName('Utopia', 'fr')).toBe('Utopia');
  });

  it('words a document caption whole in the page language, or leaves it as received', () => {
    expect(documentCaption('Netherlands - Identity Card (2021) Side B', 'fr', texts('fr'))).toBe(
      'Pays-Bas – Carte d’identité (2021), verso',
    );
    expect(documentCaption('Belgium - ePassport (2022)', 'nl', texts('nl'))).toBe('België – Paspoort (2022)');
    expect(documentCaption('Netherlands - Driving License (2022)', 'en', texts('en'))).toBe(
      'Netherlands – Driver’s license (2022)',
    );
    // Half a translation would mix two languages: an unknown model or country stays as received.
    expect(documentCaption('Netherlands - Boat Permit (2020)', 'fr', texts('fr'))).toBe(
      'Netherlands - Boat Permit (2020)',
    );
    expect(documentCaption('Utopia - ePassport (2020)', 'fr', texts('fr'))).toBe('Utopia - ePassport (2020)');
    expect(documentCaption('PNG', 'fr', texts('fr'))).toBe('PNG');
  });

  it('names a locale in the page language, with its standard name', () => {
    expect(languageName('fr-FR', 'nl')).toBe('Frans (Frankrijk)');
    expect(languageName('nl-BE', 'en')).toBe('Dutch (Belgium)');
    expect(languageName('not a locale!', 'en')).toBe('not a locale!');
  });
});
