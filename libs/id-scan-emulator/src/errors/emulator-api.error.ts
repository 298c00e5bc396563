/** One problem listed in a `validation_failed` answer. */
export interface EmulatorErrorDetail {
  /** Dotted path of the offending input, for example `settings.documentScan.minimumAge`. */
  field: string;
  message: string;
}

/** The JSON body of every error answer (docs/id-scan-api.md §B6). */
export interface EmulatorErrorBody {
  code: string;
  message: string;
  details?: EmulatorErrorDetail[];
}

/**
 * An error the emulator answers with a status and a docs/id-scan-api.md §B6 body. Services throw it; the exception filter writes it.
 * Messages never contain a token, a secret or personal data.
 */
export class EmulatorApiError extends Error {
  override readonly name = 'EmulatorApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: EmulatorErrorDetail[],
    /** Extra response headers, such as `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** 400 `validation_failed` listing every problem. */
  static validation(details: EmulatorErrorDetail[], message = 'The request is invalid'): EmulatorApiError {
    return new EmulatorApiError(400, 'validation_failed', message, details);
  }

  /** 401 `unauthorized`; `reason` says what was wrong with the credentials, never what they were. */
  static unauthorized(reason: string): EmulatorApiError {
    return new EmulatorApiError(401, 'unauthorized', reason);
  }

  /** 404 `not_found`. */
  static notFound(what: string): EmulatorApiError {
    return new EmulatorApiError(404, 'not_found', `${what} was not found`);
  }

  /** 404 `result_not_found`: the transaction has no such result (not completed yet, or a wrong pair). */
  static resultNotFound(): EmulatorApiError {
    return new EmulatorApiError(
      404,
      'result_not_found',
      'The transaction has no result with this id (it is not completed yet, or the pair does not match)',
    );
  }

  /** 410 `transaction_expired`. */
  static transactionExpired(what: string): EmulatorApiError {
    return new EmulatorApiError(410, 'transaction_expired', `${what} is no longer available: the transaction expired`);
  }

  /** 429 `rate_limited` with `Retry-After`. */
  static rateLimited(retryAfterSeconds: number): EmulatorApiError {
    return new EmulatorApiError(429, 'rate_limited', 'Too many requests; retry after the indicated delay', undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }

  /** 500 `internal_error`. */
  static internal(): EmulatorApiError {
    return new EmulatorApiError(500, 'internal_error', 'The server failed to handle the request');
  }

  /** 503 `unavailable`. */
  static unavailable(): EmulatorApiError {
    return new EmulatorApiError(503, 'unavailable', 'The service is temporarily unavailable');
  }

  /** The docs/id-scan-api.md §B6 body of this error. */
  toBody(): EmulatorErrorBody {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}
