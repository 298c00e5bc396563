import type { ValidationError } from 'class-validator';
import type { IdScanValidationProblem } from '../errors/id-scan-validation.error';

/**
 * class-validator's tree of errors as one flat list, each with its dotted property path
 * (`settings.documentScan.minimumAge`) and the messages of the rules it breaks; never the rejected value. Used by
 * `IdScanService` input checks and the routes' validation pipe alike, so both report a problem the same way.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): IdScanValidationProblem[] {
  return errors.flatMap((error) => {
    const property = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ property, constraints: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], property)];
  });
}
