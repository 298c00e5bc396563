import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { findRedisServer, startRedisServer, type RedisServerHandle } from '../../test/support/redis-server';
import type { EmulatorCompletionSummary, EmulatorWorkerInfo } from '../processes/emulator.process';
import type { HostAppWorkerArgs, HostAppWorkerInfo } from '../processes/host-app.process';
import { BenchWorker } from '../support/bench-worker.util';
import { runConcurrent } from '../support/load.util';
import { SeededRandom } from '../support/seeded-random.util';
import type { SoakReport } from '../support/soak-report.interface';

const TRANSACTIONS = 1000;
/** How often each signal of each transaction is sent. */
const COPIES = 3;
const CONCURRENCY = 64;
const WEBHOOK_HEADER = 'x-id-scan-webhook-secret';

type SignalKind = 'iframe' | 'return-url' | 'webhook';

interface Signal {
  kind: SignalKind;
  completion: EmulatorCompletionSummary;
  /** Which application instance receives it. */
  instance: 0 | 1;
}

/** What each signal's route answers when all is well. */
const EXPECTED_STATUS: Record<SignalKind, number> = {
  iframe: 200,
  'return-url': 302,
  webhook: 200,
};

/**
 * 1000 transactions completed through two application instances (processes of their own) sharing one Redis. Each
 * transaction's three completion signals (the iframe's POST, the return URL, the event delivery) are each sent three
 * times, shuffled together and spread over both instances at random. Exactly one `id-scan.transaction.completed`
 * must come out per transaction, across both.
 */
export async function soakMultiInstanceCompletions(
  emulator: BenchWorker<EmulatorWorkerInfo>,
  seed: string,
): Promise<SoakReport> {
  const title = 'Two instances, one Redis: 1000 transactions, every signal three times';
  if (!findRedisServer()) {
    const message = 'redis-server was not found; run scripts/install-system-deps.sh to install it';
    if (process.env.CI === 'true') throw new Error(message);
    return { title, lines: [], checks: [], skipped: message };
  }

  const redis: RedisServerHandle = await startRedisServer();
  const webhookSecret = randomBytes(24).toString('hex');
  const instances: BenchWorker<HostAppWorkerInfo>[] = [];
  const pools: Pool[] = [];
  try {
    const { url, keyId, secret } = emulator.info;
    const args: HostAppWorkerArgs = {
      variant: 'package',
      baseUrl: url,
      keyId,
      secret,
      redisUrl: redis.url,
      redisKeyPrefix: `soak-${seed}:`,
      webhookSecret,
    };
    for (let i = 0; i < 2; i++) instances.push(await BenchWorker.start<HostAppWorkerInfo>('host-app.process', args));
    for (const instance of instances) pools.push(new Pool(instance.info.origin, { connections: CONCURRENCY }));

    // Each instance starts half of the transactions: the store, not the instance, must know them.
    const ids = (
      await Promise.all(instances.map((instance) => instance.call<string[]>('create', TRANSACTIONS / 2)))
    ).flat();
    const completions = await emulator.call<EmulatorCompletionSummary[]>('complete', { transactionIds: ids });
    const missingEvents = completions.filter((completion) => completion.event === undefined).length;
    if (missingEvents > 0)
      throw new Error(`the emulator published no completion event for ${missingEvents} transactions`);

    const random = new SeededRandom(seed);
    const signals: Signal[] = random.shuffle(
      completions.flatMap((completion) =>
        (['iframe', 'return-url', 'webhook'] as const).flatMap((kind) =>
          Array.from({ length: COPIES }, (): Signal => ({
            kind,
            completion,
            instance: random.below(2) as 0 | 1,
          })),
        ),
      ),
    );

    const unexpected: string[] = [];
    const run = await runConcurrent(
      async (index) => {
        const signal = signals[index];
        const status = await send(pools[signal.instance], signal, webhookSecret);
        if (status !== EXPECTED_STATUS[signal.kind]) unexpected.push(`${signal.kind} answered ${status}`);
      },
      CONCURRENCY,
      Number.POSITIVE_INFINITY,
      signals.length,
    );

    // Event deliveries are acknowledged before their listeners run; every emission has started by now, so the
    // recorders are read once more after a pause, to catch any late duplicate.
    const read = async (): Promise<string[][]> =>
      Promise.all(instances.map((instance) => instance.call<string[]>('completedEvents')));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const events = await read();

    const all = events.flat();
    const counts = new Map<string, number>();
    for (const id of all) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts.values()].filter((count) => count > 1).length;
    const never = ids.filter((id) => !counts.has(id)).length;
    const strangers = [...counts.keys()].filter((id) => !ids.includes(id)).length;

    return {
      title,
      lines: [
        `${signals.length.toLocaleString('en-US')} signals (${TRANSACTIONS} transactions × 3 signals × ${COPIES}), ` +
          `${CONCURRENCY} at a time, shuffled over two instances, in ${(run.elapsedMs / 1000).toFixed(1)} s; ` +
          `${run.failed} requests failed outright.`,
        `Events per instance: ${events.map((list) => list.length).join(' + ')} = ${all.length}.`,
      ],
      checks: [
        {
          description: 'every signal was answered as its route promises (200, 302 to success, 200)',
          passed: unexpected.length === 0 && run.failed === 0,
          detail:
            unexpected.length === 0 && run.failed === 0
              ? 'all'
              : `${unexpected.length + run.failed} others: ${[...new Set(unexpected)].join('; ')}`,
        },
        {
          description: `exactly ${TRANSACTIONS} id-scan.transaction.completed events`,
          passed: all.length === TRANSACTIONS,
          detail: `${all.length}`,
        },
        {
          description: 'each transaction completed once: none twice, none missing, none unknown',
          passed: twice === 0 && never === 0 && strangers === 0,
          detail: `${twice} twice, ${never} missing, ${strangers} unknown`,
        },
      ],
    };
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all(instances.map((instance) => instance.stop()));
    await redis.stop();
  }
}

/** Sends one signal the way its real sender would, and answers the status code. */
async function send(pool: Pool, signal: Signal, webhookSecret: string): Promise<number> {
  const { transactionId, resultId, event } = signal.completion;
  const answer =
    signal.kind === 'iframe'
      ? await pool.request({
          method: 'POST',
          path: `/id-scan/transactions/${transactionId}/complete`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ resultId }),
        })
      : signal.kind === 'return-url'
        ? await pool.request({
            method: 'GET',
            path: `/id-scan/return?trxid=${transactionId}&resultid=${resultId}`,
          })
        : await pool.request({
            method: 'POST',
            path: '/id-scan/events',
            headers: {
              'content-type': 'application/json',
              [WEBHOOK_HEADER]: webhookSecret,
            },
            body: JSON.stringify(event),
          });
  await answer.body.dump();
  if (signal.kind === 'return-url' && !String(answer.headers.location ?? '').startsWith('/verified?')) return -1;
  return answer.statusCode;
}
