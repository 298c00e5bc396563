import { ConsoleLogger, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Circus } from '@jest/types';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { CapturingLogger } from './capturing-logger';
import QuietLogsEnvironment from './quiet-logs.environment';
import { StdioCapture } from './stdio-capture';
import { SUITE_LOGS_KEY } from './suite-logs-key';
import { suiteLogs, testLogs, testLogsAt } from './suite-logs';

@Module({})
class EmptyModule {}

describe('the suite-wide log capture', () => {
  const stdio = new StdioCapture();

  beforeEach(() => {
    stdio.echo = false;
    stdio.start();
  });

  afterEach(() => stdio.stop());

  it('takes the lines of Nest, an emulator and the code under test, and prints none of them', async () => {
    const emulator = await IdScanEmulator.start();
    new Logger('SomeService').warn('a warning of the code under test');
    await emulator.stop();

    expect(testLogsAt('warn')).toEqual(['a warning of the code under test SomeService']);
    expect(testLogs().some((line) => line.text.includes('Mapped {/id-scan/v1/transactions, POST} route'))).toBe(true);
    expect(stdio.text()).toBe('');
  });

  it("keeps Nest's printing defaults from reaching the terminal", async () => {
    const silenced = await NestFactory.createApplicationContext(EmptyModule, { logger: false });
    new Logger('AfterFalse').log('after logger: false');
    await silenced.close();
    const printing = await NestFactory.createApplicationContext(EmptyModule, { logger: new ConsoleLogger() });
    new Logger('AfterConsole').error('after a ConsoleLogger');
    await printing.close();
    const moduleRef = await Test.createTestingModule({}).compile();
    new Logger('AfterTesting').error('after a testing module without setLogger');
    await moduleRef.close();

    expect(testLogsAt('log')).toContain('after logger: false AfterFalse');
    expect(testLogsAt('error')).toEqual([
      'after a ConsoleLogger AfterConsole',
      'after a testing module without setLogger AfterTesting',
    ]);
    expect(stdio.text()).toBe('');
  });

  it('leaves a logger a test passes on purpose in place, with the log levels given as an array', () => {
    const own = new CapturingLogger();
    try {
      Logger.overrideLogger(own);
      new Logger('Own').log('for the test itself');
      Logger.overrideLogger(['error']);
      expect(Logger.isLevelEnabled('log')).toBe(false);
    } finally {
      Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
      Logger.overrideLogger(suiteLogs);
    }

    expect(own.text()).toBe('[log] for the test itself Own');
    expect(testLogs()).toEqual([]);
  });
});

describe('the quiet test environment', () => {
  /** Runs the environment's event handler against a capture, as Jest would at the end of a test. */
  function finish(capture: CapturingLogger, state: { from: number }, errors: unknown[]): unknown[] {
    // Jest builds the environment with its configuration; the handler only reads the file's global and a mark.
    const environment = Object.create(QuietLogsEnvironment.prototype) as QuietLogsEnvironment;
    const fields = environment as unknown as { global: object; from: number };
    fields.global = { [SUITE_LOGS_KEY]: capture };
    fields.from = state.from;
    const test = { errors } as unknown as Circus.TestEntry;
    environment.handleTestEvent({ name: 'test_done', test });
    state.from = fields.from;
    return errors;
  }

  it("appends a failing test's lines, those since the previous test, to its errors", () => {
    const capture = new CapturingLogger();
    const state = { from: 0 };
    capture.warn('of the green test', 'Green');
    expect(finish(capture, state, [])).toEqual([]);
    capture.error('of the red test', undefined, 'Red');
    const failure = new Error('expected 1 to be 2');

    const errors = finish(capture, state, [failure]);

    expect(errors).toHaveLength(2);
    expect((errors[1] as Error).stack).toBe('Log lines of this test (captured, 1):\n[error] of the red test Red');
  });

  it('adds nothing to a failing test that logged nothing', () => {
    const capture = new CapturingLogger();
    const state = { from: 0 };
    capture.log('before', 'Earlier');
    finish(capture, state, []);

    expect(finish(capture, state, [new Error('red')])).toHaveLength(1);
  });
});
