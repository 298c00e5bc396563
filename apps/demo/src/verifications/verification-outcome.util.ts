import {
  summarizeResult,
  type IdScanFile,
  type IdScanResultField,
  type IdScanTaskResult,
  type IdScanTransactionResult,
} from 'nestjs-id-scan';

/** Readable names of the fields ID Scan returns; anything else is shown with its name humanised. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  document_number: 'Document number',
  document_type: 'Document type',
  given_names: 'Given names',
  surname: 'Surname',
  date_of_birth: 'Date of birth',
  date_of_expiry: 'Date of expiry',
  date_of_issue: 'Date of issue',
  sex: 'Sex',
  nationality: 'Nationality',
  issuing_country: 'Issuing country',
  personal_number: 'Personal number',
  place_of_birth: 'Place of birth',
  age: 'Age',
};

/** Readable task names. */
const TASK_LABELS: Readonly<Record<string, string>> = {
  document_scan: 'Document scan',
  face_liveness: 'Liveness check',
  face_match: 'Face match',
};

/** Why a failed task fails the verification, in the words a reviewer would use. */
const TASK_FAILURES: Readonly<Record<string, string>> = {
  document_scan: 'The document could not be verified',
  face_liveness: 'The liveness check failed: no live person was detected',
  face_match: 'The face does not match the photo on the document',
};

/** Why an invalid field fails the verification, where a plain "is not valid" says too little. */
const FIELD_FAILURES: Readonly<Record<string, string>> = {
  date_of_expiry: 'The document has expired (or expires sooner than allowed)',
  document_number: 'The document number did not pass validation',
  date_of_birth: 'The date of birth is outside the allowed age range',
  age: 'The age is outside the allowed range',
};

/** Capitalises a snake_case name: `issuing_state` → `Issuing state`. */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** The readable name of a result field. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? humanize(field);
}

/** The readable name of a task. */
export function taskLabel(task: string): string {
  return TASK_LABELS[task] ?? humanize(task);
}

/** One row of the fields table: one entry of the document scan's `result`, with its values by source. */
export interface FieldRow {
  field: string;
  label: string;
  /** `null` for the normalised entry; a locale for the document's printed, localised text. */
  locale: string | null;
  /** The value to use (Part B4: `mrz`, else `visual`, else the first). */
  value: string | undefined;
  mrz: string | undefined;
  visual: string | undefined;
  /** Values from any other source (for example a chip), as `source: value`. */
  others: string[];
  validity: string;
  comparison: string | undefined;
}

/** An image of the result the host can stream: document sides, portrait, selfie. */
export interface OutcomeImage {
  /** Identifies the file within the result: `<task index>-<file index>`. */
  key: string;
  label: string;
  /** Document name or file type, when the API gave one. */
  caption: string | undefined;
}

/** A task's line in the outcome: its state and score. */
export interface TaskLine {
  type: string;
  label: string;
  state: string;
  score: number | undefined;
}

/** Everything the outcome page shows about a result. */
export interface VerificationOutcome {
  verified: boolean;
  /** Why it is not verified; empty when verified. */
  reasons: string[];
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
    label: fieldLabel(entry.field),
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
  if (file.category === 'document') {
    const back = /side b$/i.test(file.name ?? '');
    return {
      key,
      label: back ? 'Document, back' : 'Document, front',
      caption: file.name ?? humanize(file.type),
    };
  }
  if (file.type === 'portrait') {
    return {
      key,
      label: 'Portrait',
      caption: 'Cut from the document',
    };
  }
  if (file.type === 'selfie') {
    return {
      key,
      label: 'Selfie',
      caption: `Taken in the ${taskLabel(task.type).toLowerCase()}`,
    };
  }
  return {
    key,
    label: humanize(file.type),
    caption: taskLabel(task.type),
  };
}

/** The verdict and everything else the outcome page shows, derived from a transaction result. */
export function describeOutcome(result: IdScanTransactionResult): VerificationOutcome {
  const summary = summarizeResult(result);
  const reasons: string[] = [];
  for (const task of result.tasks) {
    // A failed document scan with invalid fields is explained better by those fields, listed below.
    if (task.type === 'document_scan' && task.state === 'failed' && summary.invalidFields.length > 0) continue;
    if (task.state === 'failed') reasons.push(TASK_FAILURES[task.type] ?? `${taskLabel(task.type)} failed`);
    else if (task.state !== 'completed') reasons.push(`${taskLabel(task.type)} was not completed`);
  }
  for (const field of summary.invalidFields) {
    reasons.push(FIELD_FAILURES[field] ?? `${fieldLabel(field)} is not valid`);
  }
  const documentTask = result.tasks.find((task) => task.type === 'document_scan');
  return {
    verified: reasons.length === 0 && result.tasks.length > 0,
    reasons,
    summary,
    tasks: result.tasks.map((task) => ({
      type: task.type,
      label: taskLabel(task.type),
      state: task.state,
      score: typeof task.score === 'number' ? task.score : undefined,
    })),
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
