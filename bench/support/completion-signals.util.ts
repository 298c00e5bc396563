import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import type { EmulatorCompletionSummary } from '../processes/emulator.process';
import type { ConcurrentRun } from './load.util';
import type { SeededRandom } from './seeded-random.util';
import type { SoakCheck } from './soak-report.interface';

/** The three ways a host learns that a transaction completed (docs/id-scan-api.md §B5). */
export type SignalKind = 'iframe' | 'return-url' | 'webhook';

/** Every {@link SignalKind}, in a fixed order, so that seeded draws over them replay. */
export const SIGNAL_KINDS: readonly SignalKind[] = ['iframe', 'return-url', 'webhook'];

/** The header that carries the event-delivery secret. */
export const WEBHOOK_HEADER = 'x-id-scan-webhook-secret';

/** What each signal's route answers when all is well. */
export const EXPECTED_STATUS: Record<SignalKind, number> = { iframe: 200, 'return-url': 302, webhook: 200 };

/** One completion signal of a soak, and the host instance that receives it. */
export interface Signal {
  kind: SignalKind;
  completion: EmulatorCompletionSummary;
  instance: 0 | 1;
}

/** How a host answered one signal. */
export interface SignalAnswer {
  status: number;
  /** The `location` header, `''` when there is none. */
  location: string;
  /** How long the answer took, in milliseconds. */
  ms: number;
}

/**
 * Every signal kind of every completion, `copies` times each, each to a random one of two instances, shuffled
 * together: the same seed gives the same order.
 */
export function repeatedSignals(
  random: SeededRandom,
  completions: EmulatorCompletionSummary[],
  copies: number,
): Signal[] {
  return random.shuffle(
    completions.flatMap((completion) =>
      SIGNAL_KINDS.flatMap((kind) =>
        Array.from({ length: copies }, (): Signal => ({ kind, completion, instance: random.below(2) as 0 | 1 })),
      ),
    ),
  );
}

/** Sends one signal the way its real sender would. */
export async function sendSignal(
  pool: Pool,
  kind: SignalKind,
  completion: EmulatorCompletionSummary,
  webhookSecret: string,
): Promise<SignalAnswer> {
  const { transactionId, resultId, event } = completion;
  const started = performance.now();
  const answer =
    kind === 'iframe'
      ? await pool.request({
          method: 'POST',
          path: `/id-scan/transactions/${transactionId}/complete`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ resultId }),
        })
      : kind === 'return-url'
        ? await pool.request({ method: 'GET', path: `/id-scan/return?trxid=${transactionId}&resultid=${resultId}` })
        : await pool.request({
            method: 'POST',
            path: '/id-scan/events',
            headers: { 'content-type': 'application/json', [WEBHOOK_HEADER]: webhookSecret },
            body: JSON.stringify(event),
          });
  await answer.body.dump();
  const ms = performance.now() - started;
  return { status: answer.statusCode, location: String(answer.headers.location ?? ''), ms };
}

/**
 * Sends one signal of a run in which every signal must succeed, and answers its status code, or -1 for a return
 * that did not lead to the success page.
 */
export async function sendForStatus(pool: Pool, signal: Signal, webhookSecret: string): Promise<number> {
  const answer = await sendSignal(pool, signal.kind, signal.completion, webhookSecret);
  if (signal.kind === 'return-url' && !answer.location.startsWith('/verified?')) return -1;
  return answer.status;
}

/** The check that every signal of a run was answered as its route promises, given the ones that were not. */
export function signalsAnsweredCheck(unexpected: string[], run: ConcurrentRun): SoakCheck {
  return {
    description: 'every signal was answered as its route promises (200, 302 to success, 200)',
    passed: unexpected.length === 0 && run.failed === 0,
    detail:
      unexpected.length === 0 && run.failed === 0
        ? 'all'
        : `${unexpected.length + run.failed} others: ${[...new Set(unexpected)].join('; ')}`,
  };
}
