import { randomBytes } from 'node:crypto';
import { startRedisServer, type RedisServerHandle } from '../../test/support/redis-server';
import type { EmulatorWorkerInfo } from '../processes/emulator.process';
import type { BenchWorker } from '../support/bench-worker.util';
import { sendSignal, SIGNAL_KINDS, type SignalAnswer, type SignalKind } from '../support/completion-signals.util';
import { HostAppInstances } from '../support/host-app-instances.util';
import { runConcurrent } from '../support/load.util';
import { skippedWithoutRedis } from '../support/redis-requirement.util';
import { SeededRandom } from '../support/seeded-random.util';
import type { SoakReport } from '../support/soak-report.interface';

const TRANSACTIONS = 2000;
const CONCURRENCY = 32;
/** How long Redis stays dead each time: several store timeouts, and several reconnection attempts. */
const OUTAGE_MS = 2500;
/** Redis dies once this share of the signals was answered, then once more at the second. */
const OUTAGES_AT = [0.25, 0.6];
/**
 * How Redis is ended: SIGTERM by default (a restart, a failover, the OOM-free case), after which every command
 * Redis read was answered. `SOAK_REDIS_SIGNAL=SIGKILL` crashes it instead: a `SET NX` that Redis carried out (and
 * wrote to the append-only file) just before dying loses its answer, so its completion is recorded but its caller
 * answered 503, and no later signal announces it. Announcing a completion that is recorded but was never announced
 * is the completion service's part, not the store's; this variant shows whether it is done.
 */
const KILL_SIGNAL = process.env.SOAK_REDIS_SIGNAL === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM';
/**
 * A correctness bound, not a measurement: the store gives up after 1 s per call, and a signal meets at most two such
 * waits (the event route releases its claim after a failure), plus 1.5 s of slack for a loaded machine. A signal
 * that waits longer is one that hangs on Redis.
 */
const SIGNAL_BOUND_MS = 3500;

/**
 * Two application instances (processes of their own) share one Redis, which is killed and restarted twice
 * while 2000 transactions are completed, one signal each, of a random kind, to a random instance. Every signal must
 * be answered as its route promises, or with 503 (the failure page, for the return URL), within its bound; the
 * instances recover with no restart; after recovery a second signal for every transaction gives exactly one
 * `id-scan.transaction.completed` per transaction across both, and neither instance printed an unhandled error.
 */
