import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EmulatorApiError } from '../errors';
import { MediaService } from '../media/media.service';
import { EmulatorClockService } from '../simulation/emulator-clock.service';
import type { TransactionRecord } from './transaction-record.interface';
import { WebhookDispatcherService } from './webhooks/webhook-dispatcher.service';

/** The longest a timer can wait in Node (about 24.8 days); later expiries are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Holds the transactions in memory, finds them by id or by hosted-flow token, and owns the expiry rule: a pending
 * transaction becomes `expired` when its time is up (on a timer, after the clock moves, and on every read), which
 * drops its renderings and announces the change to the webhooks.
 */
@Injectable()
export class TransactionStore implements OnModuleInit, OnApplicationShutdown {
  private readonly records = new Map<string, TransactionRecord>();
  private readonly byPageToken = new Map<string, string>();
  private expiryTimer: NodeJS.Timeout | undefined;
  private unsubscribeClock: (() => void) | undefined;

  constructor(
    private readonly clock: EmulatorClockService,
    private readonly media: MediaService,
    private readonly dispatcher: WebhookDispatcherService,
  ) {}

  onModuleInit(): void {
    this.unsubscribeClock = this.clock.onAdvance(() => this.expireDue());
  }

  onApplicationShutdown(): void {
    this.unsubscribeClock?.();
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  /** Stores a new record and arms the expiry timer for it. */
  add(record: TransactionRecord): void {
    this.records.set(record.id, record);
    this.byPageToken.set(record.pageToken, record.id);
    this.scheduleExpiry();
  }

  /**
   * The transaction with this id, its expiry applied.
   * @throws EmulatorApiError 404 `not_found` when there is none.
   */
  get(transactionId: string): TransactionRecord {
    const record = this.records.get(transactionId);
    if (!record) throw EmulatorApiError.notFound('The transaction');
    this.expireIfDue(record);
    return record;
  }

  /**
   * The transaction with this id if the credential `keyId` created it, its expiry applied.
   * @throws EmulatorApiError 404 `not_found`, the same answer for another credential's transaction as for an
   * unknown id, so that no credential learns what another created.
   */
  getOwned(transactionId: string, keyId: string): TransactionRecord {
    const record = this.findOwned(transactionId, keyId);
    if (!record) throw EmulatorApiError.notFound('The transaction');
    return record;
  }

  /** The transaction with this id if the credential `keyId` created it, its expiry applied; else `undefined`. */
  findOwned(transactionId: string, keyId: string): TransactionRecord | undefined {
    const record = this.records.get(transactionId);
    if (record?.keyId !== keyId) return undefined;
    this.expireIfDue(record);
    return record;
  }

  /** The transaction behind a hosted-flow token, its expiry applied; `undefined` when unknown. */
  findByPageToken(pageToken: string): TransactionRecord | undefined {
    const id = this.byPageToken.get(pageToken);
    return id === undefined ? undefined : this.get(id);
  }

  /** Every transaction, oldest first, each with its expiry applied. */
  all(): TransactionRecord[] {
    const records = [...this.records.values()];
    for (const record of records) this.expireIfDue(record);
    return records;
  }

  /**
   * Whether the transaction's validity period is over: an expired transaction, and also a completed one whose
   * time has passed (the period still limits the hosted pages and the extended report, docs/id-scan-api.md §B1).
   */
  isPastExpiry(record: TransactionRecord): boolean {
    return record.state === 'expired' || this.clock.now() >= record.expiresAt;
  }

  /** Expires every pending transaction whose time is up (run by the timer and after the clock moves). */
  expireDue(): void {
    for (const record of this.records.values()) this.expireIfDue(record);
    this.scheduleExpiry();
  }

  private expireIfDue(record: TransactionRecord): void {
    if (record.state !== 'pending' || !this.isPastExpiry(record)) return;
    record.state = 'expired';
    this.media.forget(record.id);
    this.dispatcher.publish(
      [{ type: 'transaction.state.updated', transaction: { id: record.id, state: 'expired', resultId: null } }],
      record.keyId,
    );
  }

  // One timer, armed for the earliest pending expiry, so expiry events fire on time without polling.
  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    let next = Number.POSITIVE_INFINITY;
    for (const record of this.records.values()) {
      if (record.state === 'pending') next = Math.min(next, record.expiresAt);
    }
    if (next === Number.POSITIVE_INFINITY) return;
    const delay = Math.min(Math.max(next - this.clock.now(), 0), MAX_TIMER_MS);
    this.expiryTimer = setTimeout(() => this.expireDue(), delay);
    this.expiryTimer.unref();
  }
}
