import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { EmulatorApi } from './support/emulator-client';

interface ErrorBody {
  code: string;
  message: string;
  details?: { field: string; message: string }[];
}

type Case = [description: string, body: Record<string, unknown>, field?: string];

const base = { tasks: ['document_scan'] };
const scan = (documentScan: Record<string, unknown>): Record<string, unknown> => ({
  ...base,
  settings: { documentScan },
});

// docs/id-scan-api.md §B3, rule by rule: a passing and a failing request each (the failing one names the offending path).
const transactionCases: { rule: string; pass: Case[]; fail: Case[] }[] = [
  {
    rule: 'tasks',
    pass: [
      ['document scan alone', { tasks: ['document_scan'] }],
      ['document scan and liveness', { tasks: ['document_scan', 'face_liveness'] }],
      ['all three', { tasks: ['document_scan', 'face_liveness', 'face_match'] }],
    ],
    fail: [
      ['missing', {}, 'tasks'],
      ['empty', { tasks: [] }, 'tasks'],
      ['face match alone', { tasks: ['face_match'] }, 'tasks'],
      ['out of order', { tasks: ['face_liveness', 'document_scan'] }, 'tasks'],
      ['duplicated', { tasks: ['document_scan', 'document_scan'] }, 'tasks'],
      ['skipping liveness', { tasks: ['document_scan', 'face_match'] }, 'tasks'],
      ['a string', { tasks: 'document_scan' }, 'tasks'],
    ],
  },
  {
    rule: 'locale',
    pass: [
      ['en-US', { ...base, locale: 'en-US' }],
      ['nl-NL', { ...base, locale: 'nl-NL' }],
      ['fr-FR', { ...base, locale: 'fr-FR' }],
    ],
    fail: [
      ['en-GB', { ...base, locale: 'en-GB' }, 'locale'],
      ['lower case', { ...base, locale: 'nl-nl' }, 'locale'],
      ['null', { ...base, locale: null }, 'locale'],
      ['a number', { ...base, locale: 5 }, 'locale'],
    ],
  },
  {
    rule: 'mobileOnly',
    pass: [
      ['true', { ...base, mobileOnly: true }],
      ['false', { ...base, mobileOnly: false }],
    ],
    fail: [
      ['a string', { ...base, mobileOnly: 'true' }, 'mobileOnly'],
      ['a number', { ...base, mobileOnly: 1 }, 'mobileOnly'],
      ['null', { ...base, mobileOnly: null }, 'mobileOnly'],
    ],
  },
  {
    rule: 'expiresIn',
    pass: [
      ['3600', { ...base, expiresIn: 3600 }],
      ['86400', { ...base, expiresIn: 86400 }],
    ],
    fail: [
      ['3599', { ...base, expiresIn: 3599 }, 'expiresIn'],
      ['86401', { ...base, expiresIn: 86401 }, 'expiresIn'],
      ['a fraction', { ...base, expiresIn: 3600.5 }, 'expiresIn'],
      ['a numeric string', { ...base, expiresIn: '3600' }, 'expiresIn'],
    ],
  },
  ...(['returnUrl', 'scanReturnUrl'] as const).map((key) => ({
    rule: key,
    pass: [
      ['https with a query', { ...base, [key]: 'https://shop.example/verified?order=7' }] as Case,
      ['http on localhost', { ...base, [key]: 'http://localhost:3000/id-scan/return' }] as Case,
      ['http on 127.0.0.1', { ...base, [key]: 'http://127.0.0.1/return' }] as Case,
      ['2048 characters', { ...base, [key]: `https://shop.example/${'a'.repeat(2048 - 21)}` }] as Case,
    ],
    fail: [
      ['http on another host', { ...base, [key]: 'http://shop.example/return' }, key] as Case,
      ['relative', { ...base, [key]: '/return' }, key] as Case,
      ['another scheme', { ...base, [key]: 'ftp://shop.example/return' }, key] as Case,
      ['with credentials', { ...base, [key]: 'https://user:pw@shop.example/return' }, key] as Case,
      ['2049 characters', { ...base, [key]: `https://shop.example/${'a'.repeat(2049 - 21)}` }, key] as Case,
      ['a number', { ...base, [key]: 42 }, key] as Case,
    ],
  })),
  {
    rule: 'settings',
    pass: [
      ['empty', { ...base, settings: {} }],
      ['empty documentScan', scan({})],
    ],
    fail: [
      ['a string', { ...base, settings: 'advanced' }, 'settings'],
      ['an array', { ...base, settings: [] }, 'settings'],
      ['an unknown block', { ...base, settings: { faceLiveness: {} } }, 'settings.faceLiveness'],
      ['documentScan as a string', { ...base, settings: { documentScan: 'x' } }, 'settings.documentScan'],
    ],
  },
  {
    rule: 'allowedExpiration',
    pass: [
      ['-3650', scan({ allowedExpiration: -3650 })],
      ['3650', scan({ allowedExpiration: 3650 })],
      ['0', scan({ allowedExpiration: 0 })],
    ],
    fail: [
      ['-3651', scan({ allowedExpiration: -3651 }), 'settings.documentScan.allowedExpiration'],
      ['3651', scan({ allowedExpiration: 3651 }), 'settings.documentScan.allowedExpiration'],
      ['a fraction', scan({ allowedExpiration: 1.5 }), 'settings.documentScan.allowedExpiration'],
      ['a string', scan({ allowedExpiration: '30' }), 'settings.documentScan.allowedExpiration'],
    ],
  },
  {
    rule: 'redactFields',
    pass: [
      ['two names', scan({ redactFields: ['personal_number', 'signature'] })],
      ['20 names', scan({ redactFields: Array.from({ length: 20 }, (_, i) => `field_${i}`) })],
    ],
    fail: [
      [
        '21 names',
        scan({ redactFields: Array.from({ length: 21 }, (_, i) => `field_${i}`) }),
        'settings.documentScan.redactFields',
      ],
      ['duplicates', scan({ redactFields: ['signature', 'signature'] }), 'settings.documentScan.redactFields'],
      ['camel case', scan({ redactFields: ['personalNumber'] }), 'settings.documentScan.redactFields'],
      ['kebab case', scan({ redactFields: ['personal-number'] }), 'settings.documentScan.redactFields'],
      ['a string', scan({ redactFields: 'signature' }), 'settings.documentScan.redactFields'],
    ],
  },
  {
    rule: 'captureSources',
    pass: [
      ['camera', scan({ captureSources: ['camera'] })],
      ['both', scan({ captureSources: ['file', 'camera'] })],
    ],
    fail: [
      ['empty', scan({ captureSources: [] }), 'settings.documentScan.captureSources'],
      ['unknown source', scan({ captureSources: ['scanner'] }), 'settings.documentScan.captureSources'],
      ['duplicates', scan({ captureSources: ['camera', 'camera'] }), 'settings.documentScan.captureSources'],
    ],
  },
  {
    rule: 'level',
    pass: [
      ['advanced', scan({ level: 'advanced' })],
      ['a snake_case word', scan({ level: 'basic_plus' })],
    ],
    fail: [
      ['capitalised', scan({ level: 'Advanced' }), 'settings.documentScan.level'],
      ['two words', scan({ level: 'very advanced' }), 'settings.documentScan.level'],
      ['empty', scan({ level: '' }), 'settings.documentScan.level'],
      ['a number', scan({ level: 2 }), 'settings.documentScan.level'],
    ],
  },
  {
    rule: 'minimumAge and maximumAge',
    pass: [
      ['0 and 150', scan({ minimumAge: 0, maximumAge: 150 })],
      ['equal', scan({ minimumAge: 18, maximumAge: 18 })],
      ['minimum alone', scan({ minimumAge: 16 })],
    ],
    fail: [
      ['a negative minimum', scan({ minimumAge: -1 }), 'settings.documentScan.minimumAge'],
      ['a maximum over 150', scan({ maximumAge: 151 }), 'settings.documentScan.maximumAge'],
      ['a fractional minimum', scan({ minimumAge: 17.5 }), 'settings.documentScan.minimumAge'],
      ['minimum above maximum', scan({ minimumAge: 30, maximumAge: 20 }), 'settings.documentScan.minimumAge'],
    ],
  },
  ...(['validateFields', 'extractFields'] as const).map((key) => ({
    rule: key,
    pass: [['snake_case names', scan({ [key]: ['personal_number', 'document_image', 'portrait'] })] as Case],
    fail: [
      ['duplicates', scan({ [key]: ['age', 'age'] }), `settings.documentScan.${key}`] as Case,
      ['not snake_case', scan({ [key]: ['Age'] }), `settings.documentScan.${key}`] as Case,
      ['not an array', scan({ [key]: 'age' }), `settings.documentScan.${key}`] as Case,
    ],
  })),
  {
    rule: 'unknown keys',
    pass: [],
    fail: [
      ['at the top', { ...base, reference: 'order-7' }, 'reference'],
      ['in documentScan', scan({ blurFaces: true }), 'settings.documentScan.blurFaces'],
    ],
  },
];

