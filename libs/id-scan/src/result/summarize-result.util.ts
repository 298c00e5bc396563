import type { IdScanTaskResult, IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import { isFieldJudgedInvalid } from './field-validity.util';
import type { IdScanVerdict } from './id-scan-verdict.interface';
import { fieldEntries, readField } from './read-field.util';
import { unfinishedTaskTypes } from './task-progress.util';
import { verdictOf } from './verdict-of.util';

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
  /**
   * `true` when the person went through every task to its end, whatever the verdict; `false` when they stopped
   * before (for instance they gave up), so that a host can tell "not finished" from "failed". A task counts as
   * finished when its state is `completed` or `failed` and, if it counts attempts, it has at least one
   * (docs/id-scan-api.md §B4).
   */
  finished: boolean;
  /** The types of the tasks the person did not finish (`face_liveness`, ...), in the result's order; empty when finished. */
  unfinishedTasks: string[];
  /** The document-scan score, 0..1; `undefined` when the task was not performed. */
  documentScore?: number;
  /** The face-liveness score, 0..1; `undefined` when the task was not performed. */
  livenessScore?: number;
  /** The face-match similarity, 0..1; `undefined` when the task was not performed. */
  faceMatchScore?: number;
  /**
   * Names of the fields judged invalid, each once: marked `invalid`, or with a validity the documentation does not
   * name (never read as a pass).
   */
  invalidFields: string[];
  /** The verdict on the result, as {@link verdictOf} gives it with the result's own task list. */
  verdict: IdScanVerdict;
}

/** Document files that are not a recognised document (raw captures). */
const RAW_DOCUMENT_TYPES = new Set(['raw_document_image']);

/**
 * Summarises a result: the main document fields (by the rule of docs/id-scan-api.md §B4, see {@link readField}), the
 * document type, whether every task was finished, the three scores, the invalid fields and the verdict. Anything
 * the result does not have is `undefined`; so is the score of a task that was not performed, which is no
 * measurement (an API may send `0` for it).
 */
export function summarizeResult(result: IdScanTransactionResult): IdScanResultSummary {
  const task = (type: string): IdScanTaskResult | undefined => result?.tasks?.find((t) => t.type === type);
  const documentFile = (task('document_scan')?.files ?? []).find(
    (file) => file.category === 'document' && typeof file.type === 'string' && !RAW_DOCUMENT_TYPES.has(file.type),
  );
  const unfinishedTasks = unfinishedTaskTypes(result);
  return {
    documentNumber: readField(result, 'document_number'),
    givenNames: readField(result, 'given_names'),
    surname: readField(result, 'surname'),
    dateOfBirth: readField(result, 'date_of_birth'),
    dateOfExpiry: readField(result, 'date_of_expiry'),
    nationality: readField(result, 'nationality'),
    documentType: documentFile?.type ?? readField(result, 'document_type'),
    finished: unfinishedTasks.length === 0,
    unfinishedTasks,
    documentScore: scoreOf(task('document_scan'), unfinishedTasks),
    livenessScore: scoreOf(task('face_liveness'), unfinishedTasks),
    faceMatchScore: scoreOf(task('face_match'), unfinishedTasks),
    invalidFields: [
      ...new Set(
        fieldEntries(result)
          .filter(isFieldJudgedInvalid)
          .map((entry) => entry.field),
      ),
    ],
    verdict: verdictOf(result),
  };
}

/** A task's score, unless it was not performed: then any score the API sends (such as `0`) measures nothing. */
function scoreOf(task: IdScanTaskResult | undefined, unfinished: string[]): number | undefined {
  return task && !unfinished.includes(task.type) && typeof task.score === 'number' ? task.score : undefined;
}
