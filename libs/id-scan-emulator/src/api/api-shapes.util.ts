import type {
  ApiDocumentScanSettings,
  ApiFile,
  ApiTaskResult,
  ApiTaskStatus,
  ApiTransaction,
  ApiTransactionDetails,
  ApiTransactionResult,
  EmulatedTransactionSnapshot,
} from '../interfaces';
import { extractFields } from '../simulation/document-fields.util';
import { formatTimestamp } from '../simulation/time.util';
import type { FileEntry, TransactionRecord } from '../state/transaction-record.interface';

/** The addresses the API answers point at (implemented by `EmulatorUrlsService`). */
export interface AnswerUrls {
  /** Absolute URL of a transaction's hosted flow. */
  pageUrl(locale: string, pageToken: string): string;
  /** Absolute download URL of a file token. */
  downloadUrl(token: string): string;
}

/** The answer of `POST /transactions` for a freshly created record (docs/id-scan-api.md §B1, §B3). */
export function toApiTransaction(record: TransactionRecord, urls: AnswerUrls): ApiTransaction {
  const answer: ApiTransaction = {
    id: record.id,
    state: record.state,
    tasks: record.tasks.map((task) => task.type),
    url: urls.pageUrl(record.locale, record.pageToken),
    locale: record.locale,
    mobileOnly: record.mobileOnly,
    expires: formatTimestamp(record.expiresAt),
    created: formatTimestamp(record.createdAt),
  };
  if (record.settingsEcho) answer.settings = record.settingsEcho;
  return answer;
}

/**
 * `GET /transactions/{id}`: state, and per task its progress; document-scan attempts list their files only while
 * the transaction is pending (completed ones have them in the result, expired ones have none).
 */
export function toTransactionDetails(record: TransactionRecord, urls: AnswerUrls): ApiTransactionDetails {
  const withFiles = record.state === 'pending';
  return {
    id: record.id,
    state: record.state,
    created: formatTimestamp(record.createdAt),
    expires: formatTimestamp(record.expiresAt),
    completed: record.completedAt === null ? null : formatTimestamp(record.completedAt),
    tasks: record.tasks.map((task): ApiTaskStatus => {
      if (task.type !== 'document_scan') return { type: task.type, state: task.state, attempts: task.attempts };
      return {
        type: task.type,
        state: task.state,
        ...(record.documentScan.level !== undefined ? { level: record.documentScan.level } : {}),
        attempts: task.attempts,
        attemptsInvoiced: task.attempts > 0 ? 1 : 0,
        documentScans: record.attempts.map((attempt) => ({
          created: formatTimestamp(attempt.createdAt),
          code: attempt.code,
          score: attempt.score,
          source: attempt.source,
          linked: attempt.linked,
          files: withFiles ? attempt.files.map((file) => toApiFile(file, urls)) : [],
        })),
      };
    }),
  };
}

/**
 * The result of a completed record, as `GET /transactions/{id}/results/{resultId}` answers it: fields filtered by
 * `extractFields`, and file URLs left out where `extractFields` leaves out their kind (docs/id-scan-api.md §B4).
 */
export function toTransactionResult(record: TransactionRecord, urls: AnswerUrls): ApiTransactionResult {
  const settings: ApiDocumentScanSettings = record.documentScan;
  const extract = settings.extractFields;
  const documentImage = !extract || extract.includes('document_image');
  const portrait = !extract || extract.includes('portrait');
  return {
    id: record.id,
    state: record.state,
    tasks: record.tasks.map((task): ApiTaskResult => {
      // A task the person never finished (they gave up) was not performed: no attempts, no score
      // (docs/id-scan-api.md §B4).
      const score = task.score === null ? {} : { score: task.score };
      switch (task.type) {
        case 'document_scan':
          return {
            type: task.type,
            state: task.state,
            attempts: task.attempts,
            ...score,
            result: record.reading && task.attempts > 0 ? extractFields(record.reading.fields, settings) : [],
            files: task.files
              .filter((file) => file.type !== 'portrait' || portrait)
              .map((file) => toApiFile(file, urls, file.category !== 'document' || documentImage)),
          };
        case 'face_liveness':
          return {
            type: task.type,
            state: task.state,
            attempts: task.attempts,
            ...score,
            result: [],
            files: task.files.map((file) => toApiFile(file, urls)),
          };
        case 'face_match':
          return { type: task.type, state: task.state, ...score, result: [] };
      }
    }),
  };
}

/** The API form of a stored file: its download URL, or `null` where the settings withhold the file. */
export function toApiFile(file: FileEntry, urls: AnswerUrls, withUrl = true): ApiFile {
  return {
    category: file.category,
    type: file.type,
    ...(file.name !== undefined ? { name: file.name } : {}),
    ...(file.score !== undefined ? { score: file.score } : {}),
    url: withUrl ? urls.downloadUrl(file.token) : null,
  };
}

/** What `IdScanEmulator.transactions()` reports about a record. */
export function toSnapshot(record: TransactionRecord, urls: AnswerUrls): EmulatedTransactionSnapshot {
  return {
    id: record.id,
    state: record.state,
    tasks: record.tasks.map((task) => ({ type: task.type, state: task.state })),
    url: urls.pageUrl(record.locale, record.pageToken),
    locale: record.locale,
    mobileOnly: record.mobileOnly,
    returnUrl: record.returnUrl,
    scanReturnUrl: record.scanReturnUrl,
    created: formatTimestamp(record.createdAt),
    expires: formatTimestamp(record.expiresAt),
    completed: record.completedAt === null ? null : formatTimestamp(record.completedAt),
    resultId: record.resultId,
    scenarios: [...record.scenarios],
  };
}

/** `url` with `trxid` and `resultid` appended, its own query kept (docs/id-scan-api.md §B5). */
export function appendCompletion(url: string, record: TransactionRecord): string {
  const target = new URL(url);
  target.searchParams.append('trxid', record.id);
  target.searchParams.append('resultid', record.resultId ?? '');
  return target.toString();
}
