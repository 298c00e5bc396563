import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DELIVERY_LEASE_MS, IdScanDeliveryService } from '../delivery/id-scan-delivery.service';
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

    // Stores that can release a claim take it first, so duplicate task updates never reach the API; others mark
    // the id only once the API confirmed the event, so a failed attempt stays retryable. A seen id is not enough to
    // answer `duplicate` for a completion or an expiry: the claim may be a write that Redis carried out after its
    // caller gave up (and answered 503), with nothing recorded. Those are answered from the store's own marks.
    const releasable = typeof store.releaseEvent === 'function';
    const fresh = releasable ? await store.markEventSeen(delivery.id) : undefined;
    if (fresh === false && !isOutcomeEvent(delivery)) return { outcome: 'duplicate' };
    let claimed = fresh ?? false;
    const claim = async (): Promise<boolean> => (claimed ||= await store.markEventSeen(delivery.id));

    try {
      return await this.dispatch(delivery, record, releasable ? () => Promise.resolve(fresh === true) : claim);
    } catch (error) {
      if (fresh === true) await this.release(delivery.id);
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
        const done = await this.completion.complete(
          { transactionId, resultId, via: 'webhook' },
          { waitForListeners: false },
        );
        return (await claim()) || done.first ? { outcome: 'processed' } : { outcome: 'duplicate' };
      }
      if (state === 'expired') {
        const details = await this.idScan.getTransaction(transactionId);
        if (details.state !== 'expired') return { outcome: 'ignored', reason: 'stale' };
        const fresh = await claim();
        const job: IdScanDeliveryJob = { kind: 'expired', transactionId, reference: record.reference };
        // One announcement per transaction, shared with the expiry sweep. A claim already taken may be one whose
        // delivery was lost: the repair delivers it (a queue re-adds the job, a no-op when it is there).
        const expiryClaim = { token: randomUUID(), leaseMs: DELIVERY_LEASE_MS };
        if (await this.options.store.claimExpiry(transactionId, expiryClaim)) {
          this.telemetry.recordCompletion({ via: 'webhook', outcome: 'expired' });
          await this.delivery.schedule(job, undefined, expiryClaim);
          return { outcome: 'processed' };
        }
        await this.delivery.ensureDelivered(job, false);
        return { outcome: fresh ? 'processed' : 'duplicate' };
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

/** Deliveries that may record an outcome (completed or expired): their duplicates are checked against the store. */
function isOutcomeEvent(delivery: IdScanEventDelivery): boolean {
  const state = delivery.transaction.state;
  return delivery.type === 'transaction.state.updated' && (state === 'completed' || state === 'expired');
}
