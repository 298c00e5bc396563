import { addDays, ageOn, parseDate } from './time.util';
import type { ScannedIdentity } from './identities/scanned-identity.interface';
import { isDateOfBirthValid, isDocumentNumberValid, isPersonalNumberValid } from './identities/identity-factory.util';
import { mrzToText, toMrzText } from './identities/mrz.util';
import type { ApiDocumentScanSettings, ApiFieldValue, ApiResultField } from '../interfaces';

/** What reading a document yields: its fields and whether the document is accepted under the settings. */
export interface DocumentReading {
  /** Every field the document yields (before `extractFields`). */
  fields: ApiResultField[];
  /** Names of the fields whose validity is `invalid`. */
  invalidFields: string[];
  /** `false` when the settings reject the document (expiry, age, or a field listed in `validateFields`). */
  accepted: boolean;
}

/**
 * Reads an identity the way the service reads a scanned document on `scanDate`: MRZ and visual values per field
 * (upper case as printed; names transliterated in the MRZ), localised copies of names and nationality, and a
 * validity per field:
 * - `document_number`, `date_of_birth`: the MRZ check digit;
 * - `date_of_expiry`: valid when it is on or after `scanDate - allowedExpiration` days (so a positive N tolerates a
 *   document expired up to N days ago, and a negative N demands N more days of validity);
 * - `age`: within `minimumAge`..`maximumAge` when either is set, otherwise `not_checked`;
 * - `personal_number`: its national checksum when listed in `validateFields`;
 * - any other field listed in `validateFields` is `valid` when present.
 */
export function readDocument(
  identity: ScannedIdentity,
  settings: ApiDocumentScanSettings,
  scanDate: string,
): DocumentReading {
  const validate = new Set(settings.validateFields ?? []);
  const checked = (field: string): 'valid' | 'not_checked' => (validate.has(field) ? 'valid' : 'not_checked');
  const mrzNames = mrzNameParts(identity);
  const age = String(ageOn(identity.dateOfBirth, scanDate));
  const ageChecked = settings.minimumAge !== undefined || settings.maximumAge !== undefined;
  const ageValid =
    Number(age) >= (settings.minimumAge ?? 0) && Number(age) <= (settings.maximumAge ?? Number.POSITIVE_INFINITY);
  const expiryValid =
    parseDate(identity.dateOfExpiry) >= parseDate(addDays(scanDate, -(settings.allowedExpiration ?? 0)));

  const fields: ApiResultField[] = [
    both('document_type', identity.documentType, 'valid'),
    both('document_number', identity.documentNumber, isDocumentNumberValid(identity) ? 'valid' : 'invalid'),
    pair('surname', mrzNames.surname, identity.surname.toLocaleUpperCase(identity.documentLocale), checked('surname')),
    localized('surname', identity.documentLocale, identity.surname),
    pair(
      'given_names',
      mrzNames.givenNames,
      identity.givenNames.toLocaleUpperCase(identity.documentLocale),
      checked('given_names'),
    ),
    localized('given_names', identity.documentLocale, identity.givenNames),
    both('date_of_birth', identity.dateOfBirth, isDateOfBirthValid(identity) ? 'valid' : 'invalid'),
    both('age', age, ageChecked ? (ageValid ? 'valid' : 'invalid') : checked('age')),
    both('sex', identity.sex, 'valid'),
    both('nationality', identity.nationality, 'valid'),
    localized('nationality', identity.nationalityLocalized.locale, identity.nationalityLocalized.value),
    both('issuing_country', identity.issuingCountry, 'valid'),
    visualOnly('date_of_issue', identity.dateOfIssue, checked('date_of_issue')),
    both('date_of_expiry', identity.dateOfExpiry, expiryValid ? 'valid' : 'invalid'),
  ];
  if (identity.personalNumber !== undefined) {
    fields.push(
      both(
        'personal_number',
        identity.personalNumber,
        validate.has('personal_number') ? (isPersonalNumberValid(identity) ? 'valid' : 'invalid') : 'not_checked',
      ),
    );
  }
  fields.push(visualOnly('place_of_birth', identity.placeOfBirth, checked('place_of_birth')));

  const invalidFields = [...new Set(fields.filter((f) => f.validity === 'invalid').map((f) => f.field))];
  const present = new Set(fields.map((f) => f.field));
  const accepted =
    expiryValid &&
    (!ageChecked || ageValid) &&
    [...validate].every((field) => present.has(field) && !invalidFields.includes(field));
  return { fields, invalidFields, accepted };
}

/**
 * Keeps only the fields listed in `extractFields` (localised copies included); all fields when it is unset.
 * A listed field the document does not have is simply absent.
 */
export function extractFields(fields: ApiResultField[], settings: ApiDocumentScanSettings): ApiResultField[] {
  if (!settings.extractFields) return fields;
  const wanted = new Set(settings.extractFields);
  return fields.filter((field) => wanted.has(field.field));
}

function mrzNameParts(identity: ScannedIdentity): { surname: string; givenNames: string } {
  const nameField = identity.documentType === 'PASSPORT' ? identity.mrz[0].slice(5) : identity.mrz[2];
  const [surname, givenNames = ''] = nameField.split('<<');
  // A name cut short by the MRZ's width reads as its printed transliteration; the MRZ only ever truncates.
  return {
    surname: mrzToText(surname) || mrzToText(toMrzText(identity.surname)),
    givenNames: mrzToText(givenNames),
  };
}

function values(mrz: string, visual: string): ApiFieldValue[] {
  return [
    { source: 'mrz', value: mrz },
    { source: 'visual', value: visual },
  ];
}

function both(field: string, value: string, validity: ApiResultField['validity']): ApiResultField {
  return { field, validity, comparison: 'match', locale: null, values: values(value, value) };
}

function pair(field: string, mrz: string, visual: string, validity: ApiResultField['validity']): ApiResultField {
  const same = toMrzText(mrz) === toMrzText(visual);
  return { field, validity, comparison: same ? 'match' : 'no_match', locale: null, values: values(mrz, visual) };
}

function visualOnly(field: string, value: string, validity: ApiResultField['validity']): ApiResultField {
  return { field, validity, comparison: 'not_performed', locale: null, values: [{ source: 'visual', value }] };
}

function localized(field: string, locale: string, value: string): ApiResultField {
  return { field, validity: 'not_checked', comparison: 'not_performed', locale, values: [{ source: 'visual', value }] };
}
