import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { findRedisServer, startRedisServer, type RedisServerHandle } from '../../test/support/redis-server';
import type { EmulatorCompletionSummary, EmulatorWorkerInfo } from '../processes/emulator.process';
import type { HostAppWorkerArgs, HostAppWorkerInfo } from '../processes/host-app.process';
import { BenchWorker } from '../support/bench-worker.util';
import { runConcurrent } from '../support/load.util';
import { SeededRandom } from '../support/seeded-random.util';
import type { SoakReport } from '../support/soak-report.interface';

const TRANSACTIONS = 2000;
const CONCURRENCY = 32;
const WEBHOOK_HEADER = 'x-id-scan-webhook-secret';
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

type SignalKind = 'iframe' | 'return-url' | 'webhook';

interface Answer {
  status: number;
  location: string;
  ms: number;
}

/**
 * Two application instances (processes of their own) share one Redis, which is killed and restarted twice
 * while 2000 transactions are completed, one signal each, of a random kind, to a random instance. Every signal must
 * be answered as its route promises, or with 503 (the failure page, for the return URL), within its bound; the
 * instances recover with no restart; after recovery a second signal for every transaction gives exactly one
 * `id-scan.transaction.completed` per transaction across both, and neither instance printed an unhandled error.
 */
export async function soakStoreOutage(emulator: BenchWorker<EmulatorWorkerInfo>, seed: string): Promise<SoakReport> {
  const title = 'Redis killed and restarted twice under two instances: 2000 completions';
  if (!findRedisServer()) {
    const message = 'redis-server was not found; run scripts/install-system-deps.sh to install it';
    if (process.env.CI === 'true') throw new Error(message);
    return { title, lines: [], checks: [], skipped: message };
  }

  // Append-only with fsync on every write: a restarted Redis keeps the records, as the README asks of production.
  const redis: RedisServerHandle = await startRedisServer({ appendOnly: true });
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
      redisKeyPrefix: `soak-outage-${seed}:`,
      webhookSecret,
    };
    for (let i = 0; i < 2; i++) instances.push(await BenchWorker.start<HostAppWorkerInfo>('host-app.process', args));
    for (const instance of instances) pools.push(new Pool(instance.info.origin, { connections: CONCURRENCY }));

    const ids = (
      await Promise.all(instances.map((instance) => instance.call<string[]>('create', TRANSACTIONS / 2)))
    ).flat();
    const completions = await emulator.call<EmulatorCompletionSummary[]>('complete', { transactionIds: ids });
    if (completions.some((completion) => completion.event === undefined)) {
      throw new Error('the emulator published no completion event for some transactions');
    }

    const random = new SeededRandom(seed);
    const kinds: SignalKind[] = ['iframe', 'return-url', 'webhook'];
    const signals = random.shuffle(
      completions.map((completion) => ({
        completion,
        kind: kinds[random.below(3)],
        instance: random.below(2),
      })),
    );

    // During the outages: each answer must be the route's success or its outage answer, within the bound.
    const during: (Answer & { kind: SignalKind })[] = [];
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
        const answer = await send(pools[signal.instance], signal.kind, signal.completion, webhookSecret);
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
    const after: Answer[] = [];
    const recovery = await runConcurrent(
      async (index) => {
        const completion = completions[index];
        after.push(await send(pools[index % 2], 'iframe', completion, webhookSecret));
      },
      CONCURRENCY,
      Number.POSITIVE_INFINITY,
      completions.length,
    );
    const notOk = after.filter((answer) => answer.status !== 200);

    // Event listeners run after the answers; a pause lets any late duplicate show up.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const events = (await Promise.all(instances.map((instance) => instance.call<string[]>('completedEvents')))).flat();
    const counts = new Map<string, number>();
    for (const id of events) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts.values()].filter((count) => count > 1).length;
    const never = ids.filter((id) => !counts.has(id)).length;
    const stderr = (await Promise.all(instances.map((instance) => instance.call<string>('stderr')))).join('');
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
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all(instances.map((instance) => instance.stop()));
    await redis.stop();
  }
}

/** The route's success, or its answer to a store outage. */
function acceptable(kind: SignalKind, answer: Answer): boolean {
  if (kind === 'return-url') {
    return (
      answer.status === 302 &&
      (answer.location.startsWith('/verified?') ||
        (answer.location.startsWith('/not-verified?') && answer.location.endsWith('&error=store_unavailable')))
    );
  }
  return answer.status === 200 || answer.status === 503;
}

function describeAnswer(answer: Answer & { kind?: SignalKind }): string {
  return `${answer.kind ?? 'iframe'} answered ${answer.status}${answer.location ? ` to ${answer.location.split('?')[0]}` : ''}`;
}

/** Sends one signal the way its real sender would. */
async function send(
  pool: Pool,
  kind: SignalKind,
  completion: EmulatorCompletionSummary,
  webhookSecret: string,
): Promise<Answer> {
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
