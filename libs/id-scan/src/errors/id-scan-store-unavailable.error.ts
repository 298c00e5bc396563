import { IdScanError, type IdScanErrorOptions } from './id-scan.error';

/** Options of {@link IdScanStoreUnavailableError}. */
export interface IdScanStoreUnavailableErrorOptions extends IdScanErrorOptions {
  /** The connection failure, such as `ECONNREFUSED` or `ETIMEDOUT`, when known. */
  code?: string;
}

/**
 * The transaction store could not be reached (for `RedisTransactionStore`: Redis is down, unreachable, or did not
 * answer in time). Nothing was decided: the package's routes answer 503 `store_unavailable` with `Retry-After`, so
 * senders try again, and `createTransaction` throws it before it asks the API for anything.
 */
export class IdScanStoreUnavailableError extends IdScanError {
  override name = 'IdScanStoreUnavailableError';
  /** The connection failure, such as `ECONNREFUSED` or `ETIMEDOUT`, when known. */
  readonly code?: string;

  constructor(message: string, options: IdScanStoreUnavailableErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}