const webhookCases: { rule: string; pass: Case[]; fail: Case[] }[] = [
  {
    rule: 'url',
    pass: [
      ['https', { url: 'https://host.example/id-scan/events' }],
      ['http on localhost (an emulator allowance)', { url: 'http://localhost:3000/id-scan/events' }],
      ['http on 127.0.0.1 (an emulator allowance)', { url: 'http://127.0.0.1:3000/id-scan/events' }],
    ],
    fail: [
      ['missing', {}, 'url'],
      ['http on another host', { url: 'http://host.example/events' }, 'url'],
      ['not a URL', { url: 'events' }, 'url'],
    ],
  },
  {
    rule: 'events',
    pass: [['one type', { url: 'https://host.example/e', events: ['task.state.updated'] }]],
    fail: [
      ['empty', { url: 'https://host.example/e', events: [] }, 'events'],
      ['unknown type', { url: 'https://host.example/e', events: ['transaction.created'] }, 'events'],
      ['duplicates', { url: 'https://host.example/e', events: ['task.state.updated', 'task.state.updated'] }, 'events'],
    ],
  },
  {
    rule: 'headers',
    pass: [['a secret header', { url: 'https://host.example/e', headers: { 'X-Id-Scan-Webhook-Secret': 's3cr3t' } }]],
    fail: [
      ['Content-Type', { url: 'https://host.example/e', headers: { 'Content-Type': 'text/plain' } }, 'headers'],
      ['a name with a space', { url: 'https://host.example/e', headers: { 'X Secret': 'x' } }, 'headers'],
      ['a number value', { url: 'https://host.example/e', headers: { 'X-Secret': 5 } }, 'headers'],
      ['a line break', { url: 'https://host.example/e', headers: { 'X-Secret': 'a\r\nX-Other: b' } }, 'headers'],
      ['a list', { url: 'https://host.example/e', headers: ['X-Secret'] }, 'headers'],
      ['an unknown key', { url: 'https://host.example/e', secret: 'x' }, 'secret'],
    ],
  },
];

