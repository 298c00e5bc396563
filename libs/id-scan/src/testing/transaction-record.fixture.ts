import { randomUUID } from 'node:crypto';
import type { IdScanTransactionRecord } from '../stores/id-scan-transaction-store.interface';

/** A record of a pending transaction that expires in an hour, with a fresh id; `overrides` replace its fields. */
export function recordOf(overrides: Partial<IdScanTransactionRecord> = {}): IdScanTransactionRecord {
  const now = Date.now();
  return {
    transactionId: randomUUID(),
    reference: 'order-42',
    tasks: ['document_scan'],
    url: 'https://id-scan.example/en-us/identifications/token',
    expiresAt: new Date(now + 3_600_000).toISOString(),
    createdAt: new Date(now).toISOString(),
    ...overrides,
  };
}
