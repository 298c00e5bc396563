import { Logger } from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import { IdScanStoreUnavailableError } from '../errors/id-scan-store-unavailable.error';
import { deliveryJobId, type IdScanDeliveryJob } from './id-scan-delivery-job.interface';
import type { DeliveryAttemptOutcome } from './in-process-delivery.scheduler';

type BullMq = typeof import('bullmq');

/** Options of {@link BullmqDeliveryQueue.open}. */
export interface BullmqDeliveryQueueOptions {
  connection: object;
  name: string;
  prefix: string;
  concurrency: number;
  retryDelaysMs: readonly number[];
  /**
   * Runs one attempt. `retry` fails the job's attempt, so BullMQ retries it after the next delay; `failed` fails it
   * for good (counted among the queue's failed jobs).
   */
  run(job: IdScanDeliveryJob, attempt: number, jobId: string): Promise<DeliveryAttemptOutcome>;
}

/** Job counts for the health indicator. */
export interface BullmqDeliveryCounts {
  backlog: number;
  failed: number;
}

/** Finished jobs are kept a week: a later signal re-adds the same job id, which must stay a no-op meanwhile. */
const KEEP_FINISHED_SECONDS = 7 * 24 * 3600;
const BACKOFF_TYPE = 'id-scan-retry-delays';
/**
 * How long enqueueing (or reading the counts) may take, waiting for a lost connection included. BullMQ's own calls
 * wait for the connection forever (`maxRetriesPerRequest: null` and an offline queue), which would hold a signal
 * past CM's 10 s delivery timeout; a quick 503 instead gets it retried (docs/id-scan-api.md §B5).
 */
const QUEUE_CALL_TIMEOUT_MS = 1500;
/** Between two recovery probes, when the connection refuses commands instead of holding them until it is back. */
const PROBE_RETRY_MS = 500;
/** Reconnection delays for connections BullMQ opens from options: soon and forever, like the store's own client. */
const reconnectSoon = (attempt: number): number => Math.min(attempt * 100, 500);

/** Thrown to make BullMQ count a failed attempt; its message holds no listener message (BullMQ stores it in Redis). */
class DeliveryAttemptFailedError extends Error {
  override name = 'DeliveryAttemptFailedError';
}

/**
 * Deliveries on a BullMQ queue (optional peer `bullmq`): one job per event, its id derived from the transaction, so
 * signals on several instances enqueue it once. BullMQ does the rest: retries with the configured delays as a
 * custom backoff, and stalled-job recovery, which redelivers a job whose process died in the middle of a listener.
 */
export class BullmqDeliveryQueue {
  private readonly logger = new Logger('IdScanDeliveryQueue');
  /** Whether a lost connection was logged and its recovery not yet. */
  private lost = false;
  /** Settles when a lost connection is back (or the queue is closed); shared by every call waiting for it. */
  private recovery?: { promise: Promise<void>; resolve: () => void };
  private closed = false;

  private constructor(
    private readonly queue: Queue,
    private readonly worker: Worker,
    private readonly attempts: number,
  ) {
    // Without listeners, BullMQ prints every connection error with its stack (and ioredis its "Unhandled error
    // event"); BullMQ retries them itself, so one line when the connection is lost and one when it is back suffice.
    queue.on('error', (error) => this.failed(error));
    worker.on('error', (error) => this.failed(error));
    queue.on('ioredis:close', () => this.connectionLost('connection closed'));
    worker.on('ioredis:close', () => this.connectionLost('connection closed'));
  }

