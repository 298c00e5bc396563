import { Logger } from '@nestjs/common';
import { inspect } from 'node:util';
import { IdScanConfigurationError } from '../errors/id-scan-configuration.error';
import type { IdScanModuleOptions } from '../interfaces/id-scan-module-options.interface';
import { InMemoryTransactionStore } from '../stores/in-memory-transaction.store';
import { DEFAULT_BASE_URL } from './resolve-base-url.util';
import { resolveIdScanOptions } from './resolve-id-scan-options.util';

const SECRET = 'Zx81SecretThatMustNeverAppearInLogsOrErrors0123456789Q';
const WEBHOOK_SECRET = 'whsec-never-printed-0123456789';
const valid: IdScanModuleOptions = { keyId: '9f1c2d3e-4b5a-4c6d-8e7f-001122334455', secret: SECRET };

/** What resolving `options` throws, or `undefined` when it does not throw. */
function thrownBy(options: unknown): unknown {
  return Promise.resolve()
    .then(() => resolveIdScanOptions(options as IdScanModuleOptions))
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

/** The problems listed by the `IdScanConfigurationError` that resolving `options` throws (none when it does not). */
async function problemsOf(options: unknown): Promise<string[]> {
  const error = await thrownBy(options);
  if (error === undefined) return [];
  expect(error).toBeInstanceOf(IdScanConfigurationError);
  return [...(error as IdScanConfigurationError).problems];
}

const show = (value: unknown): string => inspect(value, { depth: 1, breakLength: Infinity });

describe('resolveIdScanOptions', () => {
  it('applies the defaults and freezes the result', () => {
    const resolved = resolveIdScanOptions(valid);
    expect(resolved).toMatchObject({
      keyId: valid.keyId,
      secret: SECRET,
      baseUrl: DEFAULT_BASE_URL,
      tokenTtlSeconds: 60,
      timeoutMs: 30_000,
      maxRetries: 2,
      callbacks: { successRedirect: '/', failureRedirect: '/' },
      webhooks: { secrets: [], headerName: 'x-id-scan-webhook-secret' },
    });
    expect(resolved.store).toBeInstanceOf(InMemoryTransactionStore);
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(Object.isFrozen(resolved.callbacks)).toBe(true);
    expect(Object.isFrozen(resolved.webhooks)).toBe(true);
    expect(Object.isFrozen(resolved.webhooks.secrets)).toBe(true);
  });

  it.each([
    ['http://127.0.0.1:3100/id-scan/v1', 'http://127.0.0.1:3100/id-scan/v1/'],
    ['https://api.cm.com/id-scan/v1/', 'https://api.cm.com/id-scan/v1/'],
    ['https://proxy.example', 'https://proxy.example/'],
  ])('normalises baseUrl %s to end with a slash', (baseUrl, expected) => {
    expect(resolveIdScanOptions({ ...valid, baseUrl }).baseUrl).toBe(expected);
  });

  it('keeps the given values', () => {
    const store = new InMemoryTransactionStore();
    const resolved = resolveIdScanOptions({
      ...valid,
      tokenTtlSeconds: 3600,
      timeoutMs: 1,
      maxRetries: 0,
      callbacks: { successRedirect: '/verified?ok=1', failureRedirect: '/failed' },
      webhooks: { secrets: [WEBHOOK_SECRET], headerName: 'X-Hook-Token' },
      store,
    });
    expect(resolved).toMatchObject({
      tokenTtlSeconds: 3600,
      timeoutMs: 1,
      maxRetries: 0,
      callbacks: { successRedirect: '/verified?ok=1', failureRedirect: '/failed' },
      webhooks: { secrets: [WEBHOOK_SECRET], headerName: 'x-hook-token' },
    });
    expect(resolved.store).toBe(store);
  });

  describe.each([
    // [option, a valid value, an invalid value]
    ['keyId', 'key', ''],
    ['keyId', 'key', undefined],
    ['secret', SECRET, '   '],
    ['secret', SECRET, 42],
    ['baseUrl', 'https://api.cm.com/id-scan/v1/', 'api.cm.com/id-scan/v1'],
    ['baseUrl', 'http://localhost:3100/id-scan/v1/', 'ftp://api.cm.com/'],
    ['baseUrl', 'https://api.cm.com/', 'https://user:pw@api.cm.com/'],
    ['baseUrl', 'https://api.cm.com/', 'https://api.cm.com/?x=1'],
    ['baseUrl', 'http://127.0.0.1:3100/id-scan/v1/', 'http://api.cm.com/id-scan/v1/'],
    ['baseUrl', 'http://[::1]:3100/id-scan/v1/', 'http://127.0.0.1.example.com/id-scan/v1/'],
    ['baseUrl', 'http://127.200.3.4/id-scan/v1/', 'http://localhost.example.com/id-scan/v1/'],
    ['baseUrl', 'https://api.cm.com/id-scan/v1/', 'https://api.cm.com/id-scan/v1/#results'],
    ['baseUrl', 'https://api.cm.com/id-scan/v1/', 'https://api.cm.com/id-scan/v1/?'],
    ['tokenTtlSeconds', 1, 0],
    ['tokenTtlSeconds', 3600, 3601],
    ['tokenTtlSeconds', 60, 1.5],
    ['timeoutMs', 1, 0],
    ['timeoutMs', 5000, '5000'],
    ['timeoutMs', 600_000, 2 ** 31],
    ['timeoutMs', 600_000, 600_001],
    ['maxRetries', 0, -1],
    ['maxRetries', 10, 11],
    ['maxRetries', 3, 2.5],
    ['callbacks', {}, 'yes'],
    ['callbacks', { successRedirect: '/done' }, { successRedirect: 'https://evil.example/' }],
    ['callbacks', { successRedirect: '/done' }, { successRedirect: '//evil.example/' }],
    ['callbacks', { failureRedirect: '/oops' }, { failureRedirect: '/\\evil.example/' }],
    ['callbacks', { failureRedirect: '/oops' }, { failureRedirect: '/\t/evil.example/' }],
    ['callbacks', { failureRedirect: '/oops' }, { failureRedirect: 'javascript:alert(1)' }],
    ['callbacks', { failureRedirect: '/oops' }, { failureRedirect: 'oops' }],
    ['webhooks', { secrets: [WEBHOOK_SECRET] }, { secrets: WEBHOOK_SECRET }],
    ['webhooks', { secrets: [WEBHOOK_SECRET] }, { secrets: ['short-secret'] }],
    ['webhooks', { secrets: [WEBHOOK_SECRET] }, { secrets: [WEBHOOK_SECRET, ''] }],
    ['webhooks', { secrets: ['!~'.repeat(8)] }, { secrets: ['ü'.repeat(16)] }],
    ['webhooks', { secrets: [WEBHOOK_SECRET] }, { secrets: [' '.repeat(16)] }],
    ['webhooks', { secrets: [WEBHOOK_SECRET] }, { secrets: ['two words that never match'] }],
    ['webhooks', { secrets: [WEBHOOK_SECRET] }, { secrets: [`${WEBHOOK_SECRET}\u00a0x`] }],
    ['webhooks', { secrets: [], headerName: 'authorization' }, { secrets: [], headerName: 'x hook' }],
    ['webhooks', { secrets: [], headerName: 'X-Token' }, { secrets: [], headerName: 'content-type' }],
    ['store', new InMemoryTransactionStore(), { save: () => undefined, get: () => undefined }],
  ])('%s', (option, good, bad) => {
    it(`accepts ${show(good)}`, async () => {
      await expect(problemsOf({ ...valid, [option]: good })).resolves.toEqual([]);
    });

    it(`refuses ${show(bad)} with a problem naming ${option}`, async () => {
      const problems = await problemsOf({ ...valid, [option]: bad });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(option);
    });
  });

  describe('whitespace around a credential (a value read from a file)', () => {
    /** Whether `text` holds any 6 consecutive characters of `secret`, that is, any recognisable part of it. */
    const holdsPartOf = (text: string, secret: string): boolean =>
      Array.from({ length: secret.length - 5 }, (_, i) => secret.slice(i, i + 6)).some((part) => text.includes(part));

    it.each([
      ['keyId', { keyId: `${valid.keyId}\n` }, valid.keyId],
      ['keyId', { keyId: ` ${valid.keyId}` }, valid.keyId],
      ['secret', { secret: `${SECRET}\n` }, SECRET],
      ['secret', { secret: `\t${SECRET}` }, SECRET],
      ['secret', { secret: `${SECRET}\r\n` }, SECRET],
      ['webhooks.secrets[1]', { webhooks: { secrets: [WEBHOOK_SECRET, `${WEBHOOK_SECRET}x\n`] } }, WEBHOOK_SECRET],
      ['webhooks.secrets[0]', { webhooks: { secrets: [` ${WEBHOOK_SECRET}`] } }, WEBHOOK_SECRET],
    ])('refuses %s with whitespace at an end, names the fix and prints no part of it', async (name, change, value) => {
      const error = await thrownBy({ ...valid, ...change });
      expect(error).toBeInstanceOf(IdScanConfigurationError);
      const { problems, message } = error as IdScanConfigurationError;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name.replace(/[[\]]/g, '\\$&')} `));
      expect(problems[0]).toContain('a trailing newline from a file?');
      expect(problems[0]).toContain('.trim()');
      const printed = [message, JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');
      expect(holdsPartOf(printed, value)).toBe(false);
    });

    it('leaves whitespace inside a credential alone (only its ends are never part of it)', () => {
      expect(resolveIdScanOptions({ ...valid, secret: 'two words that are a valid secret' }).secret).toBe(
        'two words that are a valid secret',
      );
    });
  });

  describe('webhook secrets that could never match a delivery', () => {
    it.each([
      ['16 × ü', 'ü'.repeat(16)],
      ['16 spaces', ' '.repeat(16)],
      ['a tab inside', `${WEBHOOK_SECRET.slice(0, 10)}\t${WEBHOOK_SECRET.slice(10)}`],
      ['an emoji', `${WEBHOOK_SECRET}\u{1f511}`],
    ])('refuses %s, naming the option and the rule, quoting nothing of it', async (_, secret) => {
      const error = await thrownBy({ ...valid, webhooks: { secrets: [WEBHOOK_SECRET, secret] } });
      expect(error).toBeInstanceOf(IdScanConfigurationError);
      const { problems, message } = error as IdScanConfigurationError;
      expect(problems).toEqual([
        expect.stringMatching(/^webhooks\.secrets\[1\] must be visible ASCII only \(characters 0x21 to 0x7E/),
      ]);
      expect(message).not.toContain(secret);
      expect(message).not.toContain(WEBHOOK_SECRET);
    });

    it('accepts every visible ASCII character', () => {
      const all = String.fromCharCode(...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => 0x21 + i));
      expect(resolveIdScanOptions({ ...valid, webhooks: { secrets: [all] } }).webhooks.secrets).toEqual([all]);
    });
  });

  describe('durations a Node timer cannot hold', () => {
    it('refuses timeoutMs 2^31, saying why, in the one error with every other problem', async () => {
      const problems = await problemsOf({
        ...valid,
        timeoutMs: 2 ** 31,
        delivery: { retryDelaysMs: [Number.MAX_SAFE_INTEGER] },
        expirySweep: { intervalMs: 2 ** 32 },
      });
      expect(problems).toEqual([
        'timeoutMs must be an integer of milliseconds from 1 to 600000 (default 30000); a Node timer cannot hold ' +
          'more than 2147483647 ms.',
        expect.stringContaining('delivery.retryDelaysMs must be an array of at most 50 integers from 0 to 86400000'),
        expect.stringMatching(/^expirySweep\.intervalMs .* from 10 to 86400000 .*; a Node timer cannot hold/),
      ]);
    });

    it('accepts the largest value of each range', () => {
      const resolved = resolveIdScanOptions({
        ...valid,
        timeoutMs: 600_000,
        delivery: { retryDelaysMs: [86_400_000] },
        expirySweep: { intervalMs: 86_400_000 },
      });
      expect(resolved).toMatchObject({ timeoutMs: 600_000, expirySweep: { intervalMs: 86_400_000 } });
    });
  });

  describe('baseUrl that cannot work or would leak', () => {
    it.each([
      ['http://api.cm.com/id-scan/v1/', 'must use https', 'loopback host'],
      ['http://10.0.0.5:3100/id-scan/v1/', 'must use https', 'https://api.cm.com/id-scan/v1/'],
      ['https://api.cm.com/id-scan/v1/?env=test', 'must not have a query', 'Remove them'],
      ['https://api.cm.com/id-scan/v1/#x', 'must not have a query (?...) or a fragment', 'Remove them'],
    ])('refuses %s with a message naming baseUrl and the fix', async (baseUrl, what, fix) => {
      const problems = await problemsOf({ ...valid, baseUrl });
      expect(problems).toEqual([expect.stringContaining(`baseUrl ${what}`)]);
      expect(problems[0]).not.toContain(baseUrl);
      expect(problems[0]).toContain(fix);
    });

    it.each(['http://localhost:3100/id-scan/v1/', 'http://127.0.0.1:1/id-scan/v1/', 'http://[::1]/id-scan/v1/'])(
      'accepts plain http for the loopback host of %s',
      (baseUrl) => {
        expect(resolveIdScanOptions({ ...valid, baseUrl }).baseUrl).toBe(baseUrl);
      },
    );
  });

  describe('baseUrl path', () => {
    let warn: jest.SpyInstance;
    beforeEach(() => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => warn.mockRestore());

    it.each(['https://api.cm.com', 'https://api.cm.com/id-scan/', 'https://api.cm.com/id-scan/v2/'])(
      "warns once, naming CM.com's base URL, when %s does not end in /id-scan/v1/",
      (baseUrl) => {
        resolveIdScanOptions({ ...valid, baseUrl });
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining(`does not end in /id-scan/v1/`));
        expect(warn).toHaveBeenCalledWith(expect.stringContaining(`CM.com's base URL is ${DEFAULT_BASE_URL}`));
      },
    );

    it.each([undefined, 'https://gateway.example/cm/id-scan/v1', 'http://127.0.0.1:3100/id-scan/v1/'])(
      'does not warn for %s',
      (baseUrl) => {
        resolveIdScanOptions({ ...valid, baseUrl });
        expect(warn).not.toHaveBeenCalled();
      },
    );
  });

  it('refuses unknown options (a typo would otherwise be ignored)', async () => {
    await expect(problemsOf({ ...valid, timeout: 5000 })).resolves.toEqual([
      expect.stringContaining('unknown option "timeout"'),
    ]);
  });

  it('refuses options that are not an object', async () => {
    await expect(problemsOf(undefined)).resolves.toEqual([expect.stringContaining('must be an object')]);
  });

  it('lists every problem in one error and never prints a secret', async () => {
    const options = {
      keyId: '',
      secret: 'short',
      baseUrl: 'nope',
      tokenTtlSeconds: 0,
      timeoutMs: -1,
      maxRetries: 99,
      callbacks: { successRedirect: '//evil.example', failureRedirect: 'https://evil.example' },
      webhooks: { secrets: [WEBHOOK_SECRET, 'tiny-secret'], headerName: 'bad header' },
      store: {},
    };
    const error = await thrownBy(options);
    expect(error).toBeInstanceOf(IdScanConfigurationError);

    const { problems, message } = error as IdScanConfigurationError;
    expect(problems).toHaveLength(10);
    for (const name of [
      'keyId',
      'baseUrl',
      'tokenTtlSeconds',
      'timeoutMs',
      'maxRetries',
      'callbacks.successRedirect',
      'callbacks.failureRedirect',
      'webhooks.secrets[1]',
      'webhooks.headerName',
      'store',
    ]) {
      expect(message).toContain(name);
    }
    const printed = [message, JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');
    expect(printed).not.toContain(WEBHOOK_SECRET);
    expect(printed).not.toContain('tiny-secret');

    const withRealSecret = await thrownBy({ ...valid, baseUrl: 'nope' });
    expect(withRealSecret).toBeInstanceOf(IdScanConfigurationError);
    expect(`${JSON.stringify(withRealSecret)}${inspect(withRealSecret, { depth: 10 })}`).not.toContain(SECRET);
  });
});

describe('resolveIdScanOptions: delivery and expirySweep', () => {
  it('defaults to in-process retries with the documented delays and a sweep every minute', () => {
    const resolved = resolveIdScanOptions(valid);
    expect(resolved.delivery).toEqual({ retryDelaysMs: [1000, 5000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000] });
    expect(resolved.expirySweep).toEqual({ intervalMs: 60_000 });
    expect(Object.isFrozen(resolved.delivery.retryDelaysMs)).toBe(true);
  });

  it('takes retry delays, a queue with its defaults, and turns the sweep off with false', () => {
    const connection = { host: '127.0.0.1', port: 6390 };
    const resolved = resolveIdScanOptions({
      ...valid,
      delivery: { retryDelaysMs: [], queue: { connection } },
      expirySweep: false,
    });
    expect(resolved.delivery).toEqual({
      retryDelaysMs: [],
      queue: { connection, name: 'id-scan-deliveries', prefix: 'bull', concurrency: 1 },
    });
    expect(resolved.delivery.queue?.connection).toBe(connection);
    expect(resolved.expirySweep).toBe(false);
  });

  it.each<[string, unknown, string]>([
    ['a negative delay', { delivery: { retryDelaysMs: [100, -1] } }, 'delivery.retryDelaysMs'],
    ['a fractional delay', { delivery: { retryDelaysMs: [1.5] } }, 'delivery.retryDelaysMs'],
    ['delays that are not an array', { delivery: { retryDelaysMs: 1000 } }, 'delivery.retryDelaysMs'],
    ['a queue without a connection', { delivery: { queue: {} } }, 'delivery.queue.connection'],
    ['a queue name with a colon', { delivery: { queue: { connection: {}, name: 'a:b' } } }, 'delivery.queue.name'],
    ['a concurrency of 0', { delivery: { queue: { connection: {}, concurrency: 0 } } }, 'delivery.queue.concurrency'],
    ['a sweep interval of 0', { expirySweep: { intervalMs: 0 } }, 'expirySweep.intervalMs'],
    ['a sweep interval past a timer', { expirySweep: { intervalMs: 2 ** 31 } }, 'expirySweep.intervalMs'],
    ['a retry delay past a timer', { delivery: { retryDelaysMs: [1000, 2 ** 31] } }, 'delivery.retryDelaysMs'],
    ['a sweep that is true', { expirySweep: true }, 'expirySweep'],
  ])('refuses %s', async (_, extra, name) => {
    const problems = await problemsOf({ ...valid, ...(extra as object) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('reports a store missing the operations retried delivery needs', async () => {
    const old = { save: () => 0, get: () => 0, markCompleted: () => 0, markEventSeen: () => 0 };
    const problems = await problemsOf({ ...valid, store: old });
    expect(problems).toEqual([
      expect.stringContaining('missing: getCompletion, countResultCheck, leaseExpired, claimExpiry') as string,
    ]);
  });
});
