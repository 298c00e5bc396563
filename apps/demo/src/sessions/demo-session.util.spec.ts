import { randomBytes } from 'node:crypto';
import { newSessionId, readCookie, sessionCookie, signSession, verifySession } from './demo-session.util';

describe('demo session cookie', () => {
  const key = randomBytes(32);

  it('verifies what it signed, and nothing signed with another key', () => {
    const id = newSessionId();
    expect(verifySession(signSession(id, key), key)).toBe(id);
    expect(verifySession(signSession(id, randomBytes(32)), key)).toBeUndefined();
  });

  it('refuses a chosen id, a changed signature and malformed values', () => {
    const value = signSession(newSessionId(), key);
    const [, signature] = value.split('.');
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    for (const forged of [
      `${'a'.repeat(22)}.${signature}`,
      `${value.split('.')[0]}.${flipped}`,
      value.split('.')[0],
      `${value}x`,
      '',
      '.',
      undefined,
    ]) {
      expect(verifySession(forged, key)).toBeUndefined();
    }
  });

  it('makes new ids at random', () => {
    expect(newSessionId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newSessionId()).not.toBe(newSessionId());
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(readCookie('a=1; id_scan_demo_session=x.y; b=2', 'id_scan_demo_session')).toBe('x.y');
    expect(readCookie('xid_scan_demo_session=1', 'id_scan_demo_session')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });

  it('is HttpOnly and SameSite=Lax, and Secure on https', () => {
    expect(sessionCookie('v', false)).toBe('id_scan_demo_session=v; Path=/; HttpOnly; SameSite=Lax');
    expect(sessionCookie('v', true)).toMatch(/; Secure$/);
  });
});
