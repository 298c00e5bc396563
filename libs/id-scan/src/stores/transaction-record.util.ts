import type { IdScanTransaction } from '../interfaces/id-scan-api.interface';
import type { IdScanTransactionRecord } from './id-scan-transaction-store.interface';

/** How long a transaction lives when neither the request nor the answer says (docs/id-scan-api.md §A3). */
const DEFAULT_EXPIRES_IN_SECONDS = 3600;

/**
 * The record the store keeps of a transaction the API has just created. The answer's task list and times win; the
 * request fills in what an answer leaves out, so every record has an expiry and the store can forget it in time.
 */
export function createdTransactionRecord(
  transaction: IdScanTransaction,
  request: { tasks: readonly string[]; expiresIn?: number },
  reference: string | undefined,
  nowMs: number,
): IdScanTransactionRecord {
  return {
    transactionId: transaction.id,
    reference,
    tasks: Array.isArray(transaction.tasks) ? [...transaction.tasks] : [...request.tasks],
    url: transaction.url,
    expiresAt: isoOr(transaction.expires, nowMs + (request.expiresIn ?? DEFAULT_EXPIRES_IN_SECONDS) * 1000),
    createdAt: isoOr(transaction.created, nowMs),
  };
}

/** `value` as ISO-8601 when it is a date the API wrote, else `fallbackMs`. */
function isoOr(value: unknown, fallbackMs: number): string {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return new Date(Number.isNaN(time) ? fallbackMs : time).toISOString();
}
