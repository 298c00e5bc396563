import { Injectable } from '@nestjs/common';
import type { Verification, VerificationCompletion, VerificationHistoryEntry } from './verification.interface';

/**
 * Most verifications kept per browser session: a session's newest replace its own oldest, never another visitor's.
 * The demo is a showcase, not a system of record.
 */
export const MAX_VERIFICATIONS_PER_SESSION = 20;

/**
 * Most verifications kept in all, a bound on memory only: the start limits (per session and address) keep a
 * flood from one visitor far below it.
 */
const MAX_VERIFICATIONS = 2000;

/** A line of history, without its time. */
type HistoryFact = VerificationHistoryEntry extends infer E ? (E extends unknown ? Omit<E, 'at'> : never) : never;

/**
 * The demo's in-memory record of the verifications it started. A real host would keep this in its database, next
 * to the customer or order the verification belongs to. Every read for a page names the browser session: a
 * verification belongs to the session that started it, and is unknown to any other.
 */
@Injectable()
export class VerificationRepository {
  private readonly verifications = new Map<string, Verification>();

  /**
   * Records a new verification (the newest first in {@link recent}); beyond {@link MAX_VERIFICATIONS_PER_SESSION},
   * the session's oldest is forgotten.
   */
  add(verification: Verification): void {
    this.verifications.delete(verification.transactionId);
    this.verifications.set(verification.transactionId, verification);
    const own = this.recent(verification.sessionId, Infinity);
    for (const old of own.slice(MAX_VERIFICATIONS_PER_SESSION)) this.verifications.delete(old.transactionId);
    while (this.verifications.size > MAX_VERIFICATIONS) {
      this.verifications.delete(this.verifications.keys().next().value as string);
    }
  }

  /** The verification of a transaction, or `undefined` when this session did not start it (or it was forgotten). */
  find(transactionId: string, sessionId: string): Verification | undefined {
    const verification = this.verifications.get(transactionId);
    return verification?.sessionId === sessionId ? verification : undefined;
  }

  /** Whether the demo knows the transaction at all, whichever session started it. */
  exists(transactionId: string): boolean {
    return this.verifications.has(transactionId);
  }

  /** This session's most recent verifications, newest first. */
  recent(sessionId: string, limit = MAX_VERIFICATIONS_PER_SESSION): Verification[] {
    return [...this.verifications.values()]
      .filter((verification) => verification.sessionId === sessionId)
      .reverse()
      .slice(0, limit);
  }

  /** Stores the outcome; the verification, or `undefined` when the transaction is unknown to the demo. */
  complete(transactionId: string, completion: VerificationCompletion): Verification | undefined {
    const verification = this.verifications.get(transactionId);
    if (!verification) return undefined;
    verification.status = 'completed';
    verification.completion = completion;
    return verification;
  }

  /** Marks a still pending verification as expired; `false` when unknown or already finished. */
  expire(transactionId: string, at: Date): boolean {
    const verification = this.verifications.get(transactionId);
    if (!verification || verification.status !== 'pending') return false;
    verification.status = 'expired';
    this.note(transactionId, { kind: 'expired' }, at);
    return true;
  }

  /**
   * Adds a line to the verification's history, kept in time order. A task's step happened before the completion it
   * is part of, but its event notification may arrive after the completion was learnt (from the browser): it is
   * then dated at the completion, and listed before it.
   */
  note(transactionId: string, fact: HistoryFact, at = new Date()): void {
    const verification = this.verifications.get(transactionId);
    if (!verification) return;
    const completedAt = verification.completion?.completedAt;
    const when = fact.kind === 'task' && completedAt && completedAt < at ? completedAt : at;
    verification.history.push({ ...fact, at: when });
    verification.history.sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a) - rank(b));
  }
}

/** At the same moment, what happened comes before what it led to. */
function rank(entry: VerificationHistoryEntry): number {
  return entry.kind === 'created' ? 0 : entry.kind === 'task' ? 1 : 2;
}
