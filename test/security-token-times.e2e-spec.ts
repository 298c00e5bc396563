import { SignJWT, type JWTPayload } from 'jose';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';

/**
 * Bearer-token times the emulator used to get wrong: only `exp - iat` was checked, so a token "issued" a year ahead
 * with an `nbf` in the past was usable for a year.
 */
describe('Security: emulator token times', () => {
  let emulator: IdScanEmulator;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
  });
  afterAll(() => emulator.stop());

  const now = (): number => Math.floor(Date.now() / 1000);

  async function call(payload: JWTPayload): Promise<{ status: number; body: unknown }> {
    const { keyId, secret } = emulator.credentials[0];
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyId })
      .sign(new TextEncoder().encode(secret));
    const response = await fetch(new URL('webhooks', emulator.url), { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  }

  it('refuses a token issued a year ahead with nbf in the past, as 401 with the usual body', async () => {
    const t = now();
    const iat = t + 365 * 24 * 3600;
    const answer = await call({ iat, nbf: t - 10, exp: iat + 100 });
    expect(answer).toEqual({
      status: 401,
      body: { code: 'unauthorized', message: expect.stringMatching(/issued in the future/) as unknown },
    });
  });

  it('refuses iat beyond the 5 s skew and accepts it within', async () => {
    const t = now();
    expect((await call({ iat: t + 30, nbf: t, exp: t + 60 })).status).toBe(401);
    expect((await call({ iat: t + 4, nbf: t, exp: t + 60 })).status).toBe(200);
  });

  it('measures the lifetime from max(iat, nbf)', async () => {
    const t = now();
    // Made a little before it became valid: 3600 s of use, so accepted.
    expect((await call({ iat: t - 100, nbf: t, exp: t + 3600 })).status).toBe(200);
    // An nbf before iat gives no extra time: 3601 s from iat is too long.
    const tooLong = await call({ iat: t, nbf: t - 100, exp: t + 3601 });
    expect(tooLong).toEqual({
      status: 401,
      body: { code: 'unauthorized', message: expect.stringMatching(/3600 seconds/) as unknown },
    });
  });
});
