import { SignJWT } from 'jose';
import type { BenchEnvironment } from '../support/bench-environment.interface';
import type { BenchRow } from '../support/bench-row.interface';
import { createIdScanContext } from '../support/id-scan-context.util';
import { runConcurrent } from '../support/load.util';

const CALLS = 10_000;
const CONCURRENCY = 50;
/** Long enough that the whole run stays inside the first quarter-to-renewal window, even on a busy machine. */
const TOKEN_TTL_SECONDS = 600;

/**
 * JWT signatures made for 10 000 `getResult` calls inside one token lifetime, counted by wrapping
 * `SignJWT.prototype.sign` (the package signs with jose). The calls start 50 at a time on a cold module, so the
 * first ones also show whether concurrent callers share one signing.
 */
export async function measureSignatures(env: BenchEnvironment): Promise<BenchRow[]> {
  const { emulator, transactionId, resultId } = env;
  let signatures = 0;
  const sign = Object.getOwnPropertyDescriptor(SignJWT.prototype, 'sign');
  const original = SignJWT.prototype.sign;
  SignJWT.prototype.sign = function countedSign(this: SignJWT, ...args: Parameters<SignJWT['sign']>) {
    signatures++;
    return original.apply(this, args);
  };
  const context = await createIdScanContext({
    keyId: emulator.info.keyId,
    secret: emulator.info.secret,
    baseUrl: emulator.info.url,
    tokenTtlSeconds: TOKEN_TTL_SECONDS,
  });
  let elapsedMs: number;
  try {
    const run = await runConcurrent(
      () => context.service.getResult(transactionId, resultId),
      CONCURRENCY,
      Number.POSITIVE_INFINITY,
      CALLS,
    );
    if (run.failed > 0) throw new Error(`${run.failed} calls failed`, { cause: run.firstError });
    elapsedMs = run.elapsedMs;
  } finally {
    await context.close();
    if (sign) Object.defineProperty(SignJWT.prototype, 'sign', sign);
  }
  if (elapsedMs > TOKEN_TTL_SECONDS * 750) {
    throw new Error(`the calls took ${Math.round(elapsedMs)} ms, longer than one token's reuse window`);
  }
  return [
    {
      measure: `JWT signatures for ${CALLS.toLocaleString('en-US')} getResult calls (${CONCURRENCY} at a time) in one token lifetime`,
      unit: 'signatures',
      ours: signatures,
      baseline: 1,
      baselineName: 'hand-signed once',
      target: { kind: 'ours-exactly', value: 1 },
    },
  ];
}
