/**
 * Shapes of what the ID Scan API answers (docs/id-scan-api.md §A3–§A8, §B4). The client is tolerant about what it
 * receives: unknown keys are kept (index signatures), unknown enum strings pass through as `string`, and optional
 * fields may be missing.
 */

/** A task type; the API may add more, which pass through as `string`. */
export type IdScanTaskType = 'document_scan' | 'face_liveness' | 'face_match';

/** Transaction states of docs/id-scan-api.md §B4; others are tolerated. */
export type IdScanTransactionState = 'pending' | 'completed' | 'expired' | (string & {});

/** Task states of docs/id-scan-api.md §B4; others are tolerated. */
export type IdScanTaskState = 'pending' | 'completed' | 'failed' | (string & {});

/**
 * A file attached to a task result or scan attempt (docs/id-scan-api.md §A6). `url` is `null` when withheld by
 * `extractFields`.
 */
export interface IdScanFile {
  category: 'document' | 'image' | (string & {});
  type: string;
  name?: string;
  score?: number;
  url: string | null;
  [key: string]: unknown;
}

/** One value of a result field, by the source that produced it. */
export interface IdScanFieldValue {
  source: 'mrz' | 'visual' | (string & {});
  value: string;
  [key: string]: unknown;
}

/**
 * One entry of `result[]` in a task result (docs/id-scan-api.md §A5). A field may occur more than once (localised
 * copies).
 */
export interface IdScanResultField {
  field: string;
  validity: 'valid' | 'invalid' | 'not_checked' | (string & {});
  comparison?: 'match' | 'no_match' | 'not_performed' | (string & {});
  locale: string | null;
  values: IdScanFieldValue[];
  [key: string]: unknown;
}

/** A task inside a transaction result. */
export interface IdScanTaskResult {
  type: IdScanTaskType | (string & {});
  state: IdScanTaskState;
  attempts?: number;
  score?: number;
  result?: IdScanResultField[];
  files?: IdScanFile[];
  [key: string]: unknown;
}

/** `GET /transactions/{transactionId}/results/{resultId}`. `id` is the transaction id. */
export interface IdScanTransactionResult {
  id: string;
  state: IdScanTransactionState;
  tasks: IdScanTaskResult[];
  [key: string]: unknown;
}

/** Settings echoed by the API for the document-scan task. */
export interface IdScanDocumentScanSettings {
  allowedExpiration?: number;
  redactFields?: string[];
  captureSources?: ('camera' | 'file')[];
  level?: string;
  minimumAge?: number;
  maximumAge?: number;
  validateFields?: string[];
  extractFields?: string[];
  [key: string]: unknown;
}

/** `POST /transactions` answer (docs/id-scan-api.md §A3). */
export interface IdScanTransaction {
  id: string;
  state: IdScanTransactionState;
  tasks: string[];
  settings?: { documentScan?: IdScanDocumentScanSettings; [key: string]: unknown };
  /** The hosted end-user flow to load in an iframe or redirect to. */
  url: string;
  locale: string;
  mobileOnly: boolean;
  expires: string;
  created: string;
  [key: string]: unknown;
}

/** One document-scan attempt in the transaction details (docs/id-scan-api.md §A4). */
export interface IdScanDocumentScanAttempt {
  created: string;
  code: string;
  score?: number;
  source: 'camera' | 'file' | (string & {});
  linked: boolean;
  files: IdScanFile[];
  [key: string]: unknown;
}

/** A task's status in the transaction details. */
export interface IdScanTaskStatus {
  type: IdScanTaskType | (string & {});
  state: IdScanTaskState;
  level?: string;
  attempts?: number;
  attemptsInvoiced?: number;
  documentScans?: IdScanDocumentScanAttempt[];
  [key: string]: unknown;
}

/** `GET /transactions/{transactionId}` (docs/id-scan-api.md §A4). */
export interface IdScanTransactionDetails {
  id: string;
  state: IdScanTransactionState;
  created: string;
  expires: string;
  completed: string | null;
  tasks: IdScanTaskStatus[];
  [key: string]: unknown;
}

/** Event types a webhook can subscribe to (docs/id-scan-api.md §A8). */
export type IdScanWebhookEventType = 'transaction.state.updated' | 'task.state.updated';

/** A webhook subscription (docs/id-scan-api.md §A8). */
export interface IdScanWebhook {
  id: string;
  url: string;
  events: (IdScanWebhookEventType | (string & {}))[];
  headers: Record<string, string> | null;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

/** The body of an event delivery (docs/id-scan-api.md §B5). */
export interface IdScanEventDelivery {
  id: string;
  type: IdScanWebhookEventType | (string & {});
  created: string;
  transaction: { id: string; state: IdScanTransactionState; resultId?: string | null; [key: string]: unknown };
  task?: { type: string; state: IdScanTaskState; [key: string]: unknown };
  [key: string]: unknown;
}
