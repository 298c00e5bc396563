import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { IdScanEvents, TaskUpdatedEvent, TransactionCompletedEvent, TransactionExpiredEvent } from 'nestjs-id-scan';
import { verdictName } from './verification-outcome.util';
import { VerificationRepository } from './verification.repository';

/**
 * The host-side handling of ID Scan's domain events: where a real application would unlock an account or an order,
 * the demo records the outcome. `id-scan.transaction.completed` arrives exactly once per transaction, whichever
 * completion signal came first, and carries the result the package fetched from the API.
 */
@Injectable()
export class VerificationEventsListener {
  private readonly logger = new Logger(VerificationEventsListener.name);

  constructor(private readonly verifications: VerificationRepository) {}

  /** Stores the result and its verdict; logs only identifiers and the verdict's codes, never the person's data. */
  @OnEvent(IdScanEvents.TransactionCompleted)
  onCompleted(event: TransactionCompletedEvent): void {
    const completedAt = new Date();
    const known = this.verifications.complete(event.transactionId, {
      resultId: event.resultId,
      result: event.result,
      verdict: event.verdict,
      via: event.via,
      completedAt,
    });
    if (!known) {
      this.logger.warn(`Transaction ${event.transactionId} completed, but this instance did not start it`);
      return;
    }
    const verdict = verdictName(event.verdict);
    this.verifications.note(event.transactionId, { kind: 'completed', via: event.via, outcome: verdict }, completedAt);
    // Reason codes name checks and fields, never their values: safe to log.
    const codes = event.verdict.reasons.map((reason) => reason.code).join(', ');
    this.logger.log(
      `Verification ${event.reference ?? '-'} (transaction ${event.transactionId}) completed via ${event.via}: ` +
        `${event.verdict.outcome}${codes ? ` (${codes})` : ''}`,
    );
  }

  /** Marks the verification as expired. */
  @OnEvent(IdScanEvents.TransactionExpired)
  onExpired(event: TransactionExpiredEvent): void {
    if (this.verifications.expire(event.transactionId, new Date())) {
      this.logger.log(`Verification ${event.reference ?? '-'} (transaction ${event.transactionId}) expired`);
    }
  }

  /** Adds task progress reported by event notifications to the verification's history. */
  @OnEvent(IdScanEvents.TaskUpdated)
  onTaskUpdated(event: TaskUpdatedEvent): void {
    this.verifications.note(event.transactionId, { kind: 'task', task: event.task, state: event.state });
  }
}