export async function soakStoreOutage(emulator: BenchWorker<EmulatorWorkerInfo>, seed: string): Promise<SoakReport> {
  const title = 'Redis killed and restarted twice under two instances: 2000 completions';
  const skipped = skippedWithoutRedis(title);
  if (skipped) return skipped;

  // Append-only with fsync on every write: a restarted Redis keeps the records, as the README asks of production.
  const redis: RedisServerHandle = await startRedisServer({ appendOnly: true });
  const webhookSecret = randomBytes(24).toString('hex');
  const instances = new HostAppInstances();
  try {
    await instances.start(
      emulator,
      { redisUrl: redis.url, redisKeyPrefix: `soak-outage-${seed}:`, webhookSecret },
      2,
      CONCURRENCY,
    );
    const { ids, completions } = await instances.createCompleted(emulator, TRANSACTIONS);

    const random = new SeededRandom(seed);
    const signals = random.shuffle(
      completions.map((completion) => ({
        completion,
        kind: SIGNAL_KINDS[random.below(3)],
        instance: random.below(2),
      })),
    );

    // During the outages: each answer must be the route's success or its outage answer, within the bound.
    const during: (SignalAnswer & { kind: SignalKind })[] = [];
    let answered = 0;
    const outages: { killedAt: number; restartedAt: number }[] = [];
    const chaos = (async () => {
      for (const share of OUTAGES_AT) {
        while (answered < share * signals.length) await new Promise((resolve) => setTimeout(resolve, 20));
        const killedAt = performance.now();
        await redis.kill(KILL_SIGNAL);
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
        await redis.restart();
        outages.push({ killedAt, restartedAt: performance.now() });
      }
    })();
    const run = await runConcurrent(
      async (index) => {
        const signal = signals[index];
        const answer = await sendSignal(
          instances.pools[signal.instance],
          signal.kind,
          signal.completion,
          webhookSecret,
        );
        during.push({ ...answer, kind: signal.kind });
        answered++;
      },
      CONCURRENCY,
      Number.POSITIVE_INFINITY,
      signals.length,
    );
    await chaos;

    const unexpected = during.filter((answer) => !acceptable(answer.kind, answer));
    const refused = during.filter((answer) => answer.status === 503 || answer.location.includes('store_unavailable'));
    const slow = during.filter((answer) => answer.ms >= SIGNAL_BOUND_MS);

    // After recovery, with no restart of either instance: one more signal for every transaction.
    const after: SignalAnswer[] = [];
    const recovery = await runConcurrent(
      async (index) => {
        const completion = completions[index];
        after.push(await sendSignal(instances.pools[index % 2], 'iframe', completion, webhookSecret));
      },
      CONCURRENCY,
      Number.POSITIVE_INFINITY,
      completions.length,
    );
    const notOk = after.filter((answer) => answer.status !== 200);

    // Event listeners run after the answers; a pause lets any late duplicate show up.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const events = (await instances.completedEvents()).flat();
    const counts = new Map<string, number>();
    for (const id of events) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts.values()].filter((count) => count > 1).length;
    const never = ids.filter((id) => !counts.has(id)).length;
    const stderr = (await Promise.all(instances.workers.map((worker) => worker.call<string>('stderr')))).join('');
    const unhandled = stderr.split('\n').filter((line) => /Unhandled error event|\[ioredis\]/.test(line)).length;

    const slowest = Math.max(...during.map((answer) => answer.ms));
    return {
      title,
      lines: [
        `${signals.length} signals (one per transaction, random kind and instance), ${CONCURRENCY} at a time, in ` +
          `${(run.elapsedMs / 1000).toFixed(1)} s; Redis killed (${KILL_SIGNAL}) ${outages.length} times for ` +
          `${OUTAGE_MS} ms ` +
          `(at ${OUTAGES_AT.map((share) => `${share * 100}%`).join(' and ')} of the signals).`,
        `${refused.length} signals answered 503 or sent to the failure page with store_unavailable; the slowest ` +
          `answer took ${slowest.toFixed(0)} ms.`,
        `After recovery: ${after.length} iframe signals in ${(recovery.elapsedMs / 1000).toFixed(1)} s; ` +
          `${events.length} completion events in all.`,
      ],
      checks: [
        {
          description: 'during the outages every signal answered its success or 503 (the failure page for return)',
          passed: unexpected.length === 0 && run.failed === 0,
          detail:
            unexpected.length === 0 && run.failed === 0
              ? 'all'
              : `${unexpected.length + run.failed} others: ${[...new Set(unexpected.map(describeAnswer))].join('; ')}`,
        },
        {
          description: 'Redis really went away: some signals were refused with store_unavailable',
          passed: outages.length === OUTAGES_AT.length && refused.length > 0,
          detail: `${outages.length} outages, ${refused.length} refusals`,
        },
        {
          description: `every signal was answered within ${SIGNAL_BOUND_MS} ms`,
          passed: slow.length === 0,
          detail: slow.length === 0 ? `slowest ${slowest.toFixed(0)} ms` : `${slow.length} slower`,
        },
        {
          description: 'after recovery, without a restart, every transaction’s signal answered 200',
          passed: notOk.length === 0 && recovery.failed === 0,
          detail:
            notOk.length === 0 && recovery.failed === 0
              ? 'all'
              : `${notOk.length + recovery.failed} others: ${[...new Set(notOk.map(describeAnswer))].join('; ')}`,
        },
        {
          description: `exactly one completion event per transaction (${TRANSACTIONS}), across both instances`,
          passed: events.length === TRANSACTIONS && twice === 0 && never === 0,
          detail: `${events.length} events; ${twice} twice, ${never} missing`,
        },
        {
          description: 'neither instance printed an unhandled ioredis error',
          passed: unhandled === 0,
          detail: `${unhandled} lines`,
        },
      ],
    };
  } finally {
    await instances.stop();
    await redis.stop();
  }
}

/** The route's success, or its answer to a store outage. */
function acceptable(kind: SignalKind, answer: SignalAnswer): boolean {
  if (kind === 'return-url') {
    return (
      answer.status === 302 &&
      (answer.location.startsWith('/verified?') ||
        (answer.location.startsWith('/not-verified?') && answer.location.endsWith('&error=store_unavailable')))
    );
  }
  return answer.status === 200 || answer.status === 503;
}

function describeAnswer(answer: SignalAnswer & { kind?: SignalKind }): string {
  return `${answer.kind ?? 'iframe'} answered ${answer.status}${answer.location ? ` to ${answer.location.split('?')[0]}` : ''}`;
}
