import {
  readField,
  summarizeResult,
  type IdScanFile,
  type IdScanResultField,
  type IdScanTaskResult,
  type IdScanTransactionResult,
} from 'nestjs-id-scan';
import type { VerificationVerdict } from './verification.interface';

/** One row of the fields table: one entry of the document scan's `result`, with its values by source. */
export interface FieldRow {
  field: string;
  /** `null` for the normalised entry; a locale for the document's printed, localised text. */
  locale: string | null;
  /** The value to use (docs/id-scan-api.md §B4: `mrz`, else `visual`, else the first). */
  value: string | undefined;
  mrz: string | undefined;
  visual: string | undefined;
  /** Values from any other source (for example a chip), as `source: value`. */
  others: string[];
  validity: string;
  comparison: string | undefined;
}

/** An image of the result the host can stream: document sides, portrait, selfie, or another kind of image. */
export interface OutcomeImage {
  /** Identifies the file within the result: `<task index>-<file index>`. */
  key: string;
  kind: 'document-front' | 'document-back' | 'portrait' | 'selfie' | 'other';
  /** The recognised document's name (`Netherlands - Passport (2021)`), or the file type of another image. */
  name: string | undefined;
  /** The task the file belongs to. */
  task: string;
}

/**
 * A task's line in the checks card. `verdict` drives the badge, the bar and its colour together, so that they
 * cannot disagree: `passed` and `failed` as the API judged the task, `not-performed` when the person never did it
 * (no bar, no score), `not-relied-on` for a face match whose selfie failed the liveness check (its similarity
 * proves nothing).
 */
export interface TaskLine {
  type: string;
  state: string;
  verdict: 'passed' | 'failed' | 'not-performed' | 'not-relied-on';
  /** 0..1; `undefined` when the task was not performed. */
  score: number | undefined;
}

/** Why a verification is not verified, as a fact each page words in its own language. */
export type OutcomeReason =
  | { kind: 'not-finished'; tasks: string[] }
  | { kind: 'task-failed'; task: string }
  | { kind: 'under-age'; minimumAge: number }
  | { kind: 'field-invalid'; field: string };

/** Everything the outcome page shows about a result. */
export interface VerificationOutcome {
  verdict: VerificationVerdict;
  /** Why it is not verified; empty when verified. The person stopping comes first. */
  reasons: OutcomeReason[];
  summary: ReturnType<typeof summarizeResult>;
  tasks: TaskLine[];
  fields: FieldRow[];
  images: OutcomeImage[];
}

function valueFrom(entry: IdScanResultField, source: string): string | undefined {
  return entry.values.find((value) => value.source === source)?.value;
}

function fieldRow(entry: IdScanResultField): FieldRow {
  const mrz = valueFrom(entry, 'mrz');
  const visual = valueFrom(entry, 'visual');
  return {
    field: entry.field,
    locale: entry.locale ?? null,
    value: mrz ?? visual ?? entry.values[0]?.value,
    mrz,
    visual,
    others: entry.values
      .filter((value) => value.source !== 'mrz' && value.source !== 'visual')
      .map((value) => `${value.source}: ${value.value}`),
    validity: entry.validity,
    comparison: entry.comparison,
  };
}

function imageOf(task: IdScanTaskResult, file: IdScanFile, key: string): OutcomeImage | undefined {
  if (!file.url) return undefined;
  const base = { key, task: task.type };
  if (file.category === 'document') {
    const back = /side b$/i.test(file.name ?? '');
    return { ...base, kind: back ? 'document-back' : 'document-front', name: file.name ?? file.type };
  }
  if (file.type === 'portrait') return { ...base, kind: 'portrait', name: undefined };
  if (file.type === 'selfie') return { ...base, kind: 'selfie', name: undefined };
  return { ...base, kind: 'other', name: file.type };
}

/** The fields an age limit judges. */
const AGE_FIELDS: ReadonlySet<string> = new Set(['age', 'date_of_birth']);

function taskLine(task: IdScanTaskResult, result: IdScanTransactionResult, unfinished: string[]): TaskLine {
  const performed = !unfinished.includes(task.type);
  const score = performed && typeof task.score === 'number' ? task.score : undefined;
  let verdict: TaskLine['verdict'] = task.state === 'completed' ? 'passed' : 'failed';
  if (!performed) verdict = 'not-performed';
  else if (task.type === 'face_match' && verdict === 'passed' && livenessFailed(result)) verdict = 'not-relied-on';
  return { type: task.type, state: task.state, verdict, score };
}

function livenessFailed(result: IdScanTransactionResult): boolean {
  return result.tasks.some((task) => task.type === 'face_liveness' && task.state === 'failed');
}

/**
 * The verdict and everything else the outcome page shows, derived from a transaction result. A person who stopped
 * before the end is `not-finished`, whatever the tasks they did say: the tasks they never did are not failures.
 */
export function describeOutcome(result: IdScanTransactionResult, minimumAge?: number): VerificationOutcome {
  const summary = summarizeResult(result);
  const reasons: OutcomeReason[] = [];
  if (!summary.finished) reasons.push({ kind: 'not-finished', tasks: summary.unfinishedTasks });
  for (const task of result.tasks) {
    if (summary.unfinishedTasks.includes(task.type)) continue;
    // A failed document scan with invalid fields is explained better by those fields, listed below.
    if (task.type === 'document_scan' && task.state === 'failed' && summary.invalidFields.length > 0) continue;
    if (task.state !== 'completed') reasons.push({ kind: 'task-failed', task: task.type });
  }
  // With a minimum age set, an age outside the range is that: the holder is too young.
  const age = Number(readField(result, 'age'));
  const underAge = minimumAge !== undefined && Number.isFinite(age) && age < minimumAge;
  if (underAge) reasons.push({ kind: 'under-age', minimumAge });
  for (const field of summary.invalidFields) {
    if (underAge && AGE_FIELDS.has(field)) continue;
    reasons.push({ kind: 'field-invalid', field });
  }
  const verdict: VerificationVerdict = !summary.finished
    ? 'not-finished'
    : reasons.length === 0 && result.tasks.length > 0
      ? 'verified'
      : 'not-verified';
  const documentTask = result.tasks.find((task) => task.type === 'document_scan');
  return {
    verdict,
    reasons,
    summary,
    tasks: result.tasks.map((task) => taskLine(task, result, summary.unfinishedTasks)),
    fields: (documentTask?.result ?? []).map(fieldRow),
    images: result.tasks.flatMap((task, taskIndex) =>
      (task.files ?? []).flatMap((file, fileIndex) => imageOf(task, file, `${taskIndex}-${fileIndex}`) ?? []),
    ),
  };
}

/** The downloadable file behind an {@link OutcomeImage} key, or `undefined` for a key the result does not have. */
export function findResultFile(result: IdScanTransactionResult, key: string): IdScanFile | undefined {
  const match = /^(\d{1,3})-(\d{1,3})$/.exec(key);
  if (!match) return undefined;
  const file = result.tasks[Number(match[1])]?.files?.[Number(match[2])];
  return file?.url ? file : undefined;
}