  /**
   * Creates the queue and a worker that does not run yet ({@link run}), so no job reaches the host before its
   * listeners are registered.
   * @throws Error naming the missing peer when `bullmq` is not installed.
   */
  static async open(options: BullmqDeliveryQueueOptions): Promise<BullmqDeliveryQueue> {
    const bullmq = await loadBullMq();
    const delays = options.retryDelaysMs;
    const common = { connection: withReconnectDefaults(options.connection) as never, prefix: options.prefix };
    const queue = new bullmq.Queue(options.name, common);
    const worker = new bullmq.Worker(
      options.name,
      async (job: Job<IdScanDeliveryJob>) => {
        const attempt = job.attemptsMade + 1;
        const outcome = await options.run(job.data, attempt, job.id ?? '');
        if (outcome === 'retry') throw new DeliveryAttemptFailedError(`Delivery attempt ${attempt} failed`);
        if (outcome === 'failed') {
          throw new bullmq.UnrecoverableError(
            `Delivery failed after ${attempt} attempts; id-scan.delivery.failed emitted`,
          );
        }
      },
      {
        ...common,
        autorun: false,
        concurrency: options.concurrency,
        settings: {
          backoffStrategy: (attemptsMade: number) => delays[Math.min(attemptsMade, delays.length) - 1] ?? 0,
        },
      },
    );
    return new BullmqDeliveryQueue(queue, worker, delays.length + 1);
  }

  /** Starts taking jobs. */
  run(): void {
    void this.worker.run().catch(() => undefined);
  }

  /**
   * Adds the job unless one with its id exists (waiting, delayed, running or finished within a week).
   * @throws IdScanStoreUnavailableError when the queue's Redis does not take it within 1.5 s.
   */
  async add(job: IdScanDeliveryJob): Promise<string> {
    const jobId = deliveryJobId(job);
    await this.bounded(() =>
      this.queue.add(job.kind, job, {
        jobId,
        attempts: this.attempts,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: { age: KEEP_FINISHED_SECONDS },
        removeOnFail: { age: KEEP_FINISHED_SECONDS },
      }),
    );
    return jobId;
  }

  /**
   * Jobs waiting, delayed or running (the backlog), and jobs whose retries ran out in the last week.
   * @throws IdScanStoreUnavailableError when the queue's Redis does not answer within 1.5 s.
   */
  async counts(): Promise<BullmqDeliveryCounts> {
    const counts = await this.bounded(() =>
      this.queue.getJobCounts('wait', 'delayed', 'active', 'prioritized', 'failed'),
    );
    const backlog = (counts.wait ?? 0) + (counts.delayed ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0);
    return { backlog, failed: counts.failed ?? 0 };
  }

  /** Lets running jobs finish, then closes the worker and the queue (a client the host passed stays open). */
  async close(): Promise<void> {
    this.closed = true;
    this.recovery?.resolve();
    await this.worker.close();
    await this.queue.close();
  }

