/** Options every {@link IdScanError} accepts. */
export interface IdScanErrorOptions {
  /** What led to this error; never a raw HTTP client error (those carry the request headers). */
  cause?: unknown;
}

/**
 * The root of every error the package throws: `catch (e) { if (e instanceof IdScanError) ... }` covers them all.
 * Messages say what happened and what to do; they never contain a secret, a token or personal data.
 */
export class IdScanError extends Error {
  override name = 'IdScanError';

  constructor(message: string, options: IdScanErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}
