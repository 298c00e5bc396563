import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { EmulatorClockService } from '../simulation/emulator-clock.service';
import { EMULATOR_OPTIONS } from '../emulator.constants';
import { EmulatorApiError } from '../errors';
import type { AuthenticatedRequest } from './key-id.decorator';
import type { ResolvedEmulatorOptions } from '../options/resolved-emulator-options.interface';

/** How far in the future `nbf` and `iat` may lie (clock skew between client and server). */
export const NOT_BEFORE_SKEW_SECONDS = 5;
/** The longest token lifetime accepted, counted from when the token starts to be valid (`exp - max(iat, nbf)`). */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Checks the bearer token of every API request as docs/id-scan-api.md §B2 says, answering 401 `unauthorized` to: no
 * `Authorization` header, a scheme other than `Bearer`, a header without `typ: JWT` or with an `alg` other than
 * HS256 (`none` included), an unknown `kid`, a bad signature, a missing or non-integer `iat`/`nbf`/`exp`, `iat`
 * or `nbf` more than 5 s ahead, `exp` in the past, or a lifetime over 3600 s counted from `max(iat, nbf)`.
 * Messages say which rule failed and never repeat the token.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly keys: ReadonlyMap<string, Uint8Array>;

  constructor(
    @Inject(EMULATOR_OPTIONS) private readonly options: ResolvedEmulatorOptions,
    private readonly clock: EmulatorClockService,
  ) {
    const encoder = new TextEncoder();
    this.keys = new Map(options.credentials.map((pair) => [pair.keyId, encoder.encode(pair.secret)]));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authorization = request.headers.authorization;
    if (authorization === undefined || authorization === '') {
      throw EmulatorApiError.unauthorized('The Authorization header is missing');
    }
    const match = /^(\S+) +(\S+)$/.exec(authorization.trim());
    if (!match || match[1].toLowerCase() !== 'bearer') {
      throw EmulatorApiError.unauthorized('The Authorization header must use the Bearer scheme');
    }
    request.emulatorKeyId = await this.verify(match[2]);
    return true;
  }

  /** Verifies the token and returns its key id. */
  private async verify(token: string): Promise<string> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw EmulatorApiError.unauthorized('The bearer token is not a well-formed JWT');
    }
    if (header.alg !== 'HS256') throw EmulatorApiError.unauthorized('The bearer token must be signed with HS256');
    if (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT') {
      throw EmulatorApiError.unauthorized('The bearer token header must have typ JWT');
    }
    const key = typeof header.kid === 'string' ? this.keys.get(header.kid) : undefined;
    if (!key) throw EmulatorApiError.unauthorized('The bearer token names an unknown key (kid)');

    // By default the wall clock: the application under test signs with its real clock, which advanceClock() does
    // not move (see the authClock option).
    const now = Math.floor((this.options.authClock === 'emulated' ? this.clock.now() : this.clock.wallNow()) / 1000);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        requiredClaims: ['iat', 'nbf', 'exp'],
        currentDate: new Date(now * 1000),
        clockTolerance: NOT_BEFORE_SKEW_SECONDS,
      }));
    } catch (error) {
      throw EmulatorApiError.unauthorized(describeJoseError(error));
    }
    const { iat, nbf, exp } = payload;
    if (![iat, nbf, exp].every((claim) => Number.isInteger(claim))) {
      throw EmulatorApiError.unauthorized('The iat, nbf and exp claims must be integer UNIX seconds');
    }
    if ((nbf as number) > now + NOT_BEFORE_SKEW_SECONDS) {
      throw EmulatorApiError.unauthorized('The bearer token is not valid yet (nbf is in the future)');
    }
    // A token "issued" in the future would otherwise pass the lifetime rule while staying valid until then.
    if ((iat as number) > now + NOT_BEFORE_SKEW_SECONDS) {
      throw EmulatorApiError.unauthorized('The bearer token was issued in the future (iat is ahead of the clock)');
    }
    if ((exp as number) < now) throw EmulatorApiError.unauthorized('The bearer token has expired');
    // Counted from the later of iat and nbf: an early iat must not stretch how long the token can be used.
    if ((exp as number) - Math.max(iat as number, nbf as number) > MAX_TOKEN_LIFETIME_SECONDS) {
      throw EmulatorApiError.unauthorized(
        `The bearer token lives longer than ${MAX_TOKEN_LIFETIME_SECONDS} seconds (exp - max(iat, nbf))`,
      );
    }
    return header.kid as string;
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The bearer token signature is invalid';
  if (error instanceof errors.JWTExpired) return 'The bearer token has expired';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The bearer token must be signed with HS256';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === 'missing'
      ? `The bearer token lacks the ${error.claim} claim`
      : error.claim === 'nbf'
        ? 'The bearer token is not valid yet (nbf is in the future)'
        : `The bearer token's ${error.claim} claim is invalid`;
  }
  return 'The bearer token is invalid';
}
