import { IdScanStoreUnavailableError } from '../errors/id-scan-store-unavailable.error';
import type {
  RedisTransactionStoreClient,
  RedisTransactionStoreConnectionOptions,
} from './redis-transaction-store.interface';

/** ioredis reply errors that mean "not now" rather than "wrong command". */
const UNAVAILABLE_REPLIES = /^(LOADING|READONLY|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN)\b/;

/** Duck-typed so the package never loads ioredis unless a Redis store is actually built from options. */
export function isRedisClient(value: unknown): value is RedisTransactionStoreClient {
  const candidate = value as Partial<RedisTransactionStoreClient> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.set === 'function' &&
    typeof candidate.get === 'function' &&
    typeof candidate.quit === 'function'
  );
}

/** ioredis is an optional peer dependency: loaded only here, when the store has to open its own connection. */
export async function openRedisClient(
  options: RedisTransactionStoreConnectionOptions | string,
  commandTimeoutMs: number,
): Promise<RedisTransactionStoreClient> {
  const { Redis: RedisClient } = await import('ioredis');
  const bounds = {
    // A call fails after this long instead of waiting out ioredis's reconnections (20 by default, over a minute).
    commandTimeout: commandTimeoutMs,
    // Commands in flight when the connection drops fail at once and are never sent again after the reconnection:
    // a SET NX that ran after its caller was told it failed would mark a completion nobody announced.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Nothing is queued while disconnected, for the same reason; the store itself waits, bounded, for the connection.
    enableOfflineQueue: false,
    // A connection attempt to a host that drops packets gives up instead of holding back the next attempt.
    connectTimeout: Math.max(commandTimeoutMs, 1000),
    // Reconnects forever and soon, so the next call after Redis is back succeeds without a restart of the host.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 500),
  };
  return typeof options === 'string'
    ? new RedisClient(options, bounds)
    : new RedisClient({ ...bounds, ...(options as Record<string, unknown>) });
}

/** The store's error for a connection failure, or `undefined` for a reply error that means a wrong command. */
export function storeUnavailableError(error: unknown): IdScanStoreUnavailableError | undefined {
  if (error instanceof IdScanStoreUnavailableError) return error;
  // Read structurally: socket errors come from Node's own realm, where `instanceof Error` can be false.
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const isReply = name === 'ReplyError' && typeof message === 'string';
  const reply = isReply ? UNAVAILABLE_REPLIES.exec(message) : null;
  if (isReply && !reply) return undefined;
  // ioredis's own messages name no key or value, but a code is all an operator needs.
  const timedOut = typeof message === 'string' && /timed out/i.test(message);
  const code = reply?.[1] ?? errorCode(error) ?? (timedOut ? 'ETIMEDOUT' : 'connection_lost');
  return new IdScanStoreUnavailableError(
    `Redis did not carry out a transaction-store command (${code}), so the store is unavailable. ` +
      'Check that Redis is running and reachable, then try again in a moment.',
    { code, cause: error },
  );
}

/** The `code` of a Node or ioredis error (`ECONNREFUSED`), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
