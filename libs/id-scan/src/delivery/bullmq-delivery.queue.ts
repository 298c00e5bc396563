import type { Job, Queue, Worker } from 'bullmq';
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
  private constructor(
    private readonly queue: Queue,
    private readonly worker: Worker,
    private readonly attempts: number,
  ) {}

  /**
   * Creates the queue and a worker that does not run yet ({@link run}), so no job reaches the host before its
   * listeners are registered.
   * @throws Error naming the missing peer when `bullmq` is not installed.
   */
  static async open(options: BullmqDeliveryQueueOptions): Promise<BullmqDeliveryQueue> {
    const bullmq = await loadBullMq();
    const delays = options.retryDelaysMs;
    const common = { connection: options.connection as never, prefix: options.prefix };
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
    // Worker errors (a lost connection) are retried by BullMQ itself; without a listener Node would throw them.
    worker.on('error', () => undefined);
    return new BullmqDeliveryQueue(queue, worker, delays.length + 1);
  }

  /** Starts taking jobs. */
  run(): void {
    void this.worker.run().catch(() => undefined);
  }

  /** Adds the job unless one with its id exists (waiting, delayed, running or finished within a week). */
  async add(job: IdScanDeliveryJob): Promise<string> {
    const jobId = deliveryJobId(job);
    await this.queue.add(job.kind, job, {
      jobId,
      attempts: this.attempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { age: KEEP_FINISHED_SECONDS },
      removeOnFail: { age: KEEP_FINISHED_SECONDS },
    });
    return jobId;
  }

  /** Jobs waiting, delayed or running (the backlog), and jobs whose retries ran out in the last week. */
  async counts(): Promise<BullmqDeliveryCounts> {
    const counts = await this.queue.getJobCounts('wait', 'delayed', 'active', 'prioritized', 'failed');
    const backlog = (counts.wait ?? 0) + (counts.delayed ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0);
    return { backlog, failed: counts.failed ?? 0 };
  }

  /** Lets running jobs finish, then closes the worker and the queue (a client the host passed stays open). */
  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }
}

/** `bullmq` is an optional peer dependency: loaded only when `delivery.queue` is configured. */
async function loadBullMq(): Promise<BullMq> {
  try {
    return await import('bullmq');
  } catch (error) {
    throw new Error('delivery.queue needs the optional peer dependency bullmq: npm install bullmq', { cause: error });
  }
}
