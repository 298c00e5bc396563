import { inspect } from 'node:util';
import { IdScanConfigurationError } from '../errors/id-scan-configuration.error';
import { InMemoryTransactionStore } from './in-memory-transaction.store';
import { RedisTransactionStore } from './redis-transaction.store';

const TIMER_OVERFLOW = 2 ** 31;
const PASSWORD = 'redis-password-never-printed-0123';

/** What building a store throws, or `undefined`. */
function thrownBy(build: () => unknown): unknown {
  try {
    build();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("The stores' own options", () => {
  it('InMemoryTransactionStore lists every option out of its range in one IdScanConfigurationError', () => {
    const error = thrownBy(
      () => new InMemoryTransactionStore({ maxEntries: 0, retentionMs: TIMER_OVERFLOW, eventTtlMs: -1 }),
    );
    expect(error).toBeInstanceOf(IdScanConfigurationError);
    expect((error as IdScanConfigurationError).problems).toEqual([
      expect.stringMatching(/^InMemoryTransactionStore maxEntries must be a positive integer/),
      expect.stringMatching(
        /^InMemoryTransactionStore retentionMs must be an integer of milliseconds from 1 to 604800000 \(default 3600000\); a Node timer cannot hold more than 2147483647 ms\.$/,
      ),
      expect.stringMatching(/^InMemoryTransactionStore eventTtlMs must be an integer of milliseconds from 1 to/),
    ]);
  });

  it.each([
    [
      'commandTimeoutMs',
      { commandTimeoutMs: TIMER_OVERFLOW },
      /commandTimeoutMs .* from 1 to 60000 \(default 1000\); a Node timer/,
    ],
    ['commandTimeoutMs', { commandTimeoutMs: 60_001 }, /commandTimeoutMs .* from 1 to 60000 \(default 1000\)\.$/],
    ['retentionMs', { retentionMs: 604_800_001 }, /retentionMs .* from 1 to 604800000/],
    ['eventTtlMs', { eventTtlMs: Number.MAX_SAFE_INTEGER }, /eventTtlMs .*; a Node timer cannot hold/],
  ])('RedisTransactionStore refuses a %s out of range before connecting, printing no password', (_, options, rule) => {
    const error = thrownBy(
      () => new RedisTransactionStore({ host: '127.0.0.1', port: 1, password: PASSWORD }, options),
    );
    expect(error).toBeInstanceOf(IdScanConfigurationError);
    expect((error as IdScanConfigurationError).problems).toEqual([expect.stringMatching(rule)]);
    expect(inspect(error, { depth: Infinity })).not.toContain(PASSWORD);
  });

  it('RedisTransactionStore lists all three in one error', () => {
    const error = thrownBy(
      () =>
        new RedisTransactionStore('redis://127.0.0.1:1', {
          retentionMs: 0,
          eventTtlMs: 1.5,
          commandTimeoutMs: TIMER_OVERFLOW,
        }),
    );
    expect((error as IdScanConfigurationError).problems).toHaveLength(3);
  });

  it('accepts the largest value of each range', () => {
    expect(
      () => new InMemoryTransactionStore({ maxEntries: 1, retentionMs: 604_800_000, eventTtlMs: 604_800_000 }),
    ).not.toThrow();
  });
});
