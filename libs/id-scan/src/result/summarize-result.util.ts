import type { IdScanTaskResult, IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import { fieldEntries, readField } from './read-field.util';

/** The facts most hosts need from a result, by {@link summarizeResult}. */
export interface IdScanResultSummary {
  documentNumber?: string;
  givenNames?: string;
  surname?: string;
  /** As the API gives it (`YYYY-MM-DD`). */
  dateOfBirth?: string;
  /** As the API gives it (`YYYY-MM-DD`). */
  dateOfExpiry?: string;
  nationality?: string;
  /** The recognised document's type (`PASSPORT`, `ID_CARD`, ...), from its file or the `document_type` field. */
  documentType?: string;
  /** The document-scan score, 0..1. */
  documentScore?: number;
  /** The face-liveness score, 0..1. */
  livenessScore?: number;
  /** The face-match similarity, 0..1. */
  faceMatchScore?: number;
  /** Names of the fields the API marked `invalid`, each once. */
  invalidFields: string[];
}

/** Document files that are not a recognised document (raw captures). */
const RAW_DOCUMENT_TYPES = new Set(['raw_document_image']);

/**
 * Summarises a result: the main document fields (by the B4 rule, see {@link readField}), the document type, the
 * three scores and the invalid fields. Anything the result does not have is `undefined`.
 */
export function summarizeResult(result: IdScanTransactionResult): IdScanResultSummary {
  const task = (type: string): IdScanTaskResult | undefined => result?.tasks?.find((t) => t.type === type);
  const documentFile = (task('document_scan')?.files ?? []).find(
    (file) => file.category === 'document' && typeof file.type === 'string' && !RAW_DOCUMENT_TYPES.has(file.type),
  );
  return {
    documentNumber: readField(result, 'document_number'),
    givenNames: readField(result, 'given_names'),
    surname: readField(result, 'surname'),
    dateOfBirth: readField(result, 'date_of_birth'),
    dateOfExpiry: readField(result, 'date_of_expiry'),
    nationality: readField(result, 'nationality'),
    documentType: documentFile?.type ?? readField(result, 'document_type'),
    documentScore: scoreOf(task('document_scan')),
    livenessScore: scoreOf(task('face_liveness')),
    faceMatchScore: scoreOf(task('face_match')),
    invalidFields: [
      ...new Set(
        fieldEntries(result)
          .filter((entry) => entry.validity === 'invalid')
          .map((entry) => entry.field),
      ),
    ],
  };
}

function scoreOf(task: IdScanTaskResult | undefined): number | undefined {
  return typeof task?.score === 'number' ? task.score : undefined;
}
