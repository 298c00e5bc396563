import { SignJWT, type JWTPayload } from 'jose';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { signToken } from './support/emulator-client';

const second = { keyId: 'second-key', secret: 'a-second-secret-that-is-long-enough-1234' };

describe('Emulator authentication (docs/id-scan-api.md §B2)', () => {
  let emulator: IdScanEmulator;
  let first: { keyId: string; secret: string };

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({
      credentials: [{ keyId: '9f1c2d3e-4b5a-4c6d-8e7f-001122334455', secret: 'S'.repeat(54) }, second],
    });
    first = { ...emulator.credentials[0] };
  });
  afterAll(() => emulator.stop());

  const now = (): number => Math.floor(Date.now() / 1000);
  const key = (secret = first.secret): Uint8Array => new TextEncoder().encode(secret);

  function custom(payload: JWTPayload, header: Record<string, unknown> = {}, secret?: string): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: first.keyId, ...header })
      .sign(key(secret));
  }

  function call(authorization: string | undefined): Promise<Response> {
    return fetch(new URL('webhooks', emulator.url), {
      headers: authorization === undefined ? {} : { authorization },
    });
  }

  async function expectRejected(authorization: string | undefined, reason: RegExp): Promise<void> {
    const response = await call(authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ code: 'unauthorized', message: expect.stringMatching(reason) as unknown });
    const token = authorization?.split(' ')[1];
    if (token) expect(body.message).not.toContain(token);
  }

  const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('accepts a token as docs/id-scan-api.md §B2 describes it, for every configured key', async () => {
    expect((await call(`Bearer ${await signToken({ credentials: first })}`)).status).toBe(200);
    expect((await call(`Bearer ${await signToken({ credentials: second })}`)).status).toBe(200);
    expect((await call(`bearer ${await signToken({ credentials: first })}`)).status).toBe(200);
  });

  it('accepts nbf up to 5 s ahead and a lifetime of exactly 3600 s', async () => {
    const t = now();
    expect((await call(`Bearer ${await custom({ iat: t, nbf: t + 4, exp: t + 60 })}`)).status).toBe(200);
    expect((await call(`Bearer ${await custom({ iat: t, nbf: t, exp: t + 3600 })}`)).status).toBe(200);
  });

  const cases: [string, () => Promise<string | undefined>, RegExp][] = [
    ['no Authorization header', () => Promise.resolve(undefined), /missing/],
    ['an empty Authorization header', () => Promise.resolve(''), /missing/],
    ['the Basic scheme', () => Promise.resolve('Basic dXNlcjpwYXNz'), /Bearer/],
    ['a JWT under another scheme', async () => `Token ${await signToken({ credentials: first })}`, /Bearer/],
    ['Bearer without a token', () => Promise.resolve('Bearer'), /Bearer/],
    ['a token that is not a JWT', () => Promise.resolve('Bearer not-a-jwt'), /well-formed/],
    [
      'alg none',
      () => {
        const t = now();
        const header = base64url({ alg: 'none', typ: 'JWT', kid: first.keyId });
        return Promise.resolve(`Bearer ${header}.${base64url({ iat: t, nbf: t, exp: t + 60 })}.`);
      },
      /HS256/,
    ],
    [
      'HS512',
      async () => {
        const t = now();
        const token = await new SignJWT({ iat: t, nbf: t, exp: t + 60 })
          .setProtectedHeader({ alg: 'HS512', typ: 'JWT', kid: first.keyId })
          .sign(key());
        return `Bearer ${token}`;
      },
      /HS256/,
    ],
    [
      'a missing typ',
      async () => `Bearer ${await custom({ iat: now(), nbf: now(), exp: now() + 60 }, { typ: undefined })}`,
      /typ/,
    ],
    [
      'typ other than JWT',
      async () => `Bearer ${await custom({ iat: now(), nbf: now(), exp: now() + 60 }, { typ: 'at+jwt' })}`,
      /typ/,
    ],
    [
      'an unknown kid',
      async () => `Bearer ${await custom({ iat: now(), nbf: now(), exp: now() + 60 }, { kid: 'nobody' })}`,
      /kid/,
    ],
    [
      'no kid',
      async () => `Bearer ${await custom({ iat: now(), nbf: now(), exp: now() + 60 }, { kid: undefined })}`,
      /kid/,
    ],
    [
      'a bad signature',
      async () =>
        `Bearer ${await custom({ iat: now(), nbf: now(), exp: now() + 60 }, {}, 'another-secret-entirely-of-length-40xx')}`,
      /signature/,
    ],
    [
      "another key's secret",
      async () => `Bearer ${await custom({ iat: now(), nbf: now(), exp: now() + 60 }, {}, second.secret)}`,
      /signature/,
    ],
    ['a missing iat', async () => `Bearer ${await custom({ nbf: now(), exp: now() + 60 })}`, /iat/],
    ['a missing nbf', async () => `Bearer ${await custom({ iat: now(), exp: now() + 60 })}`, /nbf/],
    ['a missing exp', async () => `Bearer ${await custom({ iat: now(), nbf: now() })}`, /exp/],
    [
      'a fractional iat',
      async () => `Bearer ${await custom({ iat: now() + 0.5, nbf: now(), exp: now() + 60 })}`,
      /integer/,
    ],
    [
      'a fractional nbf',
      async () => `Bearer ${await custom({ iat: now(), nbf: now() - 0.5, exp: now() + 60 })}`,
      /integer/,
    ],
    [
      'a fractional exp',
      async () => `Bearer ${await custom({ iat: now(), nbf: now(), exp: now() + 60.25 })}`,
      /integer/,
    ],
    [
      'a string exp',
      async () => `Bearer ${await custom({ iat: now(), nbf: now(), exp: String(now() + 60) as unknown as number })}`,
      /exp/,
    ],
    [
      'a string iat',
      async () => `Bearer ${await custom({ iat: String(now()) as unknown as number, nbf: now(), exp: now() + 60 })}`,
      /iat/,
    ],
    [
      'nbf more than 5 s ahead',
      async () => `Bearer ${await custom({ iat: now(), nbf: now() + 30, exp: now() + 90 })}`,
      /not valid yet/,
    ],
    [
      'exp in the past',
      async () => `Bearer ${await custom({ iat: now() - 120, nbf: now() - 120, exp: now() - 2 })}`,
      /expired/,
    ],
    [
      'a lifetime over 3600 s',
      async () => `Bearer ${await custom({ iat: now(), nbf: now(), exp: now() + 3601 })}`,
      /3600/,
    ],
  ];

  it.each(cases)('rejects %s with 401 unauthorized', async (_name, authorization, reason) => {
    await expectRejected(await authorization(), reason);
  });

  it('guards every API route', async () => {
    const routes: [string, string][] = [
      ['POST', 'transactions'],
      ['GET', 'transactions/5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d'],
      ['GET', 'transactions/5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d/results/8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d'],
      ['GET', 'transactions/5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d/results/8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d/report'],
      ['GET', 'downloads/Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz'],
      ['POST', 'webhooks'],
      ['GET', 'webhooks'],
      ['DELETE', 'webhooks/5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d'],
    ];
    for (const [method, path] of routes) {
      const response = await fetch(new URL(path, emulator.url), { method });
      expect([method, path, response.status]).toEqual([method, path, 401]);
      expect(await response.json()).toMatchObject({ code: 'unauthorized' });
    }
  });
});

describe('Emulator authentication clock', () => {
  it.each([
    ['wall', 200],
    ['emulated', 401],
  ] as const)('with authClock %s, a token after advanceClock(10 min) answers %i', async (authClock, status) => {
    const emulator = await IdScanEmulator.start({ authClock, logger: false });
    try {
      emulator.advanceClock(600_000);
      const token = await signToken({ credentials: emulator.credentials[0] });
      const response = await fetch(new URL('webhooks', emulator.url), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(status);
    } finally {
      await emulator.stop();
    }
  });
});
