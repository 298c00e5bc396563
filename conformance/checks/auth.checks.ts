import { randomUUID } from 'node:crypto';
import { ProbePaths } from '../runner/api-probe.client';
import type { ConformanceContext } from '../runner/conformance.context';
import {
  foreignSecret,
  frozenClock,
  handMadeToken,
  nowSeconds,
  packageSigner,
} from '../runner/conformance-tokens.util';
import { describeAnswer, expectStatus } from '../runner/observation.util';
import type { CheckObservation, ConformanceCheck } from './conformance-check.interface';

/**
 * CM.com's published example (`docs/id-scan-api.md §A2`): the credentials and the whole token of the CM Sign
 * getting-started page, which uses the same scheme. Public example values, not a secret of anyone's account.
 */
export const CM_EXAMPLE_CREDENTIALS = {
  keyId: '3b438437-04a4-40bb-8389-54bb02766fba',
  secret: 'AC4Etykn7jusGR5FwLDAtILtQbiQbTMKedP31szXg4WlSbjGEXyNMZ',
} as const;
/** The example's `iat` (= `nbf`); its `exp` is 60 s later. */
export const CM_EXAMPLE_ISSUED_AT = 1546300800;
/** The token CM.com publishes for those credentials and times. */
export const CM_EXAMPLE_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjNiNDM4NDM3LTA0YTQtNDBiYi04Mzg5LTU0YmIwMjc2NmZiYSJ9' +
  '.eyJpYXQiOjE1NDYzMDA4MDAsIm5iZiI6MTU0NjMwMDgwMCwiZXhwIjoxNTQ2MzAwODYwfQ' +
  '.bwqCUHS1d5d8guAPHDsdd9-a8oXxH1q45O0tDP1asTo';

const GUARD = 'JwtAuthGuard (libs/id-scan-emulator/src/auth/jwt-auth.guard.ts)';

/** Signs CM's example with the package's signer at the example's time and compares the tokens byte for byte. */
async function packageReproducesCmExampleToken(): Promise<CheckObservation> {
  const signer = packageSigner(CM_EXAMPLE_CREDENTIALS, frozenClock(CM_EXAMPLE_ISSUED_AT * 1000));
  const token = await signer.token();
  const parts = ['header', 'payload', 'signature'];
  const differing = parts.filter((_, index) => token.split('.')[index] !== CM_EXAMPLE_TOKEN.split('.')[index]);
  return {
    passed: token === CM_EXAMPLE_TOKEN,
    expected: "CM's example token, byte for byte",
    seen: differing.length === 0 ? 'identical' : `differs in: ${differing.join(', ')}`,
  };
}

/** The package's token is accepted: any answer but 401/403 (an unknown transaction, so a 404 is expected). */
async function packageTokenAccepted(context: ConformanceContext): Promise<CheckObservation> {
  const answer = await context.send({ method: 'GET', path: ProbePaths.transaction(randomUUID()) });
  return {
    passed: answer.status !== 401 && answer.status !== 403 && answer.status < 500,
    expected: 'accepted (neither 401 nor 403)',
    seen: describeAnswer(answer),
  };
}

/** Claims of a token valid right now, 60 s long, as the package signs them. */
function validClaims(): Record<string, number> {
  const iat = nowSeconds();
  return { iat, nbf: iat, exp: iat + 60 };
}

/** The header of a valid token for the run's key. */
function validHeader(context: ConformanceContext): Record<string, string> {
  return { alg: 'HS256', typ: 'JWT', kid: context.credentials.keyId };
}

/** A B2 rejection case: the `Authorization` header `authorization` builds must be answered 401. */
function rejection(
  name: string,
  title: string,
  rule: string,
  authorization: (context: ConformanceContext) => Promise<string | null>,
): ConformanceCheck {
  return {
    id: `auth.${name}`,
    title,
    group: 'auth',
    cost: 'free',
    basis: 'assumption',
    section: 'B2',
    emulator: `${GUARD}: 401 ${rule}`,
    run: async (context) => {
      const answer = await context.api.send({
        method: 'GET',
        path: ProbePaths.transaction(randomUUID()),
        authorization: await authorization(context),
      });
      return expectStatus(answer, 401);
    },
  };
}

