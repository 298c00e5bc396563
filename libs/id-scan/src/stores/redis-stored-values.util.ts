import type { IdScanCompletionRecord, IdScanTransactionRecord } from './id-scan-transaction-store.interface';
import { ID_SCAN_VERIFICATION_OUTCOMES } from './id-scan-transaction-store.interface';

/** A completion written by this store; anything else under the key counts as no completion. */
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
  return Object.freeze({ resultId: mark.resultId, outcome });
}

/** A record written by this store; anything else under the key (another tool's data) counts as unknown. */
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
