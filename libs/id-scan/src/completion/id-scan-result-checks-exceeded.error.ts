import { IdScanError } from '../errors/id-scan.error';

/**
 * Too many result ids were checked with the API for one transaction that is not completed yet (5 a minute), so this
 * signal was refused without asking the API: whoever knows a transaction id cannot spend the host's API rate limit
 * by guessing result ids. The routes answer 429 with `Retry-After`.
 */
export class IdScanResultChecksExceededError extends IdScanError {
  override name = 'IdScanResultChecksExceededError';
  constructor(
    readonly transactionId: string,
    /** When the next check will be allowed. */
    readonly retryAfterMs: number,
  ) {
    super(
      `Too many result ids were checked for transaction ${transactionId}; the signal was refused without asking ` +
        `the ID Scan API. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
    );
  }
}
