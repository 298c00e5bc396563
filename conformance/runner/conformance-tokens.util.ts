import { randomBytes } from 'node:crypto';
import { CompactSign } from 'jose';
// The package keeps its token signing internal (it is not part of its public contract). The kit is repository
// tooling, not a consumer: it imports the signer by path so that what it checks is the very code path the package
// sends requests with, not a look-alike. See docs/id-scan-api.md §B2.
import { IdScanTokenProvider } from '../../libs/id-scan/src/http/id-scan-token.provider';
import type { IdScanClock } from '../../libs/id-scan/src/utils/id-scan-clock.util';
import { systemClock } from '../../libs/id-scan/src/utils/id-scan-clock.util';
import { resolveIdScanOptions } from '../../libs/id-scan/src/utils/resolve-id-scan-options.util';

/** A key pair as CM.com issues them. */
export interface ConformanceCredentials {
  keyId: string;
  secret: string;
}

/** Something that hands out bearer tokens. */
export interface TokenSigner {
  token(): Promise<string>;
}

/**
 * The package's own {@link IdScanTokenProvider} for `credentials`, with the package's default options (a 60 s
 * lifetime, reuse until a quarter is left), reading the time from `clock` (the real clock by default).
 */
export function packageSigner(credentials: ConformanceCredentials, clock: IdScanClock = systemClock): TokenSigner {
  const options = resolveIdScanOptions({ keyId: credentials.keyId, secret: credentials.secret });
  return new IdScanTokenProvider(options, clock);
}

/** A clock stopped at `epochMs`, for signing at a fixed time. */
export function frozenClock(epochMs: number): IdScanClock {
  return { now: () => epochMs, sleep: () => Promise.resolve() };
}

/** The header and payload of a hand-made token; anything goes, so rejection cases can be built. */
export interface HandMadeToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** HMAC key (as UTF-8 bytes); ignored when the header says `alg: none`. */
  secret: string;
}

/**
 * A compact JWT made by hand with jose, for the rejection cases the package's signer never produces: any header,
 * any claims, `alg: none` (no signature), a foreign key.
 */
export async function handMadeToken(token: HandMadeToken): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(token.payload));
  if (token.header.alg === 'none') {
    const encode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
    return `${encode(new TextEncoder().encode(JSON.stringify(token.header)))}.${encode(payload)}.`;
  }
  return new CompactSign(payload)
    .setProtectedHeader(token.header as { alg: string })
    .sign(new TextEncoder().encode(token.secret));
}

/** Whole UNIX seconds now. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A random secret of the length CM.com issues (54 characters), for tokens the API must not accept. */
export function foreignSecret(): string {
  return randomBytes(40).toString('base64url').slice(0, 54);
}
