import type {
  IdScanCompletionRecord,
  IdScanFailedDeliveryRecord,
  IdScanTransactionRecord,
} from './id-scan-transaction-store.interface';
import { ID_SCAN_VERIFICATION_OUTCOMES } from './id-scan-transaction-store.interface';

const COMPLETION_SOURCES = ['iframe', 'return-url', 'webhook'] as const;

/** A completion written by this store, or `undefined` for anything else under the key (refused by the store). */
export function parseStoredCompletion(raw: string): IdScanCompletionRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const mark = value as Partial<IdScanCompletionRecord> | null;
  const outcome = ID_SCAN_VERIFICATION_OUTCOMES.find((known) => known === mark?.outcome);
  if (!mark || typeof mark.resultId !== 'string' || outcome === undefined) return undefined;
  const via = COMPLETION_SOURCES.find((known) => known === mark.via);
  return Object.freeze({ resultId: mark.resultId, outcome, ...(via ? { via } : {}) });
}

/** A record written by this store, or `undefined` for anything else under the key (refused by the store). */
export function parseStoredRecord(raw: string, transactionId: string): IdScanTransactionRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<IdScanTransactionRecord>;
  if (record.transactionId !== transactionId || typeof record.expiresAt !== 'string') return undefined;
  return Object.freeze(record as IdScanTransactionRecord);
}

/** A failed delivery written by this store; anything else under the key is skipped. */
export function parseStoredFailedDelivery(raw: string): IdScanFailedDeliveryRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const entry = value as Partial<IdScanFailedDeliveryRecord> | null;
  const job = entry?.job as { kind?: unknown; transactionId?: unknown } | undefined;
  if (
    !entry ||
    typeof entry.jobId !== 'string' ||
    typeof entry.attempts !== 'number' ||
    typeof entry.failedAt !== 'string' ||
    typeof entry.errorName !== 'string' ||
    typeof job?.kind !== 'string' ||
    typeof job.transactionId !== 'string'
  ) {
    return undefined;
  }
  return Object.freeze(entry as IdScanFailedDeliveryRecord);
}
