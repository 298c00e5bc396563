import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import * as fc from 'fast-check';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdScanEvents, IdScanModule, IdScanService, IdScanValidationError } from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { Pool } from 'undici';
import { ServerRequestCounter } from './support/server-requests';

/**
 * Generated inputs per route (and for `createTransaction`): enough for `npm test` to try every generator's corners,
 * few enough that the file stays a small share of the suite. `FUZZ_RUNS=5000 npx jest test/fuzz` explores deeper.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

// Each test sends its inputs one after another: on a machine busy with other work that takes a multiple of the
// quiet time, which is no hang. A hang (a route that never answers) still ends here rather than never.
jest.setTimeout(120_000);

// A fresh seed on every local run explores new inputs; CI replays one fixed seed, so a landing cannot hinge on a
// draw. A failure prints its seed: `FUZZ_SEED=<seed> npx jest test/fuzz` replays it.
const seedFromEnv = process.env.FUZZ_SEED ?? (process.env.CI === 'true' ? '20261126' : undefined);
if (seedFromEnv !== undefined) fc.configureGlobal({ seed: Number(seedFromEnv) });
const WEBHOOK_SECRET = 'fuzz-webhook-secret-5f0c2b7e9a14d3c8';
const WEBHOOK_HEADER = 'x-id-scan-webhook-secret';
const TASK_COMBINATIONS = [
  ['document_scan'],
  ['document_scan', 'face_liveness'],
  ['document_scan', 'face_liveness', 'face_match'],
];

/** Every domain event the package emits, by name. */
@Injectable()
class EventTally {
  readonly counts = new Map<string, number>();

