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
}

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
   * are answered without asking the API; the transaction leaves the open-transaction index.
   */
  markCompleted(transactionId: string, resultId: string, outcome: IdScanVerificationOutcome): Promise<boolean>;
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
   * Takes a transaction out of the open-transaction index: `true` only for the first caller, across instances, so
   * `id-scan.transaction.expired` is announced once whether the sweep or an event delivery noticed it.
   */
  claimExpiry(transactionId: string): Promise<boolean>;
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