describe('Emulator request validation (docs/id-scan-api.md §B3, §B6)', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ seed: 'validation', logger: false });
    api = new EmulatorApi(emulator);
  });
  afterAll(() => emulator.stop());

  describe.each([
    ['POST /transactions', 'transactions', transactionCases],
    ['POST /webhooks', 'webhooks', webhookCases],
  ])('%s', (_route, path, cases) => {
    describe.each(cases)('$rule', ({ pass, fail }) => {
      if (pass.length > 0) {
        it.each(pass)('accepts %s', async (_name, body) => {
          const { status } = await api.json('POST', path, body);
          expect(status).toBe(201);
        });
      }
      it.each(fail)('refuses %s', async (_name, body, field) => {
        const { status, body: error } = await api.json<ErrorBody>('POST', path, body);
        expect(status).toBe(400);
        expect(error).toEqual({
          code: 'validation_failed',
          message: expect.any(String) as unknown,
          details: expect.arrayContaining([{ field, message: expect.any(String) as unknown }]) as unknown,
        });
      });
    });
  });

  it('lists every problem of a request at once', async () => {
    const { status, body } = await api.json<ErrorBody>('POST', 'transactions', {
      tasks: ['face_match'],
      locale: 'de-DE',
      expiresIn: 60,
      settings: { documentScan: { minimumAge: 30, maximumAge: 20, captureSources: [] } },
      extra: true,
    });
    expect(status).toBe(400);
    expect(new Set(body.details?.map((detail) => detail.field))).toEqual(
      new Set([
        'tasks',
        'locale',
        'expiresIn',
        'settings.documentScan.minimumAge',
        'settings.documentScan.captureSources',
        'extra',
      ]),
    );
  });

  it('answers malformed JSON with 400 validation_failed', async () => {
    const response = await api.request('POST', 'transactions', '{"tasks": [');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'validation_failed',
      message: 'The request body is not valid JSON',
      details: [{ field: 'body', message: 'body must be valid JSON' }],
    });
  });

  it.each([
    ['a JSON array', '[]'],
    ['an empty body', ''],
  ])('refuses %s as the body', async (_name, raw) => {
    const response = await api.request('POST', 'transactions', raw, { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it.each([
    ['GET', 'nothing-here'],
    ['POST', 'transactions/abc/cancel'],
    ['GET', '../../unknown'],
  ])('answers %s %s (an unknown route) with 404 not_found', async (method, path) => {
    const response = await api.request(method, path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ code: 'not_found', message: expect.any(String) as unknown });
  });

  it('refuses an unknown report type', async () => {
    const { status, body } = await api.json<ErrorBody>('GET', 'transactions/x/results/y/report?type=sealed');
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'validation_failed', details: [{ field: 'type' }] });
  });
});
