import { randomBytes } from 'node:crypto';
import { startRedisServer, type RedisServerHandle } from '../../test/support/redis-server';
import type { EmulatorWorkerInfo } from '../processes/emulator.process';
import type { BenchWorker } from '../support/bench-worker.util';
import {
  EXPECTED_STATUS,
  repeatedSignals,
  sendForStatus,
  signalsAnsweredCheck,
} from '../support/completion-signals.util';
import { HostAppInstances } from '../support/host-app-instances.util';
import { runConcurrent } from '../support/load.util';
import { skippedWithoutRedis } from '../support/redis-requirement.util';
import { SeededRandom } from '../support/seeded-random.util';
import type { SoakReport } from '../support/soak-report.interface';

const TRANSACTIONS = 1000;
/** How often each signal of each transaction is sent. */
const COPIES = 3;
const CONCURRENCY = 64;

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
  const skipped = skippedWithoutRedis(title);
  if (skipped) return skipped;

  const redis: RedisServerHandle = await startRedisServer();
  const webhookSecret = randomBytes(24).toString('hex');
  const instances = new HostAppInstances();
  try {
    await instances.start(
      emulator,
      { redisUrl: redis.url, redisKeyPrefix: `soak-${seed}:`, webhookSecret },
      2,
      CONCURRENCY,
    );

    // Each instance starts half of the transactions: the store, not the instance, must know them.
    const { ids, completions } = await instances.createCompleted(emulator, TRANSACTIONS);

    const random = new SeededRandom(seed);
    const signals = repeatedSignals(random, completions, COPIES);

    const unexpected: string[] = [];
    const run = await runConcurrent(
      async (index) => {
        const signal = signals[index];
        const status = await sendForStatus(instances.pools[signal.instance], signal, webhookSecret);
        if (status !== EXPECTED_STATUS[signal.kind]) unexpected.push(`${signal.kind} answered ${status}`);
      },
      CONCURRENCY,
      Number.POSITIVE_INFINITY,
      signals.length,
    );

    // Event deliveries are acknowledged before their listeners run; every emission has started by now, so the
    // recorders are read once more after a pause, to catch any late duplicate.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const events = await instances.completedEvents();

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
        signalsAnsweredCheck(unexpected, run),
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
    await instances.stop();
    await redis.stop();
  }
}
