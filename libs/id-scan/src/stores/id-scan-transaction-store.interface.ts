import type { IdScanCompletionSource } from '../events/transaction-completed.event';
import type { IdScanVerdictOutcome } from '../result/id-scan-verdict.interface';
import type { IdScanDeliveryJob } from '../delivery/id-scan-delivery-job.interface';

/**
 * A delivery whose retries ran out, as the store keeps it for `IdScanDeliveries` in in-process mode: the job's ids
 * and reference, the number of attempts, when it failed and the class name of the last failure. Never a result,
 * a message or personal data.
 */
export interface IdScanFailedDeliveryRecord {
  /** The delivery's identity: one entry per job id; recording it again replaces the entry. */
  jobId: string;
  job: IdScanDeliveryJob;
  attempts: number;
  /** ISO-8601. */
  failedAt: string;
  errorName: string;
}

/** What the package remembers about a transaction it started, so that completion signals can be checked. */
export interface IdScanTransactionRecord {
  transactionId: string;
  /** The host's own identifier for this verification (an order or user id), echoed in every domain event. */
  reference?: string;
  tasks: string[];
  url: string;
  /** ISO-8601; the record is kept a while after this moment, then forgotten. */
  expiresAt: string;
  createdAt: string;
}

/**
 * How a verification came out, as the store keeps it: the verdict's `outcome` (see `IdScanVerdictOutcome`):
 * `failed` when a check failed or a field is invalid, even if the person then stopped; `incomplete` only when nothing
 * failed and a requested task was not performed; `passed` when every requested task passed.
 */
export type IdScanVerificationOutcome = IdScanVerdictOutcome;

/** Every {@link IdScanVerificationOutcome}, for checking what a store read back. */
export const ID_SCAN_VERIFICATION_OUTCOMES: readonly IdScanVerificationOutcome[] = ['passed', 'failed', 'incomplete'];

/** What the store keeps of a completed transaction: ids and the outcome, never the result itself. */
export interface IdScanCompletionRecord {
  resultId: string;
  outcome: IdScanVerificationOutcome;
  /**
   * Whether the delivery of `id-scan.transaction.completed` finished (every listener succeeded, or its retries ran
   * out), as marked by {@link IdScanTransactionStore.markDelivered}. `undefined` from stores without that method.
   */
  delivered?: boolean;
  /** The signal that recorded it (see {@link IdScanDeliveryClaim.via}), when the store kept it. */
  via?: IdScanCompletionSource;
}

/**
 * Who delivers a recorded outcome, and for how long: the claim's holder (a random token) alone delivers until
 * `leaseMs` have passed without a renewal. A write whose answer did not arrive can then neither suppress the
 * delivery (the lease runs out, and the next signal or sweep takes it over) nor duplicate it (the caller that
 * repeats its write with the same token learns the claim is its own).
 */
export interface IdScanDeliveryClaim {
  token: string;
  leaseMs: number;
  /** For a completion: the signal that recorded it, kept with it so a repaired delivery announces it as it came. */
  via?: IdScanCompletionSource;
}

/**
 * What {@link IdScanTransactionStore.takeDelivery} found: `taken` (the claim is the caller's now, or was already),
 * `busy` (another holder's lease runs), `delivered` (nothing left to do), `none` (no outcome of that kind recorded).
 */
export type IdScanDeliveryTake = 'taken' | 'busy' | 'delivered' | 'none';

/** One count of {@link IdScanTransactionStore.countResultCheck}. */
export interface IdScanResultCheckCount {
  /** Checks counted in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again from 0. */
  resetInMs: number;
}

/**
 * Where the package keeps transaction records and the "already done" marks that make completion exactly-once.
 * Every method is atomic with respect to concurrent callers, across all instances that share the store.
 */