/** A hand-made bearer token with the run's key unless `header` or `secret` say otherwise. */
async function bearer(
  context: ConformanceContext,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = validHeader(context),
  secret: string = context.credentials.secret,
): Promise<string> {
  return `Bearer ${await handMadeToken({ header, payload, secret })}`;
}

function without(claims: Record<string, number>, name: string): Record<string, number> {
  return Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));
}

/** JWT acceptance and rejection cases (`docs/id-scan-api.md §A2`, `§B2`). */
export const authChecks: ConformanceCheck[] = [
  {
    id: 'auth.cm-example-token',
    title: "The package's signer reproduces CM's published example token byte for byte",
    group: 'auth',
    cost: 'free',
    basis: 'documented',
    section: 'A2',
    emulator: `${GUARD}: HS256 over the secret's UTF-8 bytes`,
    run: packageReproducesCmExampleToken,
  },
  {
    id: 'auth.package-token-accepted',
    title: "A token from the package's signer is accepted",
    group: 'auth',
    cost: 'free',
    basis: 'documented',
    section: 'A2',
    emulator: `${GUARD}: accepts HS256 tokens with kid, iat, nbf and exp`,
    run: packageTokenAccepted,
  },
  rejection('no-header', 'No Authorization header is refused', 'without an Authorization header', () =>
    Promise.resolve(null),
  ),
  rejection(
    'wrong-scheme',
    'A valid token under a scheme other than Bearer is refused',
    'for a scheme other than Bearer',
    async (context) =>
      `Token ${await handMadeToken({ header: validHeader(context), payload: validClaims(), secret: context.credentials.secret })}`,
  ),
  rejection('alg-none', 'An unsigned token (alg none) is refused', 'for alg none', (context) =>
    bearer(context, validClaims(), { alg: 'none', typ: 'JWT', kid: context.credentials.keyId }),
  ),
  rejection('unknown-kid', 'A token naming an unknown key (kid) is refused', 'for an unknown kid', (context) =>
    bearer(context, validClaims(), { alg: 'HS256', typ: 'JWT', kid: randomUUID() }),
  ),
  rejection('bad-signature', 'A token signed with another secret is refused', 'for a bad signature', (context) =>
    bearer(context, validClaims(), validHeader(context), foreignSecret()),
  ),
  ...(['iat', 'nbf', 'exp'] as const).map((claim) =>
    rejection(`missing-${claim}`, `A token without ${claim} is refused`, `for a missing ${claim}`, (context) =>
      bearer(context, without(validClaims(), claim)),
    ),
  ),
  rejection(
    'fractional-exp',
    'A token whose exp is not an integer is refused',
    'for a non-integer iat/nbf/exp',
    (context) => bearer(context, { ...validClaims(), exp: validClaims().exp + 0.5 }),
  ),
  rejection('expired', 'An expired token is refused', 'when exp is in the past', (context) => {
    const iat = nowSeconds() - 120;
    return bearer(context, { iat, nbf: iat, exp: iat + 60 });
  }),
  rejection(
    'not-yet-valid',
    'A token whose nbf is a minute ahead is refused',
    'when nbf is more than 5 s in the future',
    (context) => {
      const iat = nowSeconds();
      return bearer(context, { iat, nbf: iat + 60, exp: iat + 120 });
    },
  ),
  rejection(
    'lifetime-too-long',
    'A token living longer than an hour is refused',
    'for a lifetime (exp - iat) over 3600 s',
    (context) => {
      const iat = nowSeconds();
      return bearer(context, { iat, nbf: iat, exp: iat + 7200 });
    },
  ),
];
