import type { IdScanValidationError } from 'nestjs-id-scan';
import { humanize, type DemoMessages } from '../i18n/demo-messages';

/** The form's advice for a rejected request property, by its top-level name. */
const ADVICE: Readonly<Record<string, keyof DemoMessages['start']['problems']>> = {
  tasks: 'tasks',
  locale: 'locale',
  expiresIn: 'expiresIn',
  mobileOnly: 'mobileOnly',
  settings: 'minimumAge',
  returnUrl: 'returnUrl',
  scanReturnUrl: 'scanReturnUrl',
};

/**
 * The problems of an `IdScanValidationError` in plain words, one per rejected property. The package lists every
 * problem with its property path; the form only needs to say which choice to fix.
 */
export function describeProblems(error: IdScanValidationError, t: DemoMessages): string[] {
  const messages = error.errors.map((problem) => {
    const advice = ADVICE[problem.property.split(/[.[]/)[0]];
    return advice ? t.start.problems[advice] : `${humanize(problem.property)}: ${problem.constraints.join('; ')}.`;
  });
  return [...new Set(messages)];
}
