import { randomUUID } from 'node:crypto';
import type { IdScanTransaction } from 'nestjs-id-scan';
import { WEBHOOK_SECRET, type TestHost } from './id-scan-host';

/** The header that carries the webhook secret on `POST /id-scan/events` (docs/id-scan-api.md §B5). */
export const SECRET_HEADER = 'x-id-scan-webhook-secret';

/** Posts an event delivery to a host's webhook route; by default signed with {@link WEBHOOK_SECRET}. */
export function deliverEvent(
  host: TestHost,
  body: unknown,
  headers: Record<string, string> = { [SECRET_HEADER]: WEBHOOK_SECRET },
): Promise<Response> {
  return fetch(`${host.origin}/id-scan/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Starts a transaction through a host's `IdScanService`, returning to that host, with a fresh order reference. */
export function startTransactionOn(host: TestHost, tasks: string[] = ['document_scan']): Promise<IdScanTransaction> {
  return host.idScan.createTransaction(
    { tasks, returnUrl: `${host.origin}/id-scan/return` },
    { reference: `order-${randomUUID()}` },
  );
}

/** Posts the browser's completion signal for a transaction to a host. */
export function postComplete(host: TestHost, transactionId: string, resultId: string): Promise<Response> {
  return fetch(`${host.origin}/id-scan/transactions/${transactionId}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resultId }),
  });
}

/** Follows the return URL of a transaction on a host, without following its redirect. */
export function returnOn(host: TestHost, transactionId: string, resultId: string): Promise<Response> {
  return fetch(`${host.origin}/id-scan/return?trxid=${transactionId}&resultid=${resultId}`, { redirect: 'manual' });
}

/** The body of a `transaction.state.updated` delivery saying the transaction completed with `resultId`. */
export function completedDelivery(transactionId: string, resultId: string = randomUUID()) {
  return {
    id: randomUUID(),
    type: 'transaction.state.updated',
    created: new Date().toISOString(),
    transaction: { id: transactionId, state: 'completed', resultId },
  };
}

/** The body of a `task.state.updated` delivery saying the document scan of a completed transaction completed. */
export function taskUpdatedDelivery(transactionId: string, resultId: string) {
  return {
    id: randomUUID(),
    type: 'task.state.updated',
    created: new Date().toISOString(),
    transaction: { id: transactionId, state: 'completed', resultId },
    task: { type: 'document_scan', state: 'completed' },
  };
}
