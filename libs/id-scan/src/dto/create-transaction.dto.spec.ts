import { IdScanValidationError } from '../errors/id-scan-validation.error';
import { validateInput } from '../utils/validate-input.util';
import { CreateTransactionDto } from './create-transaction.dto';
import { DocumentScanSettingsDto } from './document-scan-settings.dto';
import { TransactionSettingsDto } from './transaction-settings.dto';

const SUBJECT = 'createTransaction request';
const base = { tasks: ['document_scan'] };

/** Runs the DTO validation the service runs before any I/O; resolves to the failing property paths. */
async function failingPaths(request: unknown): Promise<string[]> {
  const error = await validateInput(CreateTransactionDto, request, SUBJECT).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error === undefined) return [];
  expect(error).toBeInstanceOf(IdScanValidationError);
  return (error as IdScanValidationError).errors.map((e) => e.property);
}

const withDocumentScan = (documentScan: unknown) => ({ ...base, settings: { documentScan } });

describe('CreateTransactionDto (docs/id-scan-api.md §B3)', () => {
  describe.each([
    // [rule, valid request, invalid request, property path reported]
    ['tasks: document_scan alone', { tasks: ['document_scan'] }, { tasks: ['face_match'] }, 'tasks'],
    ['tasks: with liveness', { tasks: ['document_scan', 'face_liveness'] }, { tasks: ['face_liveness'] }, 'tasks'],
    [
      'tasks: all three, in order',
      { tasks: ['document_scan', 'face_liveness', 'face_match'] },
      { tasks: ['document_scan', 'face_match', 'face_liveness'] },
      'tasks',
    ],
    ['tasks: no duplicates', { tasks: ['document_scan'] }, { tasks: ['document_scan', 'document_scan'] }, 'tasks'],
    ['tasks: required', { tasks: ['document_scan'] }, {}, 'tasks'],
    ['tasks: an array', { tasks: ['document_scan'] }, { tasks: 'document_scan' }, 'tasks'],
    ['tasks: no extra task', { tasks: ['document_scan'] }, { tasks: ['document_scan', 'face_match'] }, 'tasks'],
    ['locale en-US', { ...base, locale: 'en-US' }, { ...base, locale: 'en-GB' }, 'locale'],
    ['locale nl-NL', { ...base, locale: 'nl-NL' }, { ...base, locale: 'nl' }, 'locale'],
    ['locale fr-FR', { ...base, locale: 'fr-FR' }, { ...base, locale: 'fr-fr' }, 'locale'],
    ['mobileOnly boolean', { ...base, mobileOnly: true }, { ...base, mobileOnly: 'true' }, 'mobileOnly'],
    ['expiresIn minimum 3600', { ...base, expiresIn: 3600 }, { ...base, expiresIn: 3599 }, 'expiresIn'],
    ['expiresIn maximum 86400', { ...base, expiresIn: 86400 }, { ...base, expiresIn: 86401 }, 'expiresIn'],
    ['expiresIn integer', { ...base, expiresIn: 7200 }, { ...base, expiresIn: 7200.5 }, 'expiresIn'],
    ['expiresIn a number', { ...base, expiresIn: 7200 }, { ...base, expiresIn: '7200' }, 'expiresIn'],
    [
      'returnUrl https',
      { ...base, returnUrl: 'https://shop.example/id-scan/return' },
      { ...base, returnUrl: 'http://shop.example/id-scan/return' },
      'returnUrl',
    ],
    [
      'returnUrl http on localhost',
      { ...base, returnUrl: 'http://localhost:3000/id-scan/return' },
      { ...base, returnUrl: 'http://localhost.example/id-scan/return' },
      'returnUrl',
    ],
    [
      'returnUrl http on 127.0.0.1',
      { ...base, returnUrl: 'http://127.0.0.1:3000/id-scan/return' },
      { ...base, returnUrl: 'http://10.0.0.1/id-scan/return' },
      'returnUrl',
    ],
    [
      'returnUrl absolute',
      { ...base, returnUrl: 'https://a.example/' },
      { ...base, returnUrl: '/id-scan/return' },
      'returnUrl',
    ],
    [
      'returnUrl no other scheme',
      { ...base, returnUrl: 'https://a.example/' },
      { ...base, returnUrl: 'javascript:alert(1)' },
      'returnUrl',
    ],
    [
      'returnUrl at most 2048 characters',
      { ...base, returnUrl: `https://a.example/${'x'.repeat(2048 - 18)}` },
      { ...base, returnUrl: `https://a.example/${'x'.repeat(2048 - 17)}` },
      'returnUrl',
    ],
    [
      'scanReturnUrl https',
      { ...base, scanReturnUrl: 'https://shop.example/id-scan/scan-return' },
      { ...base, scanReturnUrl: 'ftp://shop.example/' },
      'scanReturnUrl',
    ],
    ['settings an object', { ...base, settings: {} }, { ...base, settings: 'advanced' }, 'settings'],
    ['documentScan an object', withDocumentScan({}), withDocumentScan([]), 'settings.documentScan'],
    [
      'allowedExpiration minimum -3650',
      withDocumentScan({ allowedExpiration: -3650 }),
      withDocumentScan({ allowedExpiration: -3651 }),
      'settings.documentScan.allowedExpiration',
    ],
    [
      'allowedExpiration maximum 3650',
      withDocumentScan({ allowedExpiration: 3650 }),
      withDocumentScan({ allowedExpiration: 3651 }),
      'settings.documentScan.allowedExpiration',
    ],
    [
      'allowedExpiration integer',
      withDocumentScan({ allowedExpiration: -30 }),
      withDocumentScan({ allowedExpiration: 1.5 }),
      'settings.documentScan.allowedExpiration',
    ],
    [
      'redactFields snake_case',
      withDocumentScan({ redactFields: ['personal_number', 'signature'] }),
      withDocumentScan({ redactFields: ['personalNumber'] }),
      'settings.documentScan.redactFields',
    ],
    [
      'redactFields unique',
      withDocumentScan({ redactFields: ['signature'] }),
      withDocumentScan({ redactFields: ['signature', 'signature'] }),
      'settings.documentScan.redactFields',
    ],
    [
      'redactFields at most 20',
      withDocumentScan({ redactFields: Array.from({ length: 20 }, (_, i) => `field_${i}`) }),
      withDocumentScan({ redactFields: Array.from({ length: 21 }, (_, i) => `field_${i}`) }),
      'settings.documentScan.redactFields',
    ],
    [
      'captureSources subset of camera, file',
      withDocumentScan({ captureSources: ['camera', 'file'] }),
      withDocumentScan({ captureSources: ['scanner'] }),
      'settings.documentScan.captureSources',
    ],
    [
      'captureSources non-empty',
      withDocumentScan({ captureSources: ['file'] }),
      withDocumentScan({ captureSources: [] }),
      'settings.documentScan.captureSources',
    ],
    [
      'captureSources unique',
      withDocumentScan({ captureSources: ['camera'] }),
      withDocumentScan({ captureSources: ['camera', 'camera'] }),
      'settings.documentScan.captureSources',
    ],
    [
      'level snake_case word',
      withDocumentScan({ level: 'advanced' }),
      withDocumentScan({ level: 'Advanced Plus' }),
      'settings.documentScan.level',
    ],
    [
      'minimumAge 0..150',
      withDocumentScan({ minimumAge: 0 }),
      withDocumentScan({ minimumAge: -1 }),
      'settings.documentScan.minimumAge',
    ],
    [
      'minimumAge integer',
      withDocumentScan({ minimumAge: 18 }),
      withDocumentScan({ minimumAge: 17.5 }),
      'settings.documentScan.minimumAge',
    ],
    [
      'maximumAge 0..150',
      withDocumentScan({ maximumAge: 150 }),
      withDocumentScan({ maximumAge: 151 }),
      'settings.documentScan.maximumAge',
    ],
    [
      'minimumAge not above maximumAge',
      withDocumentScan({ minimumAge: 18, maximumAge: 18 }),
      withDocumentScan({ minimumAge: 65, maximumAge: 18 }),
      'settings.documentScan.minimumAge',
    ],
    [
      'validateFields unique snake_case',
      withDocumentScan({ validateFields: ['personal_number'] }),
      withDocumentScan({ validateFields: ['personal_number', 'personal_number'] }),
      'settings.documentScan.validateFields',
    ],
    [
      'validateFields snake_case',
      withDocumentScan({ validateFields: ['document_number'] }),
      withDocumentScan({ validateFields: ['document-number'] }),
      'settings.documentScan.validateFields',
    ],
    [
      'extractFields unique snake_case',
      withDocumentScan({ extractFields: ['document_number', 'portrait'] }),
      withDocumentScan({ extractFields: ['portrait', 'portrait'] }),
      'settings.documentScan.extractFields',
    ],
    [
      'extractFields snake_case',
      withDocumentScan({ extractFields: ['age'] }),
      withDocumentScan({ extractFields: ['Age'] }),
      'settings.documentScan.extractFields',
    ],
    ['unknown key at the top', base, { ...base, callbackUrl: 'https://a.example/' }, 'callbackUrl'],
    [
      'unknown key in settings',
      { ...base, settings: {} },
      { ...base, settings: { faceMatch: {} } },
      'settings.faceMatch',
    ],
    [
      'unknown key in documentScan',
      withDocumentScan({ level: 'advanced' }),
      withDocumentScan({ levels: 'advanced' }),
      'settings.documentScan.levels',
    ],
  ])('%s', (_rule, valid, invalid, path) => {
    it('accepts the valid request', async () => {
      await expect(failingPaths(valid)).resolves.toEqual([]);
    });

    it(`refuses the invalid one at ${path}`, async () => {
      await expect(failingPaths(invalid)).resolves.toEqual([path]);
    });
  });

  it('accepts the documented example request', async () => {
    const request = {
      tasks: ['document_scan', 'face_liveness', 'face_match'],
      settings: {
        documentScan: { allowedExpiration: -30, redactFields: ['personal_number'], captureSources: ['camera'] },
      },
      locale: 'en-US',
      mobileOnly: false,
      expiresIn: 1800 * 2,
    };
    const dto = await validateInput(CreateTransactionDto, request, SUBJECT);
    expect(dto).toBeInstanceOf(CreateTransactionDto);
    expect(dto.settings).toBeInstanceOf(TransactionSettingsDto);
    expect(dto.settings?.documentScan).toBeInstanceOf(DocumentScanSettingsDto);
    expect(JSON.parse(JSON.stringify(dto))).toEqual(request);
  });

  it('accepts a DTO instance built by hand', async () => {
    const dto = Object.assign(new CreateTransactionDto(), {
      tasks: ['document_scan'],
      settings: Object.assign(new TransactionSettingsDto(), {
        documentScan: Object.assign(new DocumentScanSettingsDto(), { minimumAge: 18 }),
      }),
    });
    await expect(failingPaths(dto)).resolves.toEqual([]);
  });

  it.each([
    ['settings', { ...base, settings: null }],
    ['locale', { ...base, locale: null }],
    ['mobileOnly', { ...base, mobileOnly: null }],
    ['expiresIn', { ...base, expiresIn: null }],
    ['returnUrl', { ...base, returnUrl: null }],
    ['settings.documentScan', { ...base, settings: { documentScan: null } }],
    ['settings.documentScan.minimumAge', withDocumentScan({ minimumAge: null })],
  ])('refuses null for %s, which the API would refuse (left out is fine)', async (path, request) => {
    await expect(failingPaths(request)).resolves.toEqual([path]);
  });

  it.each([
    ['a Map at the root', new Map([[Object.create(null) as object, 1]])],
    ['a Map as a nested settings object', withDocumentScan(new Map([[Object.create(null) as object, 1]]))],
  ])('refuses values JSON cannot hold (%s) with a validation error, not a TypeError', async (_case, request) => {
    await expect(failingPaths(request)).resolves.toContain('(root)');
  });

  it('lists every problem at once, with its path, without echoing any value', async () => {
    const secretish = 'Jan-Jansen-1970-01-01';
    const request = {
      tasks: [secretish],
      locale: secretish,
      expiresIn: 10,
      returnUrl: `http://${secretish}.example/`,
      settings: { documentScan: { minimumAge: 90, maximumAge: 20, redactFields: [secretish], [secretish]: 1 } },
    };
    const error = await validateInput(CreateTransactionDto, request, SUBJECT).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IdScanValidationError);
    const { errors, message } = error as IdScanValidationError;
    expect(errors.map((e) => e.property).sort()).toEqual(
      [
        'tasks',
        'locale',
        'expiresIn',
        'returnUrl',
        'settings.documentScan.minimumAge',
        'settings.documentScan.redactFields',
        `settings.documentScan.${secretish}`,
      ].sort(),
    );
    expect(message).toContain('settings.documentScan.minimumAge: minimumAge must not be greater than maximumAge');
    // The only place the value may appear is as the name of an unknown key, which the caller chose.
    expect(
      message.replace(`settings.documentScan.${secretish}`, '').replace(`property ${secretish}`, ''),
    ).not.toContain(secretish);
    expect(errors.every((e) => e.constraints.length > 0)).toBe(true);
  });

  it.each([null, 'tasks', ['document_scan'], 42])('refuses %p as a request', async (request) => {
    await expect(failingPaths(request)).resolves.toEqual(['(root)']);
  });
});
