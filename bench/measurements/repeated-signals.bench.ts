import { randomBytes } from 'node:crypto';
import type { EmulatorCompletionSummary, EmulatorTraffic } from '../processes/emulator.process';
import type { BenchEnvironment } from '../support/bench-environment.interface';
import type { BenchRow } from '../support/bench-row.interface';
import { startHostAppPair } from '../support/host-app-instances.util';
import { runConcurrent, type ConcurrentRun } from '../support/load.util';

/** Transactions whose three signals are counted. */
const TRANSACTIONS = 1000;
/** Repeated return-URL signals per round, over the completed transactions. */
const REPEATS = 3000;
const ROUNDS = 2;
const CONCURRENCY = 64;
const WEBHOOK_HEADER = 'x-id-scan-webhook-secret';

/**
 * What signals after the first cost. Each transaction gets its three signals (the iframe's POST, the return URL,
 * the event delivery) on a Nest application with the package; the emulator counts the API requests they cause.
 * The package asks the API once per transaction and answers the rest from its store, where a bare handler (a Nest
 * route fetching the result with undici) asks on every signal. Then the return URL is sent again and again for
 * completed transactions to both: the package answers from the store, the bare handler fetches each time.
 */
export async function measureRepeatedSignals(env: BenchEnvironment): Promise<BenchRow[]> {
  const webhookSecret = randomBytes(24).toString('hex');
  const { apps, pools, stop } = await startHostAppPair(env.emulator, CONCURRENCY, { webhookSecret });
  try {
    const ids = await apps.package.call<string[]>('create', TRANSACTIONS);
    const completions = await env.emulator.call<EmulatorCompletionSummary[]>('complete', { transactionIds: ids });

    const returnSignal = async (name: keyof typeof apps, completion: EmulatorCompletionSummary): Promise<void> => {
      const { transactionId, resultId } = completion;
      const { statusCode, headers, body } = await pools[name].request({
        method: 'GET',
        path: `/id-scan/return?trxid=${transactionId}&resultid=${resultId}`,
      });
      await body.dump();
      if (statusCode !== 302 || !String(headers.location ?? '').startsWith('/verified?')) {
        throw new Error(`${name}: return answered ${statusCode} to ${String(headers.location)}`);
      }
    };
    const threeSignals = async (completion: EmulatorCompletionSummary): Promise<void> => {
      const { transactionId, resultId, event } = completion;
      const iframe = await pools.package.request({
        method: 'POST',
        path: `/id-scan/transactions/${transactionId}/complete`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resultId }),
      });
      await iframe.body.dump();
      await returnSignal('package', completion);
      const delivery = await pools.package.request({
        method: 'POST',
        path: '/id-scan/events',
        headers: { 'content-type': 'application/json', [WEBHOOK_HEADER]: webhookSecret },
        body: JSON.stringify(event),
      });
      await delivery.body.dump();
      if (iframe.statusCode !== 200 || delivery.statusCode !== 200) {
        throw new Error(`package: iframe ${iframe.statusCode}, event delivery ${delivery.statusCode}`);
      }
    };
    const checked = (name: string, run: ConcurrentRun): ConcurrentRun => {
      if (run.failed > 0) throw new Error(`${name}: ${run.failed} signals failed`, { cause: run.firstError });
      return run;
    };

    await env.emulator.call('resetTraffic');
    checked('package', await runConcurrent((i) => threeSignals(completions[i]), CONCURRENCY, Infinity, TRANSACTIONS));
    const ours = (await env.emulator.call<EmulatorTraffic>('traffic')).api.requests / TRANSACTIONS;
    await env.emulator.call('resetTraffic');
    checked(
      'bare',
      await runConcurrent(
        (i) => returnSignal('bare', completions[i % TRANSACTIONS]),
        CONCURRENCY,
        Infinity,
        3 * TRANSACTIONS,
      ),
    );
    const bare = (await env.emulator.call<EmulatorTraffic>('traffic')).api.requests / TRANSACTIONS;

    const elapsed = { package: 0, bare: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['package', 'bare'] as const) : (['bare', 'package'] as const);
      for (const name of order) {
        const run = checked(
          name,
          await runConcurrent((i) => returnSignal(name, completions[i % TRANSACTIONS]), CONCURRENCY, Infinity, REPEATS),
        );
        elapsed[name] += run.elapsedMs;
      }
    }
    const rate = (ms: number): number => ((REPEATS * ROUNDS) / ms) * 1000;

    return [
      {
        measure: `Upstream result calls per completed transaction, its three signals (${TRANSACTIONS} transactions)`,
        unit: 'calls',
        ours,
        baseline: bare,
        baselineName: 'bare handler fetching on every signal',
        target: { kind: 'ours-exactly', value: 1 },
        decimals: 2,
      },
      {
        measure: `GET /id-scan/return, ${CONCURRENCY} in flight: repeated signals answered from the store`,
        unit: 'requests/s',
        ours: rate(elapsed.package),
        baseline: rate(elapsed.bare),
        baselineName: 'bare Nest handler + undici',
        target: { kind: 'ratio-at-least', value: 1.0 },
      },
    ];
  } finally {
    await stop();
  }
}
