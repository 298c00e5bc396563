import type {
  EmulatedTaskState,
  EmulatedTaskType,
  EmulatedTransactionState,
  EmulatorEventType,
} from './emulator-event.interface';

// The JSON the emulator answers with (docs/id-scan-api.md Part A shapes, §B4 decisions). The emulator defines its own copies
// rather than importing nestjs-id-scan: it is an independent stand-in the client is tested against.

/** A document-scan setting block as accepted and echoed. */
export interface ApiDocumentScanSettings {
  allowedExpiration?: number;
  redactFields?: string[];
  captureSources?: ('camera' | 'file')[];
  level?: string;
  minimumAge?: number;
  maximumAge?: number;
  validateFields?: string[];
  extractFields?: string[];
}

/** `POST /transactions` answer. */
export interface ApiTransaction {
  id: string;
  state: EmulatedTransactionState;
  tasks: EmulatedTaskType[];
  settings?: { documentScan?: ApiDocumentScanSettings };
  url: string;
  locale: string;
  mobileOnly: boolean;
  expires: string;
  created: string;
}

/** A file of a scan attempt or a task result; `url` is `null` when withheld by `extractFields`. */
export interface ApiFile {
  category: 'document' | 'image';
  type: string;
  name?: string;
  score?: number;
  url: string | null;
}

/** One scan attempt in the transaction details. */
export interface ApiDocumentScanAttempt {
  created: string;
  code: string;
  score: number;
  source: 'camera' | 'file';
  linked: boolean;
  files: ApiFile[];
}

/** A task's status in the transaction details. */
export interface ApiTaskStatus {
  type: EmulatedTaskType;
  state: EmulatedTaskState;
  level?: string;
  attempts: number;
  attemptsInvoiced?: number;
  documentScans?: ApiDocumentScanAttempt[];
}

/** `GET /transactions/{id}` answer. */
export interface ApiTransactionDetails {
  id: string;
  state: EmulatedTransactionState;
  created: string;
  expires: string;
  completed: string | null;
  tasks: ApiTaskStatus[];
}

/** One value of a result field. */
export interface ApiFieldValue {
  source: 'mrz' | 'visual';
  value: string;
}

/** One entry of a task's `result`. */
export interface ApiResultField {
  field: string;
  validity: 'valid' | 'invalid' | 'not_checked';
  comparison: 'match' | 'no_match' | 'not_performed';
  locale: string | null;
  values: ApiFieldValue[];
}

/** A task inside a result. */
export interface ApiTaskResult {
  type: EmulatedTaskType;
  state: EmulatedTaskState;
  attempts?: number;
  /** 0..1; absent for a task that was not performed (the person gave up before finishing it). */
  score?: number;
  result: ApiResultField[];
  files?: ApiFile[];
}

/** `GET /transactions/{id}/results/{resultId}` answer; `id` is the transaction id. */
export interface ApiTransactionResult {
  id: string;
  state: EmulatedTransactionState;
  tasks: ApiTaskResult[];
}

/** A webhook subscription. */
export interface ApiWebhook {
  id: string;
  url: string;
  events: EmulatorEventType[];
  headers: Record<string, string> | null;
  createdAt: string;
  updatedAt: string;
}
