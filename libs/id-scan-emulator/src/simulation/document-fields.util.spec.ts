import { addDays, ageOn } from './time.util';
import {
  buildIdentity,
  createIdentity,
  EXPIRED_DOCUMENT_DAYS_AGO,
  isDocumentNumberValid,
} from './identities/identity-factory.util';
import { IDENTITY_TEMPLATES } from './identities/identity-templates.util';
import type { ScannedIdentity } from './identities/scanned-identity.interface';
import type { ApiDocumentScanSettings } from '../interfaces';
import { createRandomSource } from './random-source.util';
import { EmulatorScenarios } from './emulator-scenario';
import { extractFields, readDocument } from './document-fields.util';

const SCAN_DATE = '2025-03-01';
const dutch = IDENTITY_TEMPLATES.find((template) => template.key === 'nl-de-vries')!;
const french = IDENTITY_TEMPLATES.find((template) => template.key === 'fr-lefevre')!;

function identityExpiring(dateOfExpiry: string, dateOfBirth = '1987-03-14'): ScannedIdentity {
  return buildIdentity(dutch, 'PASSPORT', {
    dateOfBirth,
    dateOfIssue: '2020-01-01',
    dateOfExpiry,
    corruptDocumentNumberCheckDigit: false,
  });
}

function validity(identity: ScannedIdentity, settings: ApiDocumentScanSettings, field: string): string | undefined {
  return readDocument(identity, settings, SCAN_DATE).fields.find((f) => f.field === field && f.locale === null)
    ?.validity;
}

