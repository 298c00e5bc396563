import type { EmulatorCompletionSummary } from '../processes/emulator.process';
import type { BenchEnvironment } from '../support/bench-environment.interface';
import type { BenchRow } from '../support/bench-row.interface';
import { startHostAppPair } from '../support/host-app-instances.util';
import { runConcurrent, type ConcurrentRun } from '../support/load.util';
import { percentile } from '../support/statistics.util';

/** Transactions completed in the measured rounds (each one once per application). */
const TRANSACTIONS = 3000;
const WARM_UP = 300;
const ROUNDS = 2;
const CONCURRENCY = 64;

interface Totals {
  completed: number;
  elapsedMs: number;
  latenciesMs: number[];
}

/**
 * Completions through `GET /id-scan/return` on a Nest application with the package (in-memory store) against a
 * bare Nest handler that does the same fetch with undici and a ready token, each in a process of its own, loaded
 * from this process with 64 requests in flight.
 *
 * Each measured request completes a transaction the application has not seen complete before, so the package runs
 * its whole path: store lookup, result fetch, the atomic first-completion mark, the domain event, the redirect.
 * A second pair of rows sends the same signals again: the path is the same minus the event (the mark says "not
 * first"), which is what a reload or a duplicate signal costs.
 */
export async function measureReturnRoute(env: BenchEnvironment): Promise<BenchRow[]> {
  const { apps, pools, stop } = await startHostAppPair(env.emulator, CONCURRENCY);
  try {
    const ids = await apps.package.call<string[]>('create', WARM_UP + TRANSACTIONS);
    const completions = await env.emulator.call<EmulatorCompletionSummary[]>('complete', { transactionIds: ids });
    const warmUp = completions.slice(0, WARM_UP);
    const measured = completions.slice(WARM_UP);

    const load = async (name: keyof typeof apps, signals: EmulatorCompletionSummary[]): Promise<ConcurrentRun> => {
      const pool = pools[name];
      const run = await runConcurrent(
        async (index) => {
          const { transactionId, resultId } = signals[index];
          const { statusCode, headers, body } = await pool.request({
            method: 'GET',
            path: `/id-scan/return?trxid=${transactionId}&resultid=${resultId}`,
          });
          await body.dump();
          const location = String(headers.location ?? '');
          if (statusCode !== 302 || !location.startsWith('/verified?')) {
            throw new Error(`${name}: ${statusCode} to ${location}`);
          }
        },
        CONCURRENCY,
        Number.POSITIVE_INFINITY,
        signals.length,
      );
      if (run.failed > 0)
        throw new Error(`${name}: ${run.failed} completions failed`, {
          cause: run.firstError,
        });
      return run;
    };

    await load('package', warmUp);
    await load('bare', warmUp);

    const first = { package: totals(), bare: totals() };
    const repeated = { package: totals(), bare: totals() };
    const share = TRANSACTIONS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const signals = measured.slice(round * share, (round + 1) * share);
      const order = round % 2 === 0 ? (['package', 'bare'] as const) : (['bare', 'package'] as const);
      for (const name of order) add(first[name], await load(name, signals));
    }
    for (let round = 0; round < ROUNDS; round++) {
      const signals = measured.slice(round * share, (round + 1) * share);
      const order = round % 2 === 0 ? (['bare', 'package'] as const) : (['package', 'bare'] as const);
      for (const name of order) add(repeated[name], await load(name, signals));
    }

    const events = (await apps.package.call<string[]>('completedEvents')).length;
    if (events !== WARM_UP + TRANSACTIONS) {
      throw new Error(`the package emitted ${events} completion events for ${WARM_UP + TRANSACTIONS} transactions`);
    }

    const rate = (total: Totals): number => (total.completed / total.elapsedMs) * 1000;
    const p99 = (total: Totals): number => percentile(total.latenciesMs, 99);
    const label = `GET /id-scan/return, ${CONCURRENCY} in flight`;
    return [
      {
        measure: `${label}: first completions (${TRANSACTIONS} transactions)`,
        unit: 'requests/s',
        ours: rate(first.package),
        baseline: rate(first.bare),
        baselineName: 'bare Nest handler + undici',
        target: { kind: 'ratio-at-least', value: 0.7 },
      },
      {
        measure: `${label}: first completions, p99 latency`,
        unit: 'ms',
        ours: p99(first.package),
        baseline: p99(first.bare),
        baselineName: 'bare Nest handler + undici',
        decimals: 1,
      },
      {
        measure: `${label}: repeated signals (already completed)`,
        unit: 'requests/s',
        ours: rate(repeated.package),
        baseline: rate(repeated.bare),
        baselineName: 'bare Nest handler + undici',
        target: { kind: 'ratio-at-least', value: 0.7 },
      },
      {
        measure: `${label}: repeated signals, p99 latency`,
        unit: 'ms',
        ours: p99(repeated.package),
        baseline: p99(repeated.bare),
        baselineName: 'bare Nest handler + undici',
        decimals: 1,
      },
    ];
  } finally {
    await stop();
  }
}

function totals(): Totals {
  return { completed: 0, elapsedMs: 0, latenciesMs: [] };
}

function add(total: Totals, run: ConcurrentRun): void {
  total.completed += run.completed;
  total.elapsedMs += run.elapsedMs;
  total.latenciesMs.push(...run.latenciesMs);
}
