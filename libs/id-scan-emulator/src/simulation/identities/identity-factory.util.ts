import { addDays, addYears, ageOn, parseDate } from '../time.util';
import type { RandomSource } from '../random-source.interface';
import type { EmulatorScenario } from '../emulator-scenario';
import type { EmulatedDocumentType, ScannedIdentity } from './scanned-identity.interface';
import type { IdentityTemplate } from './identity-template.interface';
import { IDENTITY_TEMPLATES } from './identity-templates.util';
import { buildTd1, buildTd3, mrzCheckDigit } from './mrz.util';

/** Days before the scan on which the `expired_document` scenario's document expired. */
export const EXPIRED_DOCUMENT_DAYS_AGO = 45;

/** The document-scan settings that shape which identity a scenario produces. */
export interface IdentitySettings {
  minimumAge?: number;
  maximumAge?: number;
  validateFields?: readonly string[];
}

/**
 * Picks and dates an identity for a scenario, so that the result agrees with both the scenario and the settings:
 * a genuine holder's age lies within `minimumAge`..`maximumAge`, `under_minimum_age` gives a holder one year too
 * young (15 when no minimum is set), `expired_document` a document that expired {@link EXPIRED_DOCUMENT_DAYS_AGO}
 * days before `scanDate`, and `invalid_document_number` an MRZ whose document number check digit is wrong.
 */
export function createIdentity(
  scenario: EmulatorScenario,
  settings: IdentitySettings,
  scanDate: string,
  random: RandomSource,
): ScannedIdentity {
  const documentType: EmulatedDocumentType =
    scenario === 'genuine_passport' ? 'PASSPORT' : scenario === 'genuine_id_card' ? 'ID_CARD' : pickType(random);
  // A document without a personal number could never satisfy validateFields: ['personal_number'].
  const pool = settings.validateFields?.includes('personal_number')
    ? IDENTITY_TEMPLATES.filter((template) => template.personalNumber)
    : IDENTITY_TEMPLATES;
  const template = random.pick(pool);

  let dateOfBirth = template.dateOfBirth;
  const age = ageOn(dateOfBirth, scanDate);
  const targetAge = targetAgeFor(scenario, settings, age);
  if (targetAge !== age) dateOfBirth = addYears(dateOfBirth, age - targetAge);

  const model = documentType === 'PASSPORT' ? template.passport : template.idCard;
  let dateOfIssue: string;
  let dateOfExpiry: string;
  if (scenario === 'expired_document') {
    dateOfExpiry = addDays(scanDate, -EXPIRED_DOCUMENT_DAYS_AGO);
    dateOfIssue = addYears(dateOfExpiry, -validityYears(model.validityYears, dateOfBirth, dateOfExpiry, true));
  } else {
    dateOfIssue = addDays(scanDate, -random.integer(60, 1500));
    dateOfExpiry = addYears(dateOfIssue, validityYears(model.validityYears, dateOfBirth, dateOfIssue, false));
  }
  // Nobody gets a document before they are born; a newborn's was issued on the day of the scan at the latest.
  const earliestIssue = addDays(dateOfBirth, 14);
  if (parseDate(dateOfIssue) < parseDate(earliestIssue)) {
    dateOfIssue = parseDate(earliestIssue) > parseDate(scanDate) ? scanDate : earliestIssue;
  }

  return buildIdentity(template, documentType, {
    dateOfBirth,
    dateOfIssue,
    dateOfExpiry,
    corruptDocumentNumberCheckDigit: scenario === 'invalid_document_number',
  });
}

/** The dates and flaws of one issued document. */
export interface IdentityPlan {
  dateOfBirth: string;
  dateOfIssue: string;
  dateOfExpiry: string;
  corruptDocumentNumberCheckDigit: boolean;
}

