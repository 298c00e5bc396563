import { IdScanError, type IdScanErrorOptions } from './id-scan.error';

/** One invalid input property: its path (`settings.documentScan.minimumAge`) and the rules it breaks. */
export interface IdScanValidationProblem {
  property: string;
  constraints: string[];
}

/**
 * An argument given to `IdScanService` breaks a rule; thrown before anything is sent. Lists every problem with its
 * property path. Neither the message nor `errors` repeats the rejected values, which may be personal data.
 */
export class IdScanValidationError extends IdScanError {
  override name = 'IdScanValidationError';
  /** Every problem found. */
  readonly errors: IdScanValidationProblem[];

  /**
   * @param subject what was being validated, e.g. `createTransaction request`
   * @param errors every problem found
   */
  constructor(subject: string, errors: IdScanValidationProblem[], options?: IdScanErrorOptions) {
    const lines = errors.map((e) => `  - ${e.property}: ${e.constraints.join('; ')}`);
    super(`Invalid ${subject}; nothing was sent. Fix these and try again:\n${lines.join('\n')}`, options);
    this.errors = errors;
  }
}
