import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { ID_SCAN_CLOCK, ID_SCAN_OPTIONS } from '../id-scan.constants';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import type { IdScanClock } from '../utils/id-scan-clock.util';

interface SignedToken {
  jwt: string;
  /** When the token has only a quarter of its lifetime left, in epoch milliseconds. */
  renewAt: number;
}

/**
 * Signs the bearer tokens of docs/id-scan-api.md §B2: header `{ alg: HS256, typ: JWT, kid }`, payload
 * `{ iat, nbf = iat, exp = iat + tokenTtlSeconds }` in whole seconds, HMAC key = the secret's UTF-8 bytes.
 * A token is reused until less than a quarter of its lifetime is left; concurrent callers share one signing.
 */
@Injectable()
export class IdScanTokenProvider {
  private readonly key: Uint8Array;
  private current?: SignedToken;
  private signing?: Promise<string>;

  constructor(
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    @Inject(ID_SCAN_CLOCK) private readonly clock: IdScanClock,
  ) {
    this.key = new TextEncoder().encode(options.secret);
  }

  /** A valid token: the current one while it has more than a quarter of its lifetime left, else a new one. */
  async token(): Promise<string> {
    if (this.current && this.clock.now() < this.current.renewAt) return this.current.jwt;
    this.signing ??= this.sign().finally(() => {
      this.signing = undefined;
    });
    return this.signing;
  }

  private async sign(): Promise<string> {
    const ttl = this.options.tokenTtlSeconds;
    const iat = Math.floor(this.clock.now() / 1000);
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.options.keyId })
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + ttl)
      .sign(this.key);
    this.current = { jwt, renewAt: (iat + ttl) * 1000 - ttl * 250 };
    return jwt;
  }
}
