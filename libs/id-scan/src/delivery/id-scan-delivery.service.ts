import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EventEmitter2, EventEmitterReadinessWatcher } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { emitIsolated } from '../completion/emit-isolated.util';
import { IdScanTransactionNotCompletedError } from '../completion/id-scan-transaction-not-completed.error';
import { DeliveryFailedEvent } from '../events/delivery-failed.event';
import { IdScanEvents, type IdScanEventName } from '../events/id-scan-events';
import { TaskUpdatedEvent } from '../events/task-updated.event';
import { TransactionCompletedEvent } from '../events/transaction-completed.event';
import { TransactionExpiredEvent } from '../events/transaction-expired.event';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import { IdScanService } from '../id-scan.service';
import type { IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import { verdictOf } from '../result/verdict-of.util';
import type { IdScanDeliveryClaim } from '../stores/id-scan-transaction-store.interface';
import { IdScanTelemetryService } from '../telemetry/id-scan-telemetry.service';
import { BullmqDeliveryQueue } from './bullmq-delivery.queue';
import { deliveryJobId, type IdScanDeliveryJob } from './id-scan-delivery-job.interface';
import { InProcessDeliveryScheduler, type DeliveryAttemptOutcome } from './in-process-delivery.scheduler';

/** Where deliveries stand, for the health indicator. */
export interface IdScanDeliveryStats {
  /** Deliveries running or waiting for a retry: in this process, or in the whole queue. */
  backlog: number;
  /** Deliveries whose retries ran out: since this process started, or in the queue during the last week. */
  failed: number;
}

/** What {@link IdScanDeliveryService.schedule} hands back. */
export interface IdScanScheduledDelivery {
  /** Resolves after the first attempt (in-process mode); at once with a queue, where any instance may run it. */
  firstAttempt: Promise<void>;
}

/** A prefetched result waits this long for the first attempt of its queued job on this instance. */
const HAND_OFF_MS = 30_000;
/**
 * How long a delivery claim holds without a word from its holder: the first attempt's listeners have this long, and
 * each retry renews it until a while after the retry is due. A claim whose holder died, or whose write lost its
 * answer, runs out after this, and the next signal or sweep delivers instead.
 */
export const DELIVERY_LEASE_MS = 30_000;
/** Between two tries of a delivered mark that did not get through. */
const MARK_RETRY_MS = 1000;

/**
 * Delivers completion, expiry and task events to the host's listeners at least once, until every listener succeeded
 * in the same attempt, and never again after that. A listener that throws or rejects fails the attempt, which is
 * retried after `delivery.retryDelaysMs`: in this process by default, or through a BullMQ queue with
 * `delivery.queue`. When the retries run out, `id-scan.delivery.failed` is emitted and one error line logged.
 * Between attempts only ids and the reference are kept; each retry of a completion fetches the result again.
 */
@Injectable()
export class IdScanDeliveryService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdScanDelivery');
  private readonly retryDelaysMs: readonly number[];
  private readonly scheduler?: InProcessDeliveryScheduler;
  private queue?: BullmqDeliveryQueue;
  /** Results fetched by the signal that enqueued a job, so its first attempt here needs no second API call. */
  private readonly handOff = new Map<string, IdScanTransactionResult>();
  private failedHere = 0;
  private warnedNoEmitter = false;
  /** In-process deliveries of an outcome running or waiting here, by job id: the claim this process holds. */
  private readonly held = new Map<string, IdScanDeliveryClaim>();
  private closed = false;

  constructor(
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    private readonly idScan: IdScanService,
    private readonly telemetry: IdScanTelemetryService,
    @Optional() private readonly events?: EventEmitter2,
    @Optional() private readonly readiness?: EventEmitterReadinessWatcher,
  ) {
    this.retryDelaysMs = options.delivery.retryDelaysMs;
    if (!options.delivery.queue) {
      this.scheduler = new InProcessDeliveryScheduler(this.retryDelaysMs, (job, attempt) => this.run(job, attempt));
    }
  }

  /** Opens the queue, if configured; its worker waits for {@link onApplicationBootstrap}. */
  async onModuleInit(): Promise<void> {
    const queue = this.options.delivery.queue;
    if (!queue) return;
    this.queue = await BullmqDeliveryQueue.open({
      ...queue,
      retryDelaysMs: this.retryDelaysMs,
      // Only a first attempt may use the signal's result: a retry fetches it again.
      run: (job, attempt, jobId) => {
        const result = this.takeHandOff(jobId);
        return this.run(job, attempt, attempt === 1 ? result : undefined);
      },
    });
  }

  /**
   * Starts the worker once the event listeners are registered: a job delivered to nobody would count as done. Not
   * awaited here: Nest runs the modules' bootstrap hooks one after the other, and the event emitter's may come later.
   */
  onApplicationBootstrap(): void {
    if (!this.queue) return;
    const ready = this.readiness?.waitUntilReady() ?? Promise.resolve();
    ready.then(
      () => this.queue?.run(),
      (error: unknown) =>
        this.logger.error(
          `The delivery queue's worker did not start: the event listeners failed to register (${String(error)})`,
        ),
    );
  }

  /** Drops in-process retries and closes the queue's worker (running jobs finish first). */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.scheduler?.close();
    this.held.clear();
    for (const jobId of this.handOff.keys()) this.handOff.delete(jobId);
    await this.queue?.close();
    this.queue = undefined;
  }

  /**
   * Schedules a delivery. In-process, the first attempt starts at once; with a queue, the job is enqueued (once per
   * job id, whichever instance adds it).
   * @param result the completion's result, already fetched: the first attempt uses it instead of a second API call.
   * @param claim the store's delivery claim this caller holds (in-process mode): renewed before each retry, and
   *   ended by the delivered mark once the delivery succeeded or gave up.
   * @throws IdScanStoreUnavailableError when the queue's Redis does not take the job within 1.5 s; the signal must
   *   then be answered with an error (503), so it is retried.
   */
  async schedule(
    job: IdScanDeliveryJob,
    result?: IdScanTransactionResult,
    claim?: IdScanDeliveryClaim,
  ): Promise<IdScanScheduledDelivery> {
    if (this.scheduler) {
      if (claim && job.kind !== 'task') this.held.set(deliveryJobId(job), claim);
      const firstAttempt = this.scheduler.start(job, (first, attempt) => this.run(first, attempt, result));
      return { firstAttempt };
    }
    if (!this.queue) throw new Error('The delivery queue is closed');
    if (result) this.keepHandOff(deliveryJobId(job), result);
    await this.queue.add(job);
    return { firstAttempt: Promise.resolve() };
  }

  /**
   * For a signal (or the sweep) that finds an outcome recorded whose delivery is not marked done (`delivered` is
   * `false`, or `undefined` from a store that does not keep the mark): the repair of a first delivery that was lost
   * (its process died, its queue was unreachable, or the write that recorded it lost its answer).
   * - With a queue, adds the job again: a no-op when it exists.
   * - In-process, takes the store's delivery claim when no other holder's lease runs, and delivers; resolves with
   *   the scheduled delivery then, `undefined` otherwise.
   * @param token a claim token this process may already hold (a repeated write whose answer was lost).
   * @throws IdScanStoreUnavailableError when the store or the queue's Redis does not answer.
   */
  async ensureDelivered(
    job: IdScanDeliveryJob,
    delivered: boolean | undefined,
    token: string = randomUUID(),
  ): Promise<IdScanScheduledDelivery | undefined> {
    if (delivered === true) return undefined;
    if (!this.scheduler) {
      if (!this.queue) throw new Error('The delivery queue is closed');
      await this.queue.add(job);
      return undefined;
    }
    const store = this.options.store;
    if (job.kind === 'task' || delivered === undefined || !store.takeDelivery) return undefined;
    if (this.held.has(deliveryJobId(job))) return undefined;
    const claim: IdScanDeliveryClaim = { token, leaseMs: DELIVERY_LEASE_MS };
    if ((await store.takeDelivery(job.transactionId, job.kind, claim)) !== 'taken') return undefined;
    this.logger.debug(`Delivering ${eventNameOf(job)} for transaction ${job.transactionId}, whose delivery was lost`);
    return this.schedule(job, undefined, claim);
  }

  /** The backlog and the failed deliveries (see {@link IdScanDeliveryStats}). */
  async stats(): Promise<IdScanDeliveryStats> {
    if (this.queue) return this.queue.counts();
    return { backlog: this.scheduler?.backlog ?? 0, failed: this.failedHere };
  }

  /**
   * One attempt, in its own span: `delivered`, `retry` (it failed, a retry is left), or `failed` (retries exhausted,
   * reported).
   */
  private async run(
    job: IdScanDeliveryJob,
    attempt: number,
    result?: IdScanTransactionResult,
  ): Promise<DeliveryAttemptOutcome> {
    const name = eventNameOf(job);
    const span = this.telemetry.startDeliverySpan({ transactionId: job.transactionId, event: name, attempt });
    const { delivered, error } = await span.run(() => this.deliver(job, name, attempt, result));
    this.telemetry.recordDeliveryAttempt({ event: name, failed: !delivered });
    if (delivered) {
      span.end();
      this.settled(job);
      return 'delivered';
    }
    span.fail(error);
    if (attempt <= this.retryDelaysMs.length) {
      this.renew(job, this.retryDelaysMs[attempt - 1]);
      return 'retry';
    }
    await this.reportFailure(job, name, attempt, error);
    this.settled(job);
    return 'failed';
  }

  /**
   * Keeps this process's claim over the wait for the next attempt, so no other instance starts a second delivery
   * meanwhile. Best effort: a renewal that fails lets the claim run out, and at worst another instance delivers too.
   */
  private renew(job: IdScanDeliveryJob, delayMs: number): void {
    const claim = this.held.get(deliveryJobId(job));
    const store = this.options.store;
    if (!claim || job.kind === 'task' || !store.takeDelivery) return;
    const renewed = { ...claim, leaseMs: delayMs + DELIVERY_LEASE_MS };
    store.takeDelivery(job.transactionId, job.kind, renewed).then(
      (take) => {
        if (take !== 'taken') this.logger.warn(`The delivery claim of transaction ${job.transactionId} was ${take}`);
      },
      (error: unknown) => this.logger.debug(`Could not renew a delivery claim: ${String(error)}`),
    );
  }

  /**
   * Marks the outcome's delivery done (succeeded, or given up and reported), so later signals and the sweep leave
   * it alone; retried in the background while the store does not answer, within the claim's lease.
   */
  private settled(job: IdScanDeliveryJob): void {
    const store = this.options.store;
    if (job.kind === 'task' || !store.markDelivered) return;
    this.held.delete(deliveryJobId(job));
    const mark = (triesLeft: number): void => {
      store.markDelivered?.(job.transactionId).catch((error: unknown) => {
        if (triesLeft > 0 && !this.closed) {
          setTimeout(() => mark(triesLeft - 1), MARK_RETRY_MS).unref();
          return;
        }
        this.logger.warn(
          `Could not mark the delivery of transaction ${job.transactionId} done (${String(error)}); a later ` +
            'signal may deliver it again',
        );
      });
    };
    mark(Math.floor(DELIVERY_LEASE_MS / MARK_RETRY_MS) - 1);
  }

  /** Builds the event and hands it to every listener; never rejects. */
  private async deliver(
    job: IdScanDeliveryJob,
    name: IdScanEventName,
    attempt: number,
    result?: IdScanTransactionResult,
  ): Promise<{ delivered: boolean; error?: unknown }> {
    try {
      const event = await this.eventOf(job, attempt, result);
      if (!this.events) {
        this.warnNoEmitter(name);
        return { delivered: true };
      }
      const outcome = await emitIsolated(this.events, name, event, this.logger);
      return outcome.failures === 0 ? { delivered: true } : { delivered: false, error: outcome.lastError };
    } catch (fetchError) {
      // The result could not be fetched again (the API is down): a failed attempt like any other.
      this.logger.warn(
        `Delivery attempt ${attempt} of ${name} for transaction ${job.transactionId} could not fetch the result: ` +
          `${fetchError instanceof Error ? fetchError.message : String(fetchError)}`,
      );
      return { delivered: false, error: fetchError };
    }
  }

  private async eventOf(job: IdScanDeliveryJob, attempt: number, prefetched?: IdScanTransactionResult) {
    if (job.kind === 'expired') return new TransactionExpiredEvent(job.transactionId, job.reference, attempt);
    if (job.kind === 'task') {
      return new TaskUpdatedEvent(job.transactionId, job.task, job.state, job.reference, attempt);
    }
    const result = prefetched ?? (await this.idScan.getResult(job.transactionId, job.resultId));
    if (result.state !== 'completed') throw new IdScanTransactionNotCompletedError(job.transactionId, result.state);
    const verdict = verdictOf(result, { requestedTasks: job.tasks });
    return new TransactionCompletedEvent(
      job.transactionId,
      job.resultId,
      result,
      job.via,
      job.reference,
      attempt,
      verdict,
    );
  }

  private async reportFailure(job: IdScanDeliveryJob, name: IdScanEventName, attempts: number, error: unknown) {
    this.failedHere++;
    this.telemetry.recordDeadLetter({ event: name });
    const failure = {
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    };
    this.logger.error(
      `Delivery of ${name} for transaction ${job.transactionId} failed ${attempts} times and will not be retried ` +
        `(last failure: ${failure.name}); ${IdScanEvents.DeliveryFailed} emitted`,
    );
    if (!this.events) return;
    const event = new DeliveryFailedEvent(job.transactionId, name, attempts, Object.freeze(failure), job.reference);
    await emitIsolated(this.events, IdScanEvents.DeliveryFailed, event, this.logger);
  }

  private keepHandOff(jobId: string, result: IdScanTransactionResult): void {
    this.handOff.set(jobId, result);
    setTimeout(() => this.handOff.delete(jobId), HAND_OFF_MS).unref();
  }

  private takeHandOff(jobId: string): IdScanTransactionResult | undefined {
    const result = this.handOff.get(jobId);
    this.handOff.delete(jobId);
    return result;
  }

  private warnNoEmitter(name: string): void {
    if (this.warnedNoEmitter) return;
    this.warnedNoEmitter = true;
    this.logger.warn(`No EventEmitter2 is available to announce ${name}: import EventEmitterModule.forRoot()`);
  }
}

function eventNameOf(job: IdScanDeliveryJob): IdScanEventName {
  if (job.kind === 'completed') return IdScanEvents.TransactionCompleted;
  if (job.kind === 'expired') return IdScanEvents.TransactionExpired;
  return IdScanEvents.TaskUpdated;
}
