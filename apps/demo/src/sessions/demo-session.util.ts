import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Name of the cookie that ties a browser to the verifications it started. */
export const SESSION_COOKIE = 'id_scan_demo_session';

/** A session id: 128 random bits, base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

/** A new random session id. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

function mac(sessionId: string, key: Buffer): string {
  return createHmac('sha256', key).update(sessionId).digest('base64url');
}

/** The cookie value for a session: the id and its HMAC-SHA256 under `key`, so that a visitor cannot choose an id. */
export function signSession(sessionId: string, key: Buffer): string {
  return `${sessionId}.${mac(sessionId, key)}`;
}

/** The session id of a cookie value whose signature `key` made, or `undefined` for anything else. */
export function verifySession(value: string | undefined, key: Buffer): string | undefined {
  if (!value) return undefined;
  const dot = value.indexOf('.');
  const sessionId = value.slice(0, dot);
  if (dot < 0 || !SESSION_ID.test(sessionId)) return undefined;
  const expected = Buffer.from(mac(sessionId, key));
  const given = Buffer.from(value.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? sessionId : undefined;
}

/** The value of one cookie in a `Cookie` header (the first, when repeated), or `undefined`. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * The `Set-Cookie` value of a session: HttpOnly (no script reads it), SameSite=Lax (sent when the hosted flow
 * brings the person back, never with another site's form posts), for the whole site, ending with the browser
 * session; `Secure` when the demo is served over https.
 */
export function sessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
