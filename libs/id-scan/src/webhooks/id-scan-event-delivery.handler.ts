import { Inject, Injectable, Logger } from '@nestjs/common';
import { IdScanDeliveryService } from '../delivery/id-scan-delivery.service';
import type { IdScanDeliveryJob } from '../delivery/id-scan-delivery-job.interface';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import { IdScanService } from '../id-scan.service';
import type { IdScanEventDelivery } from '../interfaces/id-scan-api.interface';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import type { IdScanTransactionRecord } from '../stores/id-scan-transaction-store.interface';
import { IdScanTelemetryService } from '../telemetry/id-scan-telemetry.service';
import { IdScanCompletionService } from '../completion/id-scan-completion.service';

/** What became of one event delivery. */
export interface IdScanEventDeliveryReceipt {
  /**
   * `processed`: acted upon (an event may or may not have been emitted, see the domain event rules);
   * `duplicate`: this delivery id was handled before; `ignored`: nothing to do (see `reason`).
   */
  outcome: 'processed' | 'duplicate' | 'ignored';
  reason?: 'unknown_transaction' | 'unsupported_event' | 'untracked_state' | 'stale' | 'missing_result_id';
}

/**
 * Acts on event deliveries (docs/id-scan-api.md §B5). A delivery is a hint: the transaction must be known to the store,
 * and its state is read back from the API before anything is emitted. Delivery ids are claimed in the store so that
 * duplicates cost nothing; when the API cannot be read, or the domain event cannot be recorded and scheduled, the claim
 * is released and the error propagates, so the route answers non-2xx and the sender's retry gets a fresh chance.
 * Resolving means the domain event's delivery is scheduled (or enqueued); listeners run after the answer.
 */
@Injectable()
export class IdScanEventDeliveryHandler {
  private readonly logger = new Logger('IdScanWebhooks');

  constructor(
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    private readonly idScan: IdScanService,
    private readonly completion: IdScanCompletionService,
    private readonly delivery: IdScanDeliveryService,
    private readonly telemetry: IdScanTelemetryService,
  ) {}

  /**
   * Handles one authenticated, validated delivery.
   * @throws IdScanError subclasses when the API cannot confirm the event (the delivery is not marked as seen).
   */
  async handle(delivery: IdScanEventDelivery): Promise<IdScanEventDeliveryReceipt> {
    const store = this.options.store;
    const record = await store.get(delivery.transaction.id);
    if (!record) {
      // Acknowledged (2xx) on purpose: the sender retries anything else, and no retry will ever make it known.
      this.logger.debug(`Event ${delivery.id} (${delivery.type}) is for a transaction this application did not start`);
      return { outcome: 'ignored', reason: 'unknown_transaction' };
    }

    // Stores that can release a claim take it first, so duplicates never reach the API; others mark the id only
    // once the API confirmed the event, so a failed attempt stays retryable.
    const releasable = typeof store.releaseEvent === 'function';
    if (releasable && !(await store.markEventSeen(delivery.id))) return { outcome: 'duplicate' };
    let claimed = releasable;
    const claim = async (): Promise<boolean> => (claimed ||= await store.markEventSeen(delivery.id));

    try {
      return await this.dispatch(delivery, record, claim);
    } catch (error) {
      if (releasable) await this.release(delivery.id);
      throw error;
    }
  }

  private async dispatch(
    delivery: IdScanEventDelivery,
    record: IdScanTransactionRecord,
    claim: () => Promise<boolean>,
  ): Promise<IdScanEventDeliveryReceipt> {
    const transactionId = record.transactionId;
    if (delivery.type === 'transaction.state.updated') {
      const state = delivery.transaction.state;
      if (state === 'completed') {
        const resultId = delivery.transaction.resultId;
        if (!resultId) return { outcome: 'ignored', reason: 'missing_result_id' };
        await this.completion.complete({ transactionId, resultId, via: 'webhook' }, { waitForListeners: false });
        return (await claim()) ? { outcome: 'processed' } : { outcome: 'duplicate' };
      }
      if (state === 'expired') {
        const details = await this.idScan.getTransaction(transactionId);
        if (details.state !== 'expired') return { outcome: 'ignored', reason: 'stale' };
        if (!(await claim())) return { outcome: 'duplicate' };
        const job: IdScanDeliveryJob = { kind: 'expired', transactionId, reference: record.reference };
        // One announcement per transaction, shared with the expiry sweep; a queue re-adds a job that is already
        // there as a no-op, which repairs an enqueue lost between an earlier claim and its answer.
        if (await this.options.store.claimExpiry(transactionId)) {
          this.telemetry.recordCompletion({ via: 'webhook', outcome: 'expired' });
          await this.delivery.schedule(job);
        } else {
          await this.delivery.ensureScheduled(job);
        }
        return { outcome: 'processed' };
      }
      return { outcome: 'ignored', reason: 'untracked_state' };
    }
    if (delivery.type === 'task.state.updated' && delivery.task) {
      const announced = delivery.task;
      const details = await this.idScan.getTransaction(transactionId);
      const task = details.tasks.find((candidate) => candidate.type === announced.type);
      // Deliveries may arrive out of order: only a state the API still reports is announced.
      if (!task || task.state !== announced.state) return { outcome: 'ignored', reason: 'stale' };
      if (!(await claim())) return { outcome: 'duplicate' };
      await this.delivery.schedule({
        kind: 'task',
        transactionId,
        reference: record.reference,
        task: task.type,
        state: task.state,
      });
      return { outcome: 'processed' };
    }
    return { outcome: 'ignored', reason: 'unsupported_event' };
  }

  private async release(eventId: string): Promise<void> {
    try {
      await this.options.store.releaseEvent?.(eventId);
    } catch (error) {
      this.logger.error(
        `Could not release event ${eventId} after a failure; its retry will be taken for a duplicate`,
        error instanceof Error ? error.stack : undefined,
      );
    }
  }
}
