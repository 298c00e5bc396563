import type { IdScanCompletionSource, IdScanTransactionResult, IdScanVerdict } from 'nestjs-id-scan';

/** How the person goes through the hosted flow. */
export type VerificationMode = 'iframe' | 'redirect';

/** Where a verification stands, as far as the demo knows. */
export type VerificationStatus = 'pending' | 'completed' | 'expired';

/**
 * One line of a verification's history: what the host learnt, and when. Kept as facts, not sentences, so that each
 * page words them in its own language.
 */
export type VerificationHistoryEntry = { at: Date } & (
  | { kind: 'created'; mode: VerificationMode }
  | { kind: 'task'; task: string; state: string }
  | { kind: 'completed'; via: IdScanCompletionSource; outcome: VerificationVerdict }
  | { kind: 'expired' }
);

/**
 * The package's verdict in the demo's words: verified (`passed`), not verified (`failed`), or not finished
 * (`incomplete`: nothing failed, but the person stopped).
 */
export type VerificationVerdict = 'verified' | 'not-verified' | 'not-finished';

/** What the listener recorded when `id-scan.transaction.completed` arrived. */
export interface VerificationCompletion {
  resultId: string;
  result: IdScanTransactionResult;
  /** The verdict delivered with the event: the only source of the page's banner, checks and reasons. */
  verdict: IdScanVerdict;
  via: IdScanCompletionSource;
  completedAt: Date;
}

/** A verification the demo started: the transaction and, once known, its outcome. */
export interface Verification {
  transactionId: string;
  /** The browser session that started it; only that session sees it (see `DemoSessionMiddleware`). */
  sessionId: string;
  /** The demo's own reference, passed to `createTransaction` and echoed in every domain event. */
  reference: string;
  mode: VerificationMode;
  tasks: readonly string[];
  locale: string;
  mobileOnly: boolean;
  /** The minimum age the verification asked for, if any. */
  minimumAge?: number;
  /** The hosted flow. */
  url: string;
  createdAt: Date;
  expiresAt: Date;
  status: VerificationStatus;
  completion?: VerificationCompletion;
  history: VerificationHistoryEntry[];
}
