import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { startRedisServer, type RedisServerHandle } from '../../test/support/redis-server';
import type { DeliveryHostWorkerArgs, DeliveryHostWorkerInfo } from '../processes/delivery-host.process';
import type { EmulatorCompletionSummary, EmulatorTraffic, EmulatorWorkerInfo } from '../processes/emulator.process';
import { BenchWorker } from '../support/bench-worker.util';
import {
  EXPECTED_STATUS,
  repeatedSignals,
  sendForStatus,
  signalsAnsweredCheck,
  type Signal,
} from '../support/completion-signals.util';
import { runConcurrent } from '../support/load.util';
import { skippedWithoutRedis } from '../support/redis-requirement.util';
import { SeededRandom } from '../support/seeded-random.util';
import type { SoakReport } from '../support/soak-report.interface';
import { percentile } from '../support/statistics.util';
import { sinkKeys } from './delivery-sink.util';

const TRANSACTIONS = 1000;
const COPIES = 3;
const CONCURRENCY = 64;
const FAILURE_RATE = 0.3;
/** Nine attempts: at a 30% failure rate, all fail for about one transaction in 50 000. */
const RETRY_DELAYS_MS = [100, 200, 400, 800, 1600, 3200, 6400, 12_800];
/** Jobs a SIGKILL left running come back through BullMQ's stalled-job check (30 s lock, 30 s interval). */
const SETTLE_TIMEOUT_MS = 180_000;
/** The crash comes once this share of the signals went out; the restart a moment later. */
const CRASH_AFTER = 0.4;
const RESTART_AFTER_MS = 1000;

/** One host instance, replaceable after a crash. */
interface Instance {
  worker: BenchWorker<DeliveryHostWorkerInfo>;
  pool: Pool;
  alive: boolean;
}

/**
 * Chaos in queue mode: 1000 transactions over two host instances (processes of their own) sharing one Redis for the
 * store and the BullMQ queue. Each transaction's three completion signals are sent three times, shuffled, to
 * either instance; listeners fail 30% of attempts at random; one instance is killed with SIGKILL mid-run and
 * restarted. A sink in Redis (the host's database) records attempts and the one successful handling of each
 * transaction: every transaction must be handled, none lost, and none delivered again after its success unless the
 * success happened in the killed process (the one gap at-least-once leaves, which idempotent listeners absorb).
 */
