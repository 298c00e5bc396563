import type { DemoLanguage } from './demo-language.util';

/**
 * Country, language and document names for the operator's pages. ID Scan answers in English ("Belgium",
 * "Netherlands - Identity Card (2021) Side B"); these turn such values into the page language through
 * `Intl.DisplayNames`, and leave anything they do not recognise exactly as received.
 */

const REGION_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

let englishRegions: ReadonlyMap<string, string> | undefined;

// English region name (lower case) → ISO 3166-1 alpha-2 code, read from the runtime's own CLDR data once.
function regionCodesByEnglishName(): ReadonlyMap<string, string> {
  if (!englishRegions) {
    const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const map = new Map<string, string>();
    for (const first of REGION_LETTERS) {
      for (const second of REGION_LETTERS) {
        const code = first + second;
        const name = english.of(code);
        if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), code);
      }
    }
    englishRegions = map;
  }
  return englishRegions;
}

const displayNames = new Map<string, Intl.DisplayNames>();

function namesOf(lang: DemoLanguage, type: 'region' | 'language'): Intl.DisplayNames {
  const key = `${lang}|${type}`;
  let names = displayNames.get(key);
  if (!names) {
    // `standard`: "Dutch (Belgium)", not "Flemish"; "English (United States)", not "American English".
    names = new Intl.DisplayNames([lang], { type, fallback: 'none', languageDisplay: 'standard' });
    displayNames.set(key, names);
  }
  return names;
}

/** A country named in English (`Belgium`) in `lang` (`België`, `Belgique`); any other value as given. */
export function countryName(value: string, lang: DemoLanguage): string {
  const code = regionCodesByEnglishName().get(value.trim().toLowerCase());
  return (code && namesOf(lang, 'region').of(code)) || value;
}

/** A BCP 47 locale (`fr-FR`) as its name in `lang` (`French (France)`, `Frans (Frankrijk)`); else as given. */
export function languageName(locale: string, lang: DemoLanguage): string {
  try {
    return namesOf(lang, 'language').of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** What {@link documentCaption} needs to word a document in the page language. */
export interface DocumentCaptionTexts {
  /** Document kinds by type (`passport`, `id_card`, `driving_license`, `residence_permit`). */
  documentTypes: Readonly<Record<string, string>>;
  /** The back side's caption made of the front's (`…, back`). */
  documentBack: (caption: string) => string;
}

// The model part of ID Scan's document names, by the document type it is.
const DOCUMENT_MODELS: Readonly<Record<string, string>> = {
  passport: 'passport',
  epassport: 'passport',
  'identity card': 'id_card',
  'id card': 'id_card',
  'driving license': 'driving_license',
  'driving licence': 'driving_license',
  'residence permit': 'residence_permit',
};

// `Netherlands - Identity Card (2021) Side B`: country, model, optional year, optional back side.
const DOCUMENT_NAME = /^(.+?) - (.+?)(?: \((\d{4})\))?( Side B)?$/;

/**
 * A recognised document's name (`Netherlands - Identity Card (2021) Side B`) in `lang`
 * (`Pays-Bas – Carte d’identité (2021), verso`). A name it cannot read whole (an unknown country or model) is
 * returned as given, so that no caption mixes two languages.
 */
export function documentCaption(name: string, lang: DemoLanguage, texts: DocumentCaptionTexts): string {
  const match = DOCUMENT_NAME.exec(name.trim());
  const code = match && regionCodesByEnglishName().get(match[1].toLowerCase());
  const model = match && texts.documentTypes[DOCUMENT_MODELS[match[2].toLowerCase()] ?? ''];
  const country = code && namesOf(lang, 'region').of(code);
  if (!match || !country || !model) return name;
  const caption = `${country} – ${model}${match[3] ? ` (${match[3]})` : ''}`;
  return match[4] ? texts.documentBack(caption) : caption;
}