  /**
   * Runs one queue call within {@link QUEUE_CALL_TIMEOUT_MS}. While the connection is known to be lost, the call
   * first waits (within the same bound) for it to come back, and is not sent at all if it does not: the client's
   * offline queue would otherwise pile up calls whose callers have given up. A call that was sent and timed out
   * may still reach Redis later; for an add that is harmless, since the job id makes a second add a no-op and the
   * job is one that should exist.
   */
  private async bounded<T>(call: () => Promise<T>): Promise<T> {
    if (this.closed) {
      throw new IdScanStoreUnavailableError('The delivery queue was closed; no job can be enqueued any more.', {
        code: 'closed',
      });
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), QUEUE_CALL_TIMEOUT_MS);
    });
    try {
      if (this.lost && this.recovery) await Promise.race([this.recovery.promise, deadline]);
      if (this.lost || this.closed) throw queueUnavailable('not_connected');
      const pending = call();
      // Settles after the caller may have given up; that late outcome is nobody's business.
      pending.catch(() => undefined);
      const outcome = await Promise.race([pending.then((value) => ({ value })), deadline]);
      if (outcome === 'timeout') throw queueUnavailable('ETIMEDOUT');
      return outcome.value;
    } catch (error) {
      if (error instanceof IdScanStoreUnavailableError) throw error;
      const code = connectionErrorCode(error);
      if (code === undefined) throw error;
      throw queueUnavailable(code, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** An `error` of the queue or the worker: a connection failure counts as a loss; anything else is logged. */
  private failed(error: unknown): void {
    const code = connectionErrorCode(error);
    if (code !== undefined) return this.connectionLost(code);
    // While the connection is away, BullMQ's other complaints are consequences of it.
    if (this.lost || this.closed) return;
    const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
    const what = typeof name === 'string' ? name : 'an error';
    this.logger.warn(`The delivery queue reported ${what}: ${typeof message === 'string' ? message : ''}`);
  }

  private connectionLost(reason: string): void {
    if (this.lost || this.closed) return;
    this.lost = true;
    let resolve!: () => void;
    const promise = new Promise<void>((settle) => (resolve = settle));
    this.recovery = { promise, resolve };
    this.logger.warn(
      `Lost the connection to the delivery queue's Redis (${reason}). Deliveries cannot be enqueued (the routes ` +
        'answer 503) and the worker waits until it is back; reconnecting in the background.',
    );
    this.probe();
  }

  /**
   * Asks the queue for a count until it answers: BullMQ holds the call until the connection is back, or, on a
   * client that refuses commands while disconnected, fails it at once and the probe asks again a little later.
   */
  private probe(): void {
    if (this.closed) return;
    this.queue.getJobCounts('wait').then(
      () => this.connectionBack(),
      () => setTimeout(() => this.probe(), PROBE_RETRY_MS).unref(),
    );
  }

  private connectionBack(): void {
    if (!this.lost) return;
    this.lost = false;
    this.recovery?.resolve();
    this.recovery = undefined;
    if (this.closed) return;
    this.logger.log("Reconnected to the delivery queue's Redis; deliveries are enqueued and run again.");
  }
}

/**
 * For a connection BullMQ opens from options, reconnection every half second at most instead of BullMQ's default
 * backoff of up to 20 s, so deliveries resume soon after Redis is back; the host's own `retryStrategy` wins. A
 * client passed in is left as it is.
 */
function withReconnectDefaults(connection: object): object {
  const isClient = ['connect', 'disconnect', 'duplicate'].every(
    (method) => typeof (connection as Record<string, unknown>)[method] === 'function',
  );
  return isClient ? connection : { retryStrategy: reconnectSoon, ...connection };
}

/** Socket failures that mean Redis cannot be reached right now. */
const SOCKET_FAILURE = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)\b/;
/** ioredis's and BullMQ's own words for a connection that is not there. */
const CONNECTION_FAILURE = /Connection is closed|Stream isn't writeable|max retries per request|Command timed out/i;

/**
 * The failure's code when it means the queue's Redis is unreachable, `undefined` for any other error. Read
 * structurally: socket errors come from Node's own realm, where `instanceof Error` can be false.
 */
function connectionErrorCode(error: unknown): string | undefined {
  const { code, message, name } = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  const socket = SOCKET_FAILURE.exec(`${String(code)} ${String(message)}`);
  if (socket) return socket[1];
  if (name === 'ConnectionClosedError' || name === 'MaxRetriesPerRequestError') return name;
  return typeof message === 'string' && CONNECTION_FAILURE.test(message) ? 'connection_lost' : undefined;
}

function queueUnavailable(code: string, cause?: unknown): IdScanStoreUnavailableError {
  return new IdScanStoreUnavailableError(
    `The delivery queue's Redis could not be reached (${code}), so the delivery was not enqueued. Check that Redis ` +
      'is running and reachable; the queue reconnects by itself, so try again in a moment.',
    { code, cause },
  );
}

/** `bullmq` is an optional peer dependency: loaded only when `delivery.queue` is configured. */
async function loadBullMq(): Promise<BullMq> {
  try {
    return await import('bullmq');
  } catch (error) {
    throw new Error('delivery.queue needs the optional peer dependency bullmq: npm install bullmq', { cause: error });
  }
}
