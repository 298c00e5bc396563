import { SignJWT } from 'jose';

/**
 * The baselines' bearer token: signed once by hand, as docs/id-scan-api.md §B2 describes (HS256, `kid`, `iat = nbf`,
 * `exp`), valid for an hour so that it outlives the whole run.
 */
export async function handSignedToken(keyId: string, secret: string): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyId })
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + 3600)
    .sign(new TextEncoder().encode(secret));
}
