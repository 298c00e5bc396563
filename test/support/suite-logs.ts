import { ConsoleLogger, Logger, type LoggerService, type LogLevel } from '@nestjs/common';
import { CapturingLogger } from './capturing-logger';
import { SUITE_LOGS_KEY } from './suite-logs-key';

/**
 * The Nest logger every line of the code under test lands in while a test file runs (one per file: Jest gives
 * each file its own module registry, so its own `Logger`). Nothing of it is printed on a green run; a failing
 * test gets the lines logged since the previous test ended appended to its failure.
 */
export const suiteLogs = new CapturingLogger();

/** Where the current test's lines begin in {@link suiteLogs} (its `beforeEach` hooks included). */
let testStart = 0;

/** Called before each test (by the setup file): the current test's lines begin here. */
export function beginTestLogs(): void {
  testStart = suiteLogs.lines.length;
}

/** What the current test (with its `beforeEach` hooks) logged through Nest's process logger so far. */
export function testLogs(): CapturingLogger['lines'] {
  return suiteLogs.lines.slice(testStart);
}

/** The current test's lines at `level`, rendered. */
export function testLogsAt(level: LogLevel): string[] {
  return testLogs()
    .filter((line) => line.level === level)
    .map((line) => line.text);
}

/**
 * Whether Nest would print with this logger: none at all (`logger: false` leaves Nest without one, which a later
 * override can only replace), Nest's own console logger, or the testing module's default `TestingLogger` (which
 * prints errors). A logger a test wrote itself (a subclass that keeps lines) is left alone.
 */
function printsToConsole(logger: unknown): boolean {
  if (logger === false || logger === undefined || logger === null) return true;
  if (typeof logger !== 'object') return false;
  const prototype = Object.getPrototypeOf(logger) as { constructor?: unknown } | null;
  const kind = prototype?.constructor;
  return kind === ConsoleLogger || (typeof kind === 'function' && kind.name === 'TestingLogger');
}

/**
 * Makes {@link suiteLogs} the process's Nest logger and keeps it there against Nest's printing defaults: an
 * application created with `logger: false` or a `ConsoleLogger`, and a testing module compiled without
 * `setLogger`, log into the capture instead of the terminal. A logger a test passes on purpose (to assert on
 * it) still replaces the capture, as in production; log levels passed as an array still apply.
 */
export function installSuiteLogs(): void {
  const override = Logger.overrideLogger.bind(Logger) as (logger: LoggerService | LogLevel[] | boolean) => void;
  Logger.overrideLogger = (logger: LoggerService | LogLevel[] | boolean) =>
    override(!Array.isArray(logger) && printsToConsole(logger) ? suiteLogs : logger);
  Logger.overrideLogger(suiteLogs);
  (globalThis as Record<symbol, unknown>)[SUITE_LOGS_KEY] = suiteLogs;
}
