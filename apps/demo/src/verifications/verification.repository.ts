import { Injectable } from '@nestjs/common';
import type { Verification, VerificationCompletion } from './verification.interface';

/** Most verifications kept; the demo is a showcase, not a system of record. */
const MAX_VERIFICATIONS = 100;

/**
 * The demo's in-memory record of the verifications it started. A real host would keep this in its database, next
 * to the customer or order the verification belongs to.
 */
@Injectable()
export class VerificationRepository {
  private readonly verifications = new Map<string, Verification>();

  /** Records a new verification (the newest first in {@link recent}). */
  add(verification: Verification): void {
    this.verifications.delete(verification.transactionId);
    this.verifications.set(verification.transactionId, verification);
    while (this.verifications.size > MAX_VERIFICATIONS) {
      this.verifications.delete(this.verifications.keys().next().value as string);
    }
  }

  /** The verification of a transaction, or `undefined` when the demo never started it (or forgot it). */
  find(transactionId: string): Verification | undefined {
    return this.verifications.get(transactionId);
  }

  /** The most recent verifications, newest first. */
  recent(limit = MAX_VERIFICATIONS): Verification[] {
    return [...this.verifications.values()].reverse().slice(0, limit);
  }

  /** Stores the outcome; `false` when the transaction is unknown to the demo. */
  complete(transactionId: string, completion: VerificationCompletion): boolean {
    const verification = this.verifications.get(transactionId);
    if (!verification) return false;
    verification.status = 'completed';
    verification.completion = completion;
    return true;
  }

  /** Marks a still pending verification as expired; `false` when unknown or already finished. */
  expire(transactionId: string, at: Date): boolean {
    const verification = this.verifications.get(transactionId);
    if (!verification || verification.status !== 'pending') return false;
    verification.status = 'expired';
    this.note(transactionId, 'The transaction expired before the person finished', at);
    return true;
  }

  /** Adds a line to the verification's history. */
  note(transactionId: string, text: string, at = new Date()): void {
    this.verifications.get(transactionId)?.history.push({ at, text });
  }
}