  constructor(events: EventEmitter2) {
    events.onAny((name: string | string[]) => {
      const key = Array.isArray(name) ? name.join('.') : name;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    });
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  of(name: string): number {
    return this.counts.get(name) ?? 0;
  }
}

/** One HTTP request the fuzzer sends, and whether the input may legitimately cause a call to the API. */
interface Probe {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Only an input naming the one transaction this application started may make the package call the API. */
  mayReachApi: boolean;
}

/** Percent-encodes every byte but the unreserved ones; lone surrogates become U+FFFD, as any browser would send. */
function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Fragments sent unencoded: every character here is one a client may put in a request target. */
const RAW_FRAGMENTS = [
  '../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f',
  '....//',
  '..;/',
  '%00',
  '%zz',
  '%',
  '%%',
  '%E0%A4%A',
  '&&&',
  '=',
  'a=b=c',
  '[]',
  '[[]]',
  '{}',
  '<script>alert(1)</script>',
  '"\'',
  '|;,',
  '__proto__',
  'constructor',
  'prototype',
];

/** Inputs fast-check may not draw on its own that once made `createTransaction` throw a raw TypeError. */
const NASTY_CREATE_INPUTS: [unknown, unknown][] = [
  [new Map([[Object.create(null) as object, 1]]), undefined],
  [
    {
      tasks: ['document_scan'],
      settings: { documentScan: new Map([[Object.create(null) as object, 1]]) },
    },
    undefined,
  ],
];

describe('fuzzing the routes and createTransaction (fast-check, e2e over loopback HTTP)', () => {
  let emulator: IdScanEmulator;
  let app: INestApplication;
  let pool: Pool;
  let upstream: ServerRequestCounter;
  let events: EventTally;
  let service: IdScanService;
  /**
   * The one transaction this application started for the current test; still pending, so no signal can complete it.
   * A fresh one per test: the package checks at most 5 result ids a minute per transaction with the API.
   */
  let knownId: string;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    const { keyId, secret } = emulator.credentials[0];

    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        IdScanModule.forRoot({
          keyId,
          secret,
          baseUrl: emulator.url,
          maxRetries: 0,
          webhooks: { secrets: [WEBHOOK_SECRET] },
          callbacks: {
            successRedirect: '/verified',
            failureRedirect: '/not-verified',
          },
        }),
      ],
      providers: [EventTally],
    })
    class FuzzHostModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [FuzzHostModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    pool = new Pool(`http://127.0.0.1:${port}`, { connections: 4 });
    events = app.get(EventTally);
    service = app.get(IdScanService);
    upstream = new ServerRequestCounter(emulator.url);
  });

  afterAll(async () => {
    upstream?.close();
    await pool?.close();
    await app?.close();
    await emulator?.stop();
  });

  afterAll(() => {
    // Nothing the fuzzer sent (`__proto__` keys in JSON and query strings) reached the shared prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).filter((name) => /polluted|fuzz/i.test(name))).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  /** API calls the probes of the current test caused: proof that the counter counts and the inputs reach deep. */
  let apiCalls = 0;
  beforeEach(async () => {
    apiCalls = 0;
    knownId = (await service.createTransaction({ tasks: ['document_scan'] })).id;
  });

  /** Sends a probe; a 5xx, an API call for an input that does not name the transaction, or an event fails it. */
  async function send(probe: Probe): Promise<void> {
    const apiBefore = upstream.count;
    const eventsBefore = events.total;
    const tasksBefore = events.of(IdScanEvents.TaskUpdated);
    const { statusCode, body } = await pool.request({
      method: probe.method,
      path: probe.path,
      headers: probe.headers,
      body: probe.body,
    });
    await body.dump();
    apiCalls += upstream.count - apiBefore;
    const describe = `${probe.method} ${probe.path.slice(0, 200)} answered ${statusCode}`;
    if (statusCode < 200 || statusCode >= 500) throw new Error(`${describe}: not 2xx/3xx/4xx`);
    if (!probe.mayReachApi && upstream.count !== apiBefore) {
      throw new Error(`${describe}: made ${upstream.count - apiBefore} API calls for an input it should refuse`);
    }
    // A valid, authenticated task event for the known (pending) transaction may be announced; nothing else.
    const allowed = probe.mayReachApi ? events.of(IdScanEvents.TaskUpdated) - tasksBefore : 0;
    if (events.total - eventsBefore !== allowed) throw new Error(`${describe}: emitted a domain event`);
  }

  const text = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_FRAGMENTS) },
  );

  /** Oversized values: merely long, or beyond Node's 16 KiB header limit (431). */
  const oversized = fc.nat({ max: 24_000 }).map((length) => 'x'.repeat(length + 1000));

  /** Query keys: ours, array and object notations, prototype keys, and anything else. */
  const queryKey = fc.oneof(
    fc.constantFrom(
      'trxid',
      'resultid',
      'trxid[]',
      'resultid[0]',
      'trxid[__proto__]',
      '__proto__',
      '__proto__[trxid]',
      'constructor[prototype][polluted]',
      'TRXID',
      'resultId',
    ),
    text,
  );

  /** A query string, mostly percent-encoded, sometimes with raw fragments; sometimes naming the known transaction. */
  const query = fc
    .tuple(
      fc.array(fc.tuple(queryKey, fc.oneof(text, fc.constant('KNOWN'))), {
        maxLength: 6,
      }),
      fc.nat({ max: 4 }),
      fc.option(fc.constantFrom(...RAW_FRAGMENTS), { nil: undefined }),
      fc.option(oversized, { nil: undefined, freq: 10 }),
    )
    .map(([pairs, shape, raw, long]) => {
      const parts = pairs.map(
        ([key, value]) => `${percentEncode(key)}=${value === 'KNOWN' ? 'KNOWN' : percentEncode(value)}`,
      );
      // One in five starts well-formed, naming the known transaction: the path that does call the API.
      if (shape === 0) parts.unshift('trxid=KNOWN', 'resultid=5a3b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d');
      if (raw !== undefined) parts.push(raw);
      if (long !== undefined) parts.push(`resultid=${long}`);
      return parts.join('&');
    });

  /** Replaces the KNOWN placeholder with the known transaction's id (only known once the suite started). */
  function resolveKnown(value: string): {
    value: string;
    mayReachApi: boolean;
  } {
    return {
      value: value.replaceAll('KNOWN', knownId),
      mayReachApi: value.includes('KNOWN'),
    };
  }

  const contentType = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'application/json; charset=bogus',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=fuzz',
    'application/xml',
    'application/octet-stream',
    '',
    'application/vnd.api+json',
  );

  /** Bodies: JSON values, prototype-polluting JSON, broken JSON, bytes that are not UTF-8, oversized bodies. */
  function bodies(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<string | Buffer> {
    return fc.oneof(
      {
        weight: 4,
        arbitrary: shaped.map((value) => JSON.stringify(value) ?? 'null'),
      },
      {
        weight: 2,
        arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '{"__proto__":{"polluted":"yes"},"resultId":"5a3b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d"}',
          '{"constructor":{"prototype":{"polluted":"yes"}}}',
          '{"resultId":{"__proto__":{"polluted":"yes"}}}',
          '{',
          '{"resultId":',
          '[]',
          'null',
          '"KNOWN"',
          '',
          'resultId=5a3b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
          '--fuzz\r\nContent-Disposition: form-data; name="resultId"\r\n\r\nx\r\n--fuzz--',
          '<resultId>x</resultId>',
        ),
      },
      {
        weight: 1,
        arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      },
      {
        weight: 1,
        arbitrary: fc.constant(`{"resultId":"${'a'.repeat(150_000)}"}`),
      },
      { weight: 1, arbitrary: deepBodies },
      { weight: 1, arbitrary: wideBodies },
    );
  }

  /**
   * Nesting from harmless to far past the stack of a recursive walker, within the 100 KB body limit: arrays,
   * objects, or both in turn, under a key the routes read or at the top.
   */
  const deepBodies = fc
    .tuple(
      fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 15_000 })),
      fc.constantFrom('array', 'object', 'mixed'),
      fc.constantFrom('resultId', 'transaction', 'task', 'extra', ''),
    )
    .map(([levels, kind, key]) => {
      const open = Array.from({ length: levels }, (_, level) =>
        kind === 'array' || (kind === 'mixed' && level % 2 === 0) ? '[' : '{"a":',
      );
      const close = open.map((token) => (token === '[' ? ']' : '}')).reverse();
      const value = `${open.join('')}${kind === 'array' ? '' : '1'}${close.join('')}`;
      return key === '' ? value : `{"${key}":${value}}`;
    });

  /** Wide arrays of scalars or small objects, at the top or under a key the routes read. */
  const wideBodies = fc
    .tuple(
      fc.integer({ min: 1, max: 20_000 }),
      fc.constantFrom('0', '"x"', '{}', '[]', '{"resultId":"x"}', 'null'),
      fc.constantFrom('resultId', 'transaction', ''),
    )
    .map(([length, item, key]) => {
      const value = `[${Array.from({ length }, () => item).join(',')}]`;
      return key === '' ? value : `{"${key}":${value}}`;
    });

  function bodyOf(body: string | Buffer): {
    body: string | Buffer;
    mayReachApi: boolean;
  } {
    if (Buffer.isBuffer(body)) return { body, mayReachApi: false };
    const known = resolveKnown(body);
    return { body: known.value, mayReachApi: known.mayReachApi };
  }

  it.each(['return', 'scan-return'])(
    `GET /id-scan/%s answers every query 2xx/3xx/4xx, with no API call or event unless it names the transaction`,
    async (route) => {
      await fc.assert(
        fc.asyncProperty(query, async (raw) => {
          const { value, mayReachApi } = resolveKnown(raw);
          await send({
            method: 'GET',
            path: `/id-scan/${route}?${value}`,
            headers: {},
            mayReachApi,
          });
        }),
        { numRuns: RUNS },
      );
      // Inputs naming the transaction did reach the API: the counter works and the routes were exercised deeply.
      expect(apiCalls).toBeGreaterThan(0);
    },
  );

  it('POST /id-scan/transactions/:transactionId/complete answers every id, body and content type 2xx/3xx/4xx, with no API call or event unless it names the transaction', async () => {
    const transactionId = fc.oneof(
      fc.constant('KNOWN'),
      fc.uuid(),
      text.map(percentEncode),
      oversized,
      fc.constantFrom(
        '..',
        '.',
        '..%2F..%2Fevents',
        '%2e%2e',
        '..;',
        '....%2F%2F',
        '%2F',
        '%5C..%5C',
        'KNOWN%00',
        'KNOWN%2F..',
      ),
    );
    const shaped = fc.record(
      {
        resultId: fc.oneof(fc.uuid(), text, fc.jsonValue()),
        transactionId: fc.uuid(),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    // One in five is well-formed and names the transaction: the path that does call the API.
    const input = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(transactionId, bodies(shaped), contentType),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.constant('KNOWN'),
          fc.uuid().map((resultId) => JSON.stringify({ resultId })),
          fc.constant('application/json'),
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(input, async ([id, rawBody, type]) => {
        const path = resolveKnown(id);
        const body = bodyOf(rawBody);
        await send({
          method: 'POST',
          path: `/id-scan/transactions/${path.value}/complete`,
          headers: type ? { 'content-type': type } : {},
          body: body.body,
          mayReachApi: path.mayReachApi,
        });
      }),
      { numRuns: RUNS },
    );
    // Inputs naming the transaction did reach the API: the counter works and the routes were exercised deeply.
    expect(apiCalls).toBeGreaterThan(0);
  });

  it('POST /id-scan/events answers every secret, body and content type 2xx/3xx/4xx, with no API call unless an authenticated delivery names the transaction', async () => {
    const secret = fc.oneof(
      fc.constant(WEBHOOK_SECRET),
      fc.constant(undefined),
      fc.constant(''),
      fc.constant(WEBHOOK_SECRET.toUpperCase()),
      fc.constant(`${WEBHOOK_SECRET} `),
      fc.string({ minLength: 1, maxLength: 64 }).filter((value) => /^[\x21-\x7e]+$/.test(value)),
    );
    const delivery = fc.record(
      {
        id: fc.oneof(fc.uuid(), text),
        type: fc.oneof(fc.constantFrom('transaction.state.updated', 'task.state.updated'), text),
        created: fc.oneof(fc.constant('2025-03-01T10:07:45+00:00'), text),
        transaction: fc.oneof(
          fc.record(
            {
              id: fc.oneof(fc.constant('KNOWN'), fc.uuid(), text),
              state: fc.oneof(fc.constantFrom('completed', 'expired', 'pending'), text),
              resultId: fc.oneof(fc.uuid(), fc.constant(null), text),
            },
            { requiredKeys: [] },
          ),
          fc.jsonValue(),
        ),
        task: fc.oneof(
          fc.record(
            {
              type: fc.oneof(fc.constantFrom('document_scan', 'face_liveness', 'face_match'), text),
              state: fc.oneof(fc.constantFrom('pending', 'completed', 'failed'), text),
            },
            { requiredKeys: [] },
          ),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    );
    const wellFormed = fc
      .record({
        id: fc.uuid(),
        type: fc.constantFrom('transaction.state.updated', 'task.state.updated'),
        created: fc.constant('2025-03-01T10:07:45+00:00'),
        transaction: fc.record({
          id: fc.constant('KNOWN'),
          state: fc.constantFrom('completed', 'expired', 'pending'),
          resultId: fc.uuid(),
        }),
        task: fc.record({
          type: fc.constantFrom('document_scan', 'face_liveness', 'face_match'),
          state: fc.constantFrom('pending', 'completed', 'failed'),
        }),
      })
      .map((value) => JSON.stringify(value));
    // One in five is an authenticated, well-formed delivery naming the transaction: the path that calls the API.
    const input = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(secret, bodies(delivery), contentType) },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.constant<string | undefined>(WEBHOOK_SECRET),
          wellFormed,
          fc.constant('application/json'),
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(input, async ([given, rawBody, type]) => {
        const body = bodyOf(rawBody);
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        if (given !== undefined) headers[WEBHOOK_HEADER] = given;
        await send({
          method: 'POST',
          path: '/id-scan/events',
          headers,
          body: body.body,
          // Whitespace around a header value is not part of it (RFC 9110), so `secret ` arrives as the secret. A
          // configured secret with whitespace at an end is another matter: start-up refuses it (resolve options spec).
          mayReachApi: given?.trim() === WEBHOOK_SECRET && body.mayReachApi,
        });
      }),
      { numRuns: RUNS },
    );
    // Inputs naming the transaction did reach the API: the counter works and the routes were exercised deeply.
    expect(apiCalls).toBeGreaterThan(0);
  });

  it('createTransaction validates every input before any I/O: a created transaction, or an IdScanValidationError with no API call and no event', async () => {
    const url = fc.oneof(
      fc.constantFrom(
        'https://shop.example/return',
        'http://localhost:3000/return',
        'http://127.0.0.1/return?x=1',
        'http://evil.example/return',
        'javascript:alert(1)',
        'file:///etc/passwd',
        `https://example.com/${'a'.repeat(2100)}`,
      ),
      fc.webUrl(),
      text,
    );
    const documentScan = fc.record(
      {
        allowedExpiration: fc.oneof(fc.integer({ min: -4000, max: 4000 }), fc.anything()),
        redactFields: fc.oneof(fc.constant(['personal_number']), fc.array(text, { maxLength: 25 }), fc.anything()),
        captureSources: fc.oneof(fc.subarray(['camera', 'file']), fc.array(text), fc.anything()),
        level: fc.oneof(fc.constant('advanced'), text),
        minimumAge: fc.oneof(fc.integer({ min: -5, max: 160 }), fc.anything()),
        maximumAge: fc.oneof(fc.integer({ min: -5, max: 160 }), fc.anything()),
        validateFields: fc.oneof(fc.constant(['personal_number']), fc.array(text)),
        extractFields: fc.oneof(fc.constant(['document_number', 'portrait']), fc.array(text)),
      },
      { requiredKeys: [] },
    );
    const shaped = fc.record(
      {
        tasks: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...TASK_COMBINATIONS) },
          {
            weight: 1,
            arbitrary: fc.array(fc.constantFrom('document_scan', 'face_liveness', 'face_match', 'x')),
          },
          { weight: 1, arbitrary: fc.anything() },
        ),
        locale: fc.oneof(fc.constantFrom('en-US', 'nl-NL', 'fr-FR', 'en-GB', 'EN-us'), text),
        mobileOnly: fc.oneof(fc.boolean(), fc.anything()),
        expiresIn: fc.oneof(fc.integer({ min: 3000, max: 90_000 }), fc.double(), fc.anything()),
        returnUrl: url,
        scanReturnUrl: url,
        settings: fc.oneof(fc.record({ documentScan }, { requiredKeys: [] }), fc.anything()),
      },
      { requiredKeys: ['tasks'] },
    );
    const request = fc.oneof(
      { weight: 6, arbitrary: shaped },
      {
        weight: 1,
        arbitrary: fc
          .tuple(shaped, fc.dictionary(text, fc.jsonValue(), { maxKeys: 3 }))
          .map(([a, b]) => ({ ...b, ...a })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(
            '{"__proto__":{"tasks":["document_scan"]}}',
            '{"tasks":["document_scan"],"__proto__":{"polluted":1}}',
            '{"constructor":{"prototype":{"tasks":1}}}',
          )
          .map((json) => JSON.parse(json) as unknown),
      },
      {
        weight: 1,
        arbitrary: fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
      },
    );
    const reference = fc.oneof(
      fc.constant(undefined),
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.constant(''),
      fc.constant('r'.repeat(257)),
      fc.anything(),
    );
    let created = 0;
    await fc.assert(
      fc.asyncProperty(request, reference, async (input, ref) => {
        const apiBefore = upstream.count;
        const createdBefore = events.of(IdScanEvents.TransactionCreated);
        const eventsBefore = events.total;
        const outcome = await service
          .createTransaction(input as Record<string, unknown>, {
            reference: ref as string,
          })
          .then(
            () => 'created' as const,
            (error: unknown) => error,
          );
        if (outcome === 'created') {
          created++;
          expect(upstream.count - apiBefore).toBe(1);
          expect(events.of(IdScanEvents.TransactionCreated) - createdBefore).toBe(1);
          expect(events.total - eventsBefore).toBe(1);
        } else {
          expect(outcome).toBeInstanceOf(IdScanValidationError);
          expect(upstream.count).toBe(apiBefore);
          expect(events.total).toBe(eventsBefore);
        }
      }),
      { numRuns: RUNS, examples: NASTY_CREATE_INPUTS },
    );
    // The generator reaches both sides: some inputs are valid and create a transaction.
    expect(created).toBeGreaterThan(0);
  });
});
