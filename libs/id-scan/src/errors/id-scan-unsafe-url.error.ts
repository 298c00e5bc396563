import { IdScanError, type IdScanErrorOptions } from './id-scan.error';

/**
 * A download URL points outside the configured API (another origin, or a path outside `<baseUrl>downloads/`).
 * Nothing was sent: the bearer token only ever goes to the configured API.
 */
export class IdScanUnsafeUrlError extends IdScanError {
  override name = 'IdScanUnsafeUrlError';

  constructor(message: string, options?: IdScanErrorOptions) {
    super(message, options);
  }
}