export async function soakDeliveryChaos(emulator: BenchWorker<EmulatorWorkerInfo>, seed: string): Promise<SoakReport> {
  const title = 'Chaos: queue mode, two instances, 30% listener failures, one SIGKILL, 1000 transactions';
  const skipped = skippedWithoutRedis(title);
  if (skipped) return skipped;

  const redis: RedisServerHandle = await startRedisServer();
  const sink = new Redis(redis.url);
  const prefix = `chaos-${seed}:`;
  const keys = sinkKeys(prefix);
  const { url, keyId, secret } = emulator.info;
  const args: DeliveryHostWorkerArgs = {
    baseUrl: url,
    keyId,
    secret,
    redisUrl: redis.url,
    prefix,
    queueName: `chaos-${randomBytes(4).toString('hex')}`,
    webhookSecret: randomBytes(24).toString('hex'),
    retryDelaysMs: RETRY_DELAYS_MS,
    concurrency: 16,
    failureRate: FAILURE_RATE,
  };
  const start = async (): Promise<Instance> => {
    const worker = await BenchWorker.start<DeliveryHostWorkerInfo>('delivery-host.process', args);
    return { worker, pool: new Pool(worker.info.origin, { connections: CONCURRENCY }), alive: true };
  };
  const instances: Instance[] = [];
  try {
    instances.push(await start(), await start());
    const ids = (
      await Promise.all(instances.map((instance) => instance.worker.call<string[]>('create', TRANSACTIONS / 2)))
    ).flat();
    const completions = await emulator.call<EmulatorCompletionSummary[]>('complete', { transactionIds: ids });
    await emulator.call('resetTraffic');

    const random = new SeededRandom(seed);
    const signals: Signal[] = repeatedSignals(random, completions, COPIES);

    const firstSentAt = new Map<string, number>();
    const unexpected: string[] = [];
    let resent = 0;
    let killedPid: number | undefined;
    let restart: Promise<void> | undefined;
    const crashAt = Math.floor(signals.length * CRASH_AFTER);
    const run = await runConcurrent(
      async (index) => {
        if (index === crashAt) {
          const victim = instances[1];
          victim.alive = false;
          killedPid = victim.worker.info.pid;
          // The call never gets an answer: the worker is gone.
          await victim.worker.call('crash').catch(() => undefined);
          restart = sleep(RESTART_AFTER_MS).then(async () => {
            await victim.pool.close();
            instances[1] = await start();
          });
        }
        const signal = signals[index];
        const { transactionId } = signal.completion;
        if (!firstSentAt.has(transactionId)) firstSentAt.set(transactionId, Date.now());
        // A load balancer sends what the dead instance cannot take to the live one; so do senders' retries.
        let target = instances[signal.instance].alive ? signal.instance : ((1 - signal.instance) as 0 | 1);
        let status: number;
        try {
          status = await sendForStatus(instances[target].pool, signal, args.webhookSecret);
        } catch {
          resent++;
          target = (1 - target) as 0 | 1;
          status = await sendForStatus(instances[target].pool, signal, args.webhookSecret);
        }
        if (status !== EXPECTED_STATUS[signal.kind]) unexpected.push(`${signal.kind} answered ${status}`);
      },
      CONCURRENCY,
      Number.POSITIVE_INFINITY,
      signals.length,
    );
    await restart;
    const signalsDone = Date.now();

    // Retries, and the jobs the SIGKILL left running (back through BullMQ's stalled-job check), settle on their
    // own: the sink says when every transaction is handled, the queue when nothing is left to run.
    const queue = new Queue(args.queueName, { connection: sink });
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let handledMs: number | undefined;
    for (;;) {
      const handled = await sink.hlen(keys.handledBy);
      if (handled >= TRANSACTIONS) handledMs ??= Date.now() - signalsDone;
      const counts = await queue.getJobCounts('wait', 'delayed', 'active', 'prioritized');
      const backlog = Object.values(counts).reduce((sum, count) => sum + count, 0);
      if ((handled >= TRANSACTIONS && backlog === 0) || Date.now() > deadline) break;
      await sleep(500);
    }
    await queue.close();
    const settledMs = Date.now() - signalsDone;

    const handledBy = await sink.hgetall(keys.handledBy);
    const handledAt = await sink.hgetall(keys.handledAt);
    const attempts = Object.values(await sink.hgetall(keys.attempts)).map(Number);
    const again = await sink.lrange(keys.again, 0, -1);
    const deliveryFailed = Number((await sink.get(keys.deliveryFailed)) ?? 0);
    const traffic = await emulator.call<EmulatorTraffic>('traffic');

    const lost = ids.filter((id) => handledBy[id] === undefined).length;
    const strangers = Object.keys(handledBy).filter((id) => !ids.includes(id)).length;
    // A delivery after a success is the at-least-once gap: only a success in the killed process may leave one.
    const unexplained = again.filter((entry) => handledBy[entry.split(' ')[0]] !== String(killedPid)).length;
    const lags = ids
      .filter((id) => handledAt[id] !== undefined)
      .map((id) => Number(handledAt[id]) - (firstSentAt.get(id) ?? Number(handledAt[id])));
    const totalAttempts = attempts.reduce((sum, count) => sum + count, 0);

    return {
      title,
      lines: [
        `${signals.length.toLocaleString('en-US')} signals (${TRANSACTIONS} transactions × 3 signals × ${COPIES}), ` +
          `${CONCURRENCY} at a time over two instances, in ${(run.elapsedMs / 1000).toFixed(1)} s; instance 2 ` +
          `(pid ${killedPid ?? '?'}) was killed with SIGKILL after ${crashAt} signals and restarted ` +
          `${RESTART_AFTER_MS} ms later; ${resent} signals were re-sent to the other instance.`,
        `Listener attempts: ${totalAttempts} for ${TRANSACTIONS} transactions (${(totalAttempts / TRANSACTIONS).toFixed(2)} ` +
          `each, ${Math.round(FAILURE_RATE * 100)}% failing at random); all handled ` +
          `${handledMs === undefined ? 'never' : `${(handledMs / 1000).toFixed(1)} s`} after the last signal, the ` +
          `queue empty after ${(settledMs / 1000).toFixed(1)} s.`,
        `Upstream result calls per transaction: ${(traffic.api.requests / TRANSACTIONS).toFixed(2)} ` +
          `(${traffic.api.requests} in all: the signals' one check per transaction, a fetch per retry, and one for each ` +
          'first attempt the other instance ran).',
        `Delivery lag (first signal → successful handling): p50 ${Math.round(percentile(lags, 50))} ms, ` +
          `p99 ${Math.round(percentile(lags, 99))} ms, max ${Math.round(Math.max(...lags))} ms.`,
        `Deliveries after a success: ${again.length} (${again.length - unexplained} of them redeliveries of jobs ` +
          'the killed process had handled without acknowledging).',
      ],
      checks: [
        signalsAnsweredCheck(unexpected, run),
        {
          description: `every transaction handled successfully, none lost (${TRANSACTIONS})`,
          passed: lost === 0 && strangers === 0 && Object.keys(handledBy).length === TRANSACTIONS,
          detail: `${Object.keys(handledBy).length} handled, ${lost} lost, ${strangers} unknown`,
        },
        {
          description: 'none delivered again after its success, but for the killed process’s unacknowledged jobs',
          passed: unexplained === 0,
          detail: `${unexplained} unexplained`,
        },
        {
          description: 'no delivery ran out of retries (id-scan.delivery.failed)',
          passed: deliveryFailed === 0,
          detail: `${deliveryFailed}`,
        },
      ],
    };
  } finally {
    await Promise.all(instances.map((instance) => instance.pool.close()));
    await Promise.all(instances.map((instance) => instance.worker.stop()));
    await sink.quit();
    await redis.stop();
  }
}
