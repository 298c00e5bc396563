import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import type { CapturingLogger } from './capturing-logger';
import { SUITE_LOGS_KEY } from './suite-logs-key';

/**
 * Jest's node environment, plus the other half of the quiet suite: when a test fails, the lines the code under
 * test logged into the file's capture (`test/support/suite-logs.ts`) since the previous test ended, its hooks
 * included, are appended to the failure as one more error, so they print in the test's own failure block and
 * nowhere else. A green test prints nothing.
 */
export default class QuietLogsEnvironment extends TestEnvironment {
  /** Index of the first capture line not yet attributed to a finished test. */
  private from = 0;

  handleTestEvent(event: Circus.Event): void {
    if (event.name !== 'test_done') return;
    const logs = this.global[SUITE_LOGS_KEY as unknown as string] as CapturingLogger | undefined;
    if (!logs) return;
    const from = this.from;
    this.from = logs.lines.length;
    if (event.test.errors.length === 0 || this.from === from) return;
    const report = new Error(`Log lines of this test (captured, ${this.from - from}):\n${logs.text(from)}`);
    // Only the lines: a stack trace into this environment would say nothing about the test.
    report.stack = report.message;
    event.test.errors.push(report);
  }
}
