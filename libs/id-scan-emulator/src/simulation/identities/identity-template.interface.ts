import type { LocalizedValue } from './scanned-identity.interface';

/** A document model one template can present. */
export interface DocumentModelTemplate {
  /** Recognised model name, for example `Netherlands - ePassport (2021)`. */
  name: string;
  /** MRZ document code: `P<` for passports, `I<` or `ID` for identity cards. */
  mrzCode: string;
  documentNumber: string;
  /** Years from issue to expiry for an adult holder. */
  validityYears: number;
}

/** A fictional person from which the emulator builds {@link ScannedIdentity} values. */
export interface IdentityTemplate {
  key: string;
  /** ISO 3166-1 alpha-3 code of the issuing state, for example `NLD`. */
  countryCode: string;
  /** The same state's ISO 3166-1 alpha-2 region code, for `Intl.DisplayNames`: `NL`. */
  region: string;
  /** The state's English name, as ID Scan writes it; the same as `Intl.DisplayNames(['en'])` gives for `region`. */
  country: string;
  nationalityLocalized: LocalizedValue;
  documentLocale: string;
  issuingAuthority: string;
  givenNames: string;
  surname: string;
  sex: 'F' | 'M' | 'X';
  /** `YYYY-MM-DD`; the year moves when a scenario or an age setting needs another age. */
  dateOfBirth: string;
  placeOfBirth: string;
  height: string;
  /** How the personal number is printed for a birth date; absent when the country prints none. */
  personalNumber?: (dateOfBirth: string, sex: 'F' | 'M' | 'X') => string;
  passport: DocumentModelTemplate;
  idCard: DocumentModelTemplate;
}