describe('readDocument', () => {
  describe('date_of_expiry against allowedExpiration', () => {
    it.each([
      [undefined, 0, 'valid'],
      [undefined, -1, 'invalid'],
      [0, 0, 'valid'],
      [0, -1, 'invalid'],
      [30, -30, 'valid'],
      [30, -31, 'invalid'],
      [-90, 90, 'valid'],
      [-90, 89, 'invalid'],
    ])('allowedExpiration %p, expiry %p days from the scan: %s', (allowedExpiration, days, expected) => {
      const identity = identityExpiring(addDays(SCAN_DATE, days));
      const settings = allowedExpiration === undefined ? {} : { allowedExpiration };
      expect(validity(identity, settings, 'date_of_expiry')).toBe(expected);
      expect(readDocument(identity, settings, SCAN_DATE).accepted).toBe(expected === 'valid');
    });
  });

  describe('age against minimumAge and maximumAge', () => {
    // Born 2007-03-01: 18 on the scan date.
    const identity = identityExpiring('2030-01-01', '2007-03-01');
    it.each([
      [{}, 'not_checked', true],
      [{ minimumAge: 18 }, 'valid', true],
      [{ minimumAge: 19 }, 'invalid', false],
      [{ maximumAge: 18 }, 'valid', true],
      [{ maximumAge: 17 }, 'invalid', false],
      [{ minimumAge: 16, maximumAge: 80 }, 'valid', true],
    ])('%j: %s', (settings, expected, accepted) => {
      expect(validity(identity, settings, 'age')).toBe(expected);
      expect(readDocument(identity, settings, SCAN_DATE).accepted).toBe(accepted);
    });
  });

  it('checks the personal number only when validateFields lists it', () => {
    const identity = identityExpiring('2030-01-01');
    expect(validity(identity, {}, 'personal_number')).toBe('not_checked');
    expect(validity(identity, { validateFields: ['personal_number'] }, 'personal_number')).toBe('valid');
    const tampered = { ...identity, personalNumber: '987654306' };
    expect(validity(tampered, { validateFields: ['personal_number'] }, 'personal_number')).toBe('invalid');
    expect(readDocument(tampered, { validateFields: ['personal_number'] }, SCAN_DATE).accepted).toBe(false);
  });

  it.each(IDENTITY_TEMPLATES.filter((t) => t.personalNumber).map((t) => [t.key, t] as const))(
    "%s's personal number passes its national checksum, also with a moved birth date",
    (_key, template) => {
      for (const dateOfBirth of [template.dateOfBirth, '2005-06-07']) {
        const identity = buildIdentity(template, 'ID_CARD', {
          dateOfBirth,
          dateOfIssue: '2020-01-01',
          dateOfExpiry: '2030-01-01',
          corruptDocumentNumberCheckDigit: false,
        });
        expect(validity(identity, { validateFields: ['personal_number'] }, 'personal_number')).toBe('valid');
      }
    },
  );

  it('refuses a document lacking a field validateFields requires', () => {
    const identity = buildIdentity(french, 'PASSPORT', {
      dateOfBirth: '1992-07-23',
      dateOfIssue: '2020-01-01',
      dateOfExpiry: '2030-01-01',
      corruptDocumentNumberCheckDigit: false,
    });
    expect(readDocument(identity, { validateFields: ['personal_number'] }, SCAN_DATE).accepted).toBe(false);
  });

  it('gives MRZ and visual values, and localised copies of names and nationality', () => {
    const identity = buildIdentity(french, 'ID_CARD', {
      dateOfBirth: '1992-07-23',
      dateOfIssue: '2020-01-01',
      dateOfExpiry: '2030-01-01',
      corruptDocumentNumberCheckDigit: false,
    });
    const fields = readDocument(identity, {}, SCAN_DATE).fields;
    expect(fields.filter((f) => f.field === 'surname')).toEqual([
      {
        field: 'surname',
        validity: 'not_checked',
        comparison: 'match',
        locale: null,
        values: [
          { source: 'mrz', value: 'LEFEVRE' },
          { source: 'visual', value: 'LEFÈVRE' },
        ],
      },
      {
        field: 'surname',
        validity: 'not_checked',
        comparison: 'not_performed',
        locale: 'fr-FR',
        values: [{ source: 'visual', value: 'Lefèvre' }],
      },
    ]);
    expect(fields.find((f) => f.field === 'nationality' && f.locale === 'fr-FR')?.values).toEqual([
      { source: 'visual', value: 'Française' },
    ]);
    expect(fields.find((f) => f.field === 'age')?.values).toEqual([
      { source: 'mrz', value: '32' },
      { source: 'visual', value: '32' },
    ]);
    for (const field of fields) {
      if (field.field.startsWith('date_')) expect(field.values[0].value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('limits the fields to extractFields, localised copies included', () => {
    const fields = readDocument(identityExpiring('2030-01-01'), {}, SCAN_DATE).fields;
    const kept = extractFields(fields, { extractFields: ['given_names', 'age', 'height_in_feet'] });
    expect(kept.map((f) => [f.field, f.locale])).toEqual([
      ['given_names', null],
      ['given_names', 'nl-NL'],
      ['age', null],
    ]);
    expect(extractFields(fields, {})).toBe(fields);
  });
});

describe('createIdentity', () => {
  const random = (): ReturnType<typeof createRandomSource> => createRandomSource('unit', 'identity');

  it.each(EmulatorScenarios.filter((s) => s !== 'gives_up'))('%s yields a consistent identity', (scenario) => {
    const identity = createIdentity(scenario, { minimumAge: 21, maximumAge: 60 }, SCAN_DATE, random());
    const age = ageOn(identity.dateOfBirth, SCAN_DATE);
    if (scenario === 'under_minimum_age') expect(age).toBe(20);
    else expect(age).toBeGreaterThanOrEqual(21);
    expect(age).toBeLessThanOrEqual(60);
    if (scenario === 'genuine_passport') expect(identity.documentType).toBe('PASSPORT');
    if (scenario === 'genuine_id_card') expect(identity.documentType).toBe('ID_CARD');
    if (scenario === 'expired_document') {
      expect(identity.dateOfExpiry).toBe(addDays(SCAN_DATE, -EXPIRED_DOCUMENT_DAYS_AGO));
    } else {
      expect(identity.dateOfExpiry > SCAN_DATE).toBe(true);
    }
    expect(isDocumentNumberValid(identity)).toBe(scenario !== 'invalid_document_number');
    expect(identity.dateOfIssue <= SCAN_DATE && identity.dateOfIssue > identity.dateOfBirth).toBe(true);
    expect(identity.mrz.join('')).toMatch(/^[A-Z0-9<]+$/);
  });

  it('makes a 15-year-old for under_minimum_age without a minimum', () => {
    expect(ageOn(createIdentity('under_minimum_age', {}, SCAN_DATE, random()).dateOfBirth, SCAN_DATE)).toBe(15);
  });

  it('picks a holder with a personal number when validateFields needs one', () => {
    for (let i = 0; i < 20; i++) {
      const source = createRandomSource(`pick-${i}`, 'identity');
      const identity = createIdentity('genuine_passport', { validateFields: ['personal_number'] }, SCAN_DATE, source);
      expect(identity.personalNumber).toBeDefined();
    }
  });
});