export interface IdScanTransactionStore {
  /**
   * Stores (or replaces) a record; it expires some time after `record.expiresAt`. An uncompleted transaction is
   * (re)indexed as open, by its expiry, for the expiry sweep.
   */
  save(record: IdScanTransactionRecord): Promise<void>;
  /** The record, or `undefined` when the transaction is unknown or its record has expired. */
  get(transactionId: string): Promise<IdScanTransactionRecord | undefined>;
  /**
   * Records the completion: `true` only for the first call for a transaction; every later call, from any instance,
   * gets `false` and changes nothing. The result id and outcome are kept as long as the record, so repeated signals
   * are answered without asking the API. With a `claim`, the first call also takes the delivery claim (see
   * {@link IdScanDeliveryClaim}), and a later call with the same token answers `true` again: it repeats a write
   * whose answer was lost. The transaction stays in the open-transaction index until {@link markDelivered}, with
   * its next look pushed past the lease, so the sweep repairs a delivery nobody finished.
   */
  markCompleted(
    transactionId: string,
    resultId: string,
    outcome: IdScanVerificationOutcome,
    claim?: IdScanDeliveryClaim,
  ): Promise<boolean>;
  /** The completion recorded by {@link markCompleted}, or `undefined` while the transaction is not completed. */
  getCompletion(transactionId: string): Promise<IdScanCompletionRecord | undefined>;
  /**
   * Counts one check of an unconfirmed result id for a transaction, in a fixed window of `windowMs` that starts with
   * the first check (atomic across instances). The caller refuses checks above its limit without asking the API.
   */
  countResultCheck(transactionId: string, windowMs: number): Promise<IdScanResultCheckCount>;
  /**
   * The ids of open transactions (saved, neither completed nor claimed as expired) whose expiry is at or before
   * `now`, at most `limit`. Each id returned is leased for `leaseMs`: no other caller, on any instance, gets it
   * again before then, so only one instance checks it with the API; an id still open after the lease comes back.
   */
  leaseExpired(now: number, leaseMs: number, limit: number): Promise<string[]>;
  /**
   * Records the expiry of a transaction that is neither completed nor expired yet: `true` only for the first caller,
   * across instances (or, with a `claim`, again for a caller with the same token), so `id-scan.transaction.expired`
   * is announced once whether the sweep or an event delivery noticed it. Stores with {@link markDelivered} keep the
   * transaction in the open-transaction index until its delivery is marked, so a crash between this claim and the
   * delivery loses nothing; others take it out of the index here.
   */
  claimExpiry(transactionId: string, claim?: IdScanDeliveryClaim): Promise<boolean>;
  /**
   * For a recorded outcome of that kind (completion or expiry) whose delivery is not marked done: takes the claim when
   * no other holder's lease runs, or renews it for its own holder. Optional for custom stores, together with
   * {@link markDelivered}: without them a recorded outcome whose first delivery was lost is not delivered again in
   * process mode.
   */
  takeDelivery?(
    transactionId: string,
    kind: 'completed' | 'expired',
    claim: IdScanDeliveryClaim,
  ): Promise<IdScanDeliveryTake>;
  /**
   * Marks the delivery of the transaction's outcome done (every listener succeeded, or the retries ran out) and
   * takes the transaction out of the open-transaction index.
   */
  markDelivered?(transactionId: string): Promise<void>;
  /** `true` only the first time an event delivery id is seen; duplicates get `false`. */
  markEventSeen(eventId: string): Promise<boolean>;
  /**
   * Forgets a delivery id marked by {@link markEventSeen}, so the sender's retry is processed again. The events
   * route calls it when it could not act on a delivery it had claimed (the API was unreachable). Optional for
   * custom stores: without it, a delivery id is marked only after the API confirmed the event, which costs
   * duplicates an API call but loses nothing.
   */
  releaseEvent?(eventId: string): Promise<void>;
  /**
   * Resolves once the store answers; rejects, preferably with `IdScanStoreUnavailableError`, when it cannot be
   * reached. `createTransaction` calls it before asking the API, so an outage costs no paid, orphaned transaction,
   * and the health indicator reports the store `down` while it rejects. Optional for custom stores: without it,
   * an outage surfaces only when the record is saved, after the transaction was created.
   */
  ping?(): Promise<void>;
  /**
   * Keeps a delivery whose retries ran out, shared by every instance, until it is removed or the store's event
   * lifetime (`eventTtlMs`) after `failedAt` has passed. Optional for custom stores, like the two below: without
   * them, in-process mode keeps no failed list (`IdScanDeliveries.failed()` refuses), queue mode needs none.
   */
  recordFailedDelivery?(record: IdScanFailedDeliveryRecord): Promise<void>;
  /** The failed deliveries kept by {@link recordFailedDelivery}, newest first, at most `limit`. */
  listFailedDeliveries?(limit: number): Promise<IdScanFailedDeliveryRecord[]>;
  /** Removes one failed delivery: `true` only when it was listed (and only for the first of concurrent callers). */
  removeFailedDelivery?(jobId: string): Promise<boolean>;
}
