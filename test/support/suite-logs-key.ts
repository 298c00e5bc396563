/**
 * Where a test file's log capture is found on its global object: the test environment
 * (`quiet-logs.environment.ts`) runs outside the file's module registry, so it cannot import the capture itself.
 */
export const SUITE_LOGS_KEY = Symbol.for('nestjs-id-scan.suite-logs');
