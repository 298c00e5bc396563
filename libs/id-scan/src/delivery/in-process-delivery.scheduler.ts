import type { IdScanDeliveryJob } from './id-scan-delivery-job.interface';

/** How one attempt ended: `retry` when it failed and a retry is left; `failed` when none is (already reported). */
export type DeliveryAttemptOutcome = 'delivered' | 'retry' | 'failed';

/** Runs one attempt. */
export type DeliveryAttemptRunner = (job: IdScanDeliveryJob, attempt: number) => Promise<DeliveryAttemptOutcome>;

/**
 * Retries deliveries in this process, with one timer per waiting retry. Timers are unref'd, so they never keep a
 * process alive, and cleared on {@link close}: in-process retries end with the process (the queue mode survives it).
 */
export class InProcessDeliveryScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private closed = false;

  constructor(
    private readonly retryDelaysMs: readonly number[],
    private readonly run: DeliveryAttemptRunner,
  ) {}

  /** Starts the first attempt now; resolves once it finished (retries, if any, are scheduled by then). */
  start(job: IdScanDeliveryJob, first: DeliveryAttemptRunner = this.run): Promise<void> {
    return this.attempt(job, 1, first);
  }

  /** Deliveries running now or waiting for a retry in this process. */
  get backlog(): number {
    return this.inFlight + this.timers.size;
  }

  /** Drops every waiting retry; attempts already running finish, but schedule nothing more. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(job: IdScanDeliveryJob, attempt: number, run: DeliveryAttemptRunner): Promise<void> {
    this.inFlight++;
    let outcome: DeliveryAttemptOutcome;
    try {
      outcome = await run(job, attempt);
    } finally {
      this.inFlight--;
    }
    if (outcome !== 'retry' || this.closed || attempt > this.retryDelaysMs.length) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.attempt(job, attempt + 1, this.run);
      },
      this.retryDelaysMs[attempt - 1],
    );
    timer.unref();
    this.timers.add(timer);
  }
}
