import type { IdScanCompletionSource, IdScanTransactionResult } from 'nestjs-id-scan';

/** How the person goes through the hosted flow. */
export type VerificationMode = 'iframe' | 'redirect';

/** Where a verification stands, as far as the demo knows. */
export type VerificationStatus = 'pending' | 'completed' | 'expired';

/** One line of a verification's history: what the host learnt, and when. */
export interface VerificationHistoryEntry {
  at: Date;
  text: string;
}

/** What the listener recorded when `id-scan.transaction.completed` arrived. */
export interface VerificationCompletion {
  resultId: string;
  result: IdScanTransactionResult;
  via: IdScanCompletionSource;
  completedAt: Date;
}

/** A verification the demo started: the transaction and, once known, its outcome. */
export interface Verification {
  transactionId: string;
  /** The demo's own reference, passed to `createTransaction` and echoed in every domain event. */
  reference: string;
  mode: VerificationMode;
  tasks: readonly string[];
  locale: string;
  mobileOnly: boolean;
  /** The hosted flow. */
  url: string;
  createdAt: Date;
  expiresAt: Date;
  status: VerificationStatus;
  completion?: VerificationCompletion;
  history: VerificationHistoryEntry[];
}
