import type { IdScanValidationError } from 'nestjs-id-scan';
import { humanize } from './verification-outcome.util';

/** What to tell the person about a rejected request property, by its top-level name. */
const ADVICE: Readonly<Record<string, string>> = {
  tasks: 'Choose one of the three combinations of checks.',
  locale: 'Choose one of the offered languages.',
  expiresIn: 'Choose how long the link stays valid: from 1 to 24 hours.',
  mobileOnly: 'Mobile only is either on or off.',
  returnUrl:
    'This application’s return address was refused: the flow returns only to https addresses (http only on localhost). Set PUBLIC_URL to the https address of this application.',
  scanReturnUrl:
    'This application’s return address for phones was refused: it must be https (http only on localhost). Set PUBLIC_URL to the https address of this application.',
};

/**
 * The problems of an `IdScanValidationError` in plain words, one per rejected property. The package lists every
 * problem with its property path; the form only needs to say which choice to fix.
 */
export function describeProblems(error: IdScanValidationError): string[] {
  const messages = error.errors.map((problem) => {
    const property = problem.property.split(/[.[]/)[0];
    return ADVICE[property] ?? `${humanize(problem.property)}: ${problem.constraints.join('; ')}.`;
  });
  return [...new Set(messages)];
}
