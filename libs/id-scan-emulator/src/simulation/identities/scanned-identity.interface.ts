/** The kind of document an emulated identity carries; the MRZ layout follows it (TD3 passport, TD1 card). */
export type EmulatedDocumentType = 'PASSPORT' | 'ID_CARD';

/** Sex as printed (`X` is ICAO 9303's "unspecified", written `<` in the MRZ). */
export type EmulatedSex = 'F' | 'M' | 'X';

/** A value printed on the document in the document's own language (for example nationality "Nederlandse"). */
export interface LocalizedValue {
  /** BCP-47 locale of the printed text, for example `nl-NL`. */
  locale: string;
  value: string;
}

/**
 * A fictional person and the document they presented, with every date resolved for the moment of the scan. The
 * result builder turns it into result fields; the renderers draw it (see `RenderedIdentity`).
 * Names are as printed (mixed case, with diacritics); the MRZ holds the transliterated upper-case form.
 */
export interface ScannedIdentity {
  /** Stable key of the identity template, for example `nl-de-vries`. */
  key: string;
  /** Also the `type` of the document entries in `files`. */
  documentType: EmulatedDocumentType;
  /** The recognised document model, for example `Netherlands - ePassport (2021)`. */
  documentName: string;
  /** ISO 3166-1 alpha-3 code of the issuing state, for example `NLD`. */
  issuingCountryCode: string;
  /** English name of the issuing state, for example `Netherlands`. */
  issuingCountry: string;
  /** Issuing authority as printed, for example `Burgemeester van Utrecht`. */
  issuingAuthority: string;
  /** ISO 3166-1 alpha-3 nationality code (or an ICAO code such as `D` or `UTO`), for example `NLD`. */
  nationalityCode: string;
  /** Nationality as the English country name, for example `Netherlands`. */
  nationality: string;
  /** Nationality as printed in the document's language, for example `{ locale: 'nl-NL', value: 'Nederlandse' }`. */
  nationalityLocalized: LocalizedValue;
  /** Language of the document's printed texts, for example `nl-NL`. */
  documentLocale: string;
  /** Given names as printed, for example `Sanne Willemijn`. */
  givenNames: string;
  /** Surname as printed, for example `de Vries`. */
  surname: string;
  sex: EmulatedSex;
  /** `YYYY-MM-DD` */
  dateOfBirth: string;
  placeOfBirth: string;
  /** `YYYY-MM-DD` */
  dateOfIssue: string;
  /** `YYYY-MM-DD` */
  dateOfExpiry: string;
  documentNumber: string;
  /** National personal number (Dutch BSN, Belgian national register number); absent when the document has none. */
  personalNumber?: string;
  /** Height in metres as printed, for example `1.74`; absent when the document has none. */
  height?: string;
  /** The machine readable zone, one string per line (TD3: 2 × 44 characters, TD1: 3 × 30). */
  mrz: readonly string[];
}
