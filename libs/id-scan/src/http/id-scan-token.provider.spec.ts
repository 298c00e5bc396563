import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { FakeClock } from '../testing/fake-clock.util';
import { resolveIdScanOptions } from '../utils/resolve-id-scan-options.util';
import { IdScanTokenProvider } from './id-scan-token.provider';

const KEY_ID = '9f1c2d3e-4b5a-4c6d-8e7f-001122334455';
const SECRET = 'Zx81SecretThatMustNeverAppearInLogsOrErrors0123456789Q';

function provider(tokenTtlSeconds = 60, clock = new FakeClock()): { tokens: IdScanTokenProvider; clock: FakeClock } {
  return {
    tokens: new IdScanTokenProvider(resolveIdScanOptions({ keyId: KEY_ID, secret: SECRET, tokenTtlSeconds }), clock),
    clock,
  };
}

describe('IdScanTokenProvider (docs/id-scan-api.md §B2)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('signs the documented header and claims with the secret as UTF-8 bytes', async () => {
    const { tokens, clock } = provider();
    clock.time = Date.UTC(2024, 0, 1, 0, 0, 0, 400);
    const jwt = await tokens.token();

    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'HS256', typ: 'JWT', kid: KEY_ID });
    const { payload } = await jwtVerify(jwt, new TextEncoder().encode(SECRET), {
      algorithms: ['HS256'],
      currentDate: new Date(clock.time),
    });
    expect(payload).toEqual({ iat: 1704067200, nbf: 1704067200, exp: 1704067260 });
  });

  it('reuses the token until less than a quarter of its lifetime is left, then signs a new one', async () => {
    const { tokens, clock } = provider(60);
    const sign = jest.spyOn(SignJWT.prototype, 'sign');
    const first = await tokens.token();

    clock.advance(44_999);
    await expect(tokens.token()).resolves.toBe(first);
    expect(sign).toHaveBeenCalledTimes(1);

    clock.advance(1);
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(sign).toHaveBeenCalledTimes(2);
    const { payload } = await jwtVerify(second, new TextEncoder().encode(SECRET), {
      currentDate: new Date(clock.time),
    });
    expect(payload.iat).toBe(Math.floor(clock.time / 1000));
  });

  it('lets concurrent callers share one signing', async () => {
    const { tokens } = provider();
    const sign = jest.spyOn(SignJWT.prototype, 'sign');
    const all = await Promise.all(Array.from({ length: 20 }, () => tokens.token()));
    expect(new Set(all).size).toBe(1);
    expect(sign).toHaveBeenCalledTimes(1);
  });

  it('signs again after a failed signing', async () => {
    const { tokens } = provider();
    jest.spyOn(SignJWT.prototype, 'sign').mockRejectedValueOnce(new Error('crypto unavailable'));
    await expect(tokens.token()).rejects.toThrow('crypto unavailable');
    await expect(tokens.token()).resolves.toMatch(/^ey/);
  });
});