/** Issues `template`'s document of `documentType` with the planned dates (and MRZ). */
export function buildIdentity(
  template: IdentityTemplate,
  documentType: EmulatedDocumentType,
  plan: IdentityPlan,
): ScannedIdentity {
  const model = documentType === 'PASSPORT' ? template.passport : template.idCard;
  const personalNumber = template.personalNumber?.(plan.dateOfBirth, template.sex);
  const mrzInput = {
    documentCode: model.mrzCode,
    issuingCountryCode: template.countryCode,
    surname: template.surname,
    givenNames: template.givenNames,
    documentNumber: model.documentNumber,
    nationalityCode: template.countryCode,
    dateOfBirth: plan.dateOfBirth,
    sex: template.sex,
    dateOfExpiry: plan.dateOfExpiry,
    personalNumber: personalNumber?.replace(/\D/g, ''),
    corruptDocumentNumberCheckDigit: plan.corruptDocumentNumberCheckDigit,
  };
  const identity: ScannedIdentity = {
    key: template.key,
    documentType,
    documentName: model.name,
    issuingCountryCode: template.countryCode,
    issuingCountry: template.country,
    issuingAuthority: template.issuingAuthority,
    nationalityCode: template.countryCode,
    nationality: template.country,
    nationalityLocalized: { ...template.nationalityLocalized },
    documentLocale: template.documentLocale,
    givenNames: template.givenNames,
    surname: template.surname,
    sex: template.sex,
    dateOfBirth: plan.dateOfBirth,
    placeOfBirth: template.placeOfBirth,
    dateOfIssue: plan.dateOfIssue,
    dateOfExpiry: plan.dateOfExpiry,
    documentNumber: model.documentNumber,
    height: template.height,
    mrz: documentType === 'PASSPORT' ? buildTd3(mrzInput) : buildTd1(mrzInput),
  };
  if (personalNumber !== undefined) identity.personalNumber = personalNumber;
  return identity;
}

/** Whether the MRZ's document number carries a correct check digit. */
export function isDocumentNumberValid(identity: ScannedIdentity): boolean {
  const [line1, line2] = identity.mrz;
  const field = identity.documentType === 'PASSPORT' ? line2.slice(0, 10) : line1.slice(5, 15);
  return mrzCheckDigit(field.slice(0, 9)) === field[9];
}

/** Whether the MRZ's birth date carries a correct check digit. */
export function isDateOfBirthValid(identity: ScannedIdentity): boolean {
  const line2 = identity.mrz[1];
  const field = identity.documentType === 'PASSPORT' ? line2.slice(13, 20) : line2.slice(0, 7);
  return mrzCheckDigit(field.slice(0, 6)) === field[6];
}

/** Whether a personal number passes its country's checksum (Dutch BSN eleven-test, Belgian modulo 97). */
export function isPersonalNumberValid(identity: ScannedIdentity): boolean {
  const digits = identity.personalNumber?.replace(/\D/g, '');
  if (!digits) return false;
  if (identity.issuingCountryCode === 'NLD' && digits.length === 9) {
    const sum = [...digits.slice(0, 8)].reduce((acc, digit, i) => acc + Number(digit) * (9 - i), 0);
    return (sum - Number(digits[8])) % 11 === 0;
  }
  if (identity.issuingCountryCode === 'BEL' && digits.length === 11) {
    const body = digits.slice(0, 9);
    const check = Number(digits.slice(9));
    const prefix = Number(identity.dateOfBirth.slice(0, 4)) >= 2000 ? '2' : '';
    return 97 - (Number(`${prefix}${body}`) % 97) === check;
  }
  return false;
}

function pickType(random: RandomSource): EmulatedDocumentType {
  return random.pick(['PASSPORT', 'ID_CARD'] as const);
}

function targetAgeFor(scenario: EmulatorScenario, settings: IdentitySettings, age: number): number {
  if (scenario === 'under_minimum_age') {
    return settings.minimumAge !== undefined ? Math.max(0, settings.minimumAge - 1) : 15;
  }
  const minimum = settings.minimumAge ?? 0;
  const maximum = settings.maximumAge ?? 150;
  return Math.min(Math.max(age, minimum), maximum);
}

// Minors' documents run five years in the Benelux and France; adults' as the model says.
function validityYears(adultYears: number, dateOfBirth: string, onDate: string, backwards: boolean): number {
  const age = ageOn(dateOfBirth, onDate) - (backwards ? adultYears : 0);
  return age < 18 ? 5 : adultYears;
}
