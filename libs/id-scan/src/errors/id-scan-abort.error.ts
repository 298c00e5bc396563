import { IdScanError } from './id-scan.error';

/** The caller's `AbortSignal` fired; the request was cancelled and not retried. `cause` is the signal's reason. */
export class IdScanAbortError extends IdScanError {
  override name = 'IdScanAbortError';

  constructor(what: string, reason?: unknown) {
    super(`${what} was aborted by the caller's AbortSignal.`, { cause: reason });
  }
}
