import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DELIVERY_LEASE_MS, IdScanDeliveryService } from '../delivery/id-scan-delivery.service';
import type { IdScanDeliveryJob } from '../delivery/id-scan-delivery-job.interface';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import { IdScanService } from '../id-scan.service';
import type { IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import { verdictOf } from '../result/verdict-of.util';
import type { IdScanTransactionRecord } from '../stores/id-scan-transaction-store.interface';
import type { IdScanDeliveryClaim, IdScanVerificationOutcome } from '../stores/id-scan-transaction-store.interface';
import { IdScanStoreUnavailableError } from '../errors/id-scan-store-unavailable.error';
import { IdScanTelemetryService } from '../telemetry/id-scan-telemetry.service';
import type { IdScanCompleteOptions, IdScanCompletion, IdScanCompletionSignal } from './id-scan-completion.interface';
import { IdScanResultChecksExceededError } from './id-scan-result-checks-exceeded.error';
import { IdScanResultMismatchError } from './id-scan-result-mismatch.error';
import { IdScanTransactionNotCompletedError } from './id-scan-transaction-not-completed.error';
import { IdScanUnknownTransactionError } from './id-scan-unknown-transaction.error';
import { UnconfirmedCompletionRegistry, type UnconfirmedCompletion } from './unconfirmed-completion.registry';

/**
 * Upstream checks of unconfirmed result ids allowed per transaction and window: a person's own browser signals
 * never need more, and whoever merely saw a transaction id cannot spend the host's API rate limit by guessing.
 */
export const RESULT_CHECKS_PER_WINDOW = 5;
export const RESULT_CHECK_WINDOW_MS = 60_000;
/** Between two repeats of a completion write whose answer was lost, while the store does not answer. */
const CONFIRM_RETRY_MS = 1000;

/** What one upstream check established, shared by the signals that arrived while it ran. */
interface CheckedCompletion {
  completion: IdScanCompletion;
  firstAttempt: Promise<void>;
}

/**
 * The one place where the three completion signals meet. Each signal is only a hint: the transaction must be one
 * this application started (store), the result is fetched from the API with the application's own credentials,
 * and the store decides atomically which signal was first. Only that one schedules the delivery of
 * `id-scan.transaction.completed` (retried until every listener succeeded), once per transaction, across every
 * instance that shares the store. Once the completion is recorded, signals are answered from the store alone.
 *
 * A store write whose answer did not arrive is unknown, never "not done": the recording write carries a delivery
 * claim's token, and this process repeats it (with the next signal, or in the background) until the store answers;
 * whoever learns the claim is its own delivers. A signal that finds a completion recorded but its delivery not marked
 * done delivers it (once the claim of whoever recorded it ran out), so no lost answer suppresses or doubles a delivery.
 */
@Injectable()
export class IdScanCompletionService implements OnApplicationShutdown {
  private readonly logger = new Logger('IdScanCompletion');
  /** Upstream checks running in this process, by transaction and result id: concurrent signals share one. */
  private readonly inFlight = new Map<string, Promise<CheckedCompletion>>();
  private readonly unconfirmed = new UnconfirmedCompletionRegistry(DELIVERY_LEASE_MS);
  private closed = false;

  constructor(
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    private readonly idScan: IdScanService,
    private readonly delivery: IdScanDeliveryService,
    private readonly telemetry: IdScanTelemetryService,
  ) {}

  /** Stops repeating unconfirmed writes. */
  onApplicationShutdown(): void {
    this.closed = true;
    this.unconfirmed.clear();
  }

  /**
   * Completes a transaction from one signal. Resolves once the completion is recorded and its delivery scheduled
   * (or enqueued).
   * @throws IdScanUnknownTransactionError when the store does not know the transaction (nothing is fetched).
   * @throws IdScanResultMismatchError when the transaction was completed with another result id (nothing is fetched).
   * @throws IdScanResultChecksExceededError after 5 checks of unconfirmed result ids in a minute from browser signals
   *   (nothing is fetched); authenticated event deliveries are not limited.
   * @throws IdScanTransactionNotCompletedError when the API's result is not `completed`.
   * @throws IdScanApiError (e.g. `IdScanNotFoundError` for a wrong result id), `IdScanConnectionError` or
   *   `IdScanTimeoutError` when the result cannot be fetched; nothing is marked, so a later signal can succeed.
   */
  async complete(signal: IdScanCompletionSignal, options: IdScanCompleteOptions = {}): Promise<IdScanCompletion> {
    const span = this.telemetry.startCompletionSpan({ transactionId: signal.transactionId, via: signal.via });
    try {
      const completion = await span.run(() => this.completeOnce(signal, options));
      // Only a completion answered from the store comes without the result (see IdScanCompletion.result).
      span.end({ outcome: completion.outcome, first: completion.first, fromStore: completion.result === undefined });
      return completion;
    } catch (error) {
      span.fail(error);
      throw error;
    }
  }

  private async completeOnce(
    signal: IdScanCompletionSignal,
    options: IdScanCompleteOptions,
  ): Promise<IdScanCompletion> {
    const { transactionId, resultId } = signal;
    const store = this.options.store;
    // Both reads at once: every signal of a known transaction needs both, so a repeat costs one store round trip.
    const [record, recorded] = await Promise.all([store.get(transactionId), store.getCompletion(transactionId)]);
    if (!record) throw new IdScanUnknownTransactionError(transactionId);
    if (recorded) {
      if (recorded.resultId !== resultId) throw new IdScanResultMismatchError(transactionId);
      // A write of this process whose answer was lost may hold the claim: this signal settles it, with its token.
      const unconfirmed = this.unconfirmed.get(transactionId);
      const token = unconfirmed && this.unconfirmed.settle(transactionId, unconfirmed) ? unconfirmed.token : undefined;
      const job = this.jobOf({ ...signal, via: recorded.via ?? signal.via }, record);
      const repair = await this.delivery.ensureDelivered(job, recorded.delivered, token);
      if (repair && (options.waitForListeners ?? true)) await repair.firstAttempt;
      this.logger.debug(`Transaction ${transactionId} was already completed; answered from the store`);
      return { transactionId, resultId, state: 'completed', outcome: recorded.outcome, first: false };
    }
    const key = `${transactionId}\n${resultId}`;
    let checked = this.inFlight.get(key);
    const joined = checked !== undefined;
    if (!checked) {
      checked = this.check(signal, record).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, checked);
    }
    const { completion, firstAttempt } = await checked;
    if (options.waitForListeners ?? true) await firstAttempt;
    return joined ? { ...completion, first: false } : completion;
  }

  /**
   * Asks the API (within the per-transaction limit), records the completion with its verdict's outcome, and
   * schedules its delivery. The verdict weighs the result against the tasks the record says were requested, and the
   * job carries them, so the event's verdict is the one recorded here.
   */
  private async check(signal: IdScanCompletionSignal, record: IdScanTransactionRecord): Promise<CheckedCompletion> {
    const { transactionId, resultId, via } = signal;
    const store = this.options.store;
    // Event deliveries carry the shared secret, and the sender gives up after about 30 s of retries: a guesser's
    // flood must not cost the real completion.
    if (via !== 'webhook') {
      const checks = await store.countResultCheck(transactionId, RESULT_CHECK_WINDOW_MS);
      if (checks.count > RESULT_CHECKS_PER_WINDOW) {
        throw new IdScanResultChecksExceededError(transactionId, checks.resetInMs);
      }
    }
    const result = await this.idScan.getResult(transactionId, resultId);
    if (result.state !== 'completed') throw new IdScanTransactionNotCompletedError(transactionId, result.state);
    const verdict = verdictOf(result, { requestedTasks: record.tasks });
    const { outcome } = verdict;
    const job = this.jobOf(signal, record);
    const unconfirmed = this.unconfirmed.get(transactionId);
    const claim: IdScanDeliveryClaim = { token: unconfirmed?.token ?? randomUUID(), leaseMs: DELIVERY_LEASE_MS, via };
    let first: boolean;
    try {
      first = await store.markCompleted(transactionId, resultId, outcome, claim);
    } catch (error) {
      if (error instanceof IdScanStoreUnavailableError && !unconfirmed) {
        this.confirmLater(job, outcome, result, claim, this.unconfirmed.remember(transactionId, claim.token));
      }
      throw error;
    }
    // The background confirmation may have settled the same write meanwhile: then it delivers, not this signal.
    if (!this.unconfirmed.settle(transactionId, unconfirmed)) first = false;
    let firstAttempt = Promise.resolve();
    if (first) {
      // Counted here, where the store let exactly one signal through, so every instance together counts it once.
      this.telemetry.recordCompletion({ via, outcome });
      firstAttempt = (await this.delivery.schedule(job, result, claim)).firstAttempt;
    } else {
      // Another instance recorded it while this one asked the API.
      this.logger.debug(`Transaction ${transactionId} was completed meanwhile; the ${via} signal changes nothing`);
      await this.delivery.ensureDelivered(job, false);
    }
    return {
      completion: { transactionId, resultId, state: result.state, outcome, first, result, verdict },
      firstAttempt,
    };
  }

  /**
   * Repeats a completion write whose answer was lost, with the same token, once a second, until the store answers
   * or the claim has run out anyway; delivers if the write (the first or this one) recorded the completion. A signal
   * that repeats it first settles it instead.
   */
  private confirmLater(
    job: IdScanDeliveryJob & { kind: 'completed' },
    outcome: IdScanVerificationOutcome,
    result: IdScanTransactionResult,
    claim: IdScanDeliveryClaim,
    entry: UnconfirmedCompletion,
  ): void {
    const { transactionId, resultId, via } = job;
    let triesLeft = Math.floor(DELIVERY_LEASE_MS / CONFIRM_RETRY_MS) - 1;
    const attempt = async (): Promise<void> => {
      if (this.closed || !this.unconfirmed.isPending(transactionId, entry)) return;
      let first: boolean;
      try {
        first = await this.options.store.markCompleted(transactionId, resultId, outcome, claim);
      } catch {
        if (--triesLeft > 0) setTimeout(() => void attempt(), CONFIRM_RETRY_MS).unref();
        return;
      }
      if (!this.unconfirmed.settle(transactionId, entry) || !first || this.closed) return;
      this.logger.debug(`The completion of transaction ${transactionId} is recorded after all; delivering it`);
      this.telemetry.recordCompletion({ via, outcome });
      // A queue that refuses it now leaves the completion recorded and undelivered: the next signal enqueues it.
      await this.delivery.schedule(job, result, claim).catch(() => undefined);
    };
    setTimeout(() => void attempt(), CONFIRM_RETRY_MS).unref();
  }

  private jobOf(
    signal: IdScanCompletionSignal,
    record: IdScanTransactionRecord,
  ): IdScanDeliveryJob & { kind: 'completed' } {
    const { transactionId, resultId, via } = signal;
    const { reference, tasks } = record;
    return {
      kind: 'completed',
      transactionId,
      resultId,
      via,
      ...(reference === undefined ? {} : { reference }),
      ...(Array.isArray(tasks) ? { tasks: [...tasks] } : {}),
    };
  }
}
