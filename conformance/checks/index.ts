import { authChecks } from './auth.checks';
import type { ConformanceCheck } from './conformance-check.interface';
import { downloadChecks } from './downloads.checks';
import { errorChecks } from './errors.checks';
import { transactionChecks } from './transactions.checks';
import { validationChecks } from './validation.checks';
import { webhookChecks } from './webhooks.checks';

export * from './conformance-check.interface';
export { CM_EXAMPLE_CREDENTIALS, CM_EXAMPLE_TOKEN } from './auth.checks';

/** Every check, cheapest first: by topic in the order of issue #17, which is also the order they run in. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  ...authChecks,
  ...validationChecks,
  ...transactionChecks,
  ...errorChecks,
  ...webhookChecks,
  ...downloadChecks,
];
