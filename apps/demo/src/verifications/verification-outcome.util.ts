import {
  readField,
  summarizeResult,
  type IdScanCheckState,
  type IdScanFile,
  type IdScanResultField,
  type IdScanTaskResult,
  type IdScanTransactionResult,
  type IdScanVerdict,
  type IdScanVerdictChecks,
  type IdScanVerdictOutcome,
} from 'nestjs-id-scan';
import type { VerificationCompletion, VerificationVerdict } from './verification.interface';

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
  /**
   * `true` when the entry counts against the verification, as the verdict reads it: `invalid`, or a validity the
   * documentation does not name (never read as a pass).
   */
  invalid: boolean;
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
 * A check's line in the checks card, straight from the verdict: `verdict` drives the badge, the bar and its colour
 * together, so that they cannot disagree: `passed` and `failed` as the verdict judged the check (an invalid field
 * fails it, whatever the task's state), `not-performed` when the person never did it (no bar, no score),
 * `not-relied-on` for a face match whose selfie failed the liveness check (its similarity proves nothing).
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
  | { kind: 'under-age'; minimumAge: number | undefined }
  | { kind: 'field-invalid'; field: string };

/** Everything the outcome page shows about a result. */
export interface VerificationOutcome {
  verdict: VerificationVerdict;
  /** Why it is not verified, from the verdict's reasons; empty when verified. Failures first, then what was not done. */
  reasons: OutcomeReason[];
  /** `true` when every reason may change with a new attempt (the verdict's `retryable`); `true` when verified. */
  retryable: boolean;
  /** `true` only when the face match passed: only then does the document belong to the person who took part. */
  identityShown: boolean;
  /** The fields the verdict judged invalid, which the summary marks (the fields table marks the same entries). */
  invalidFields: ReadonlySet<string>;
  summary: ReturnType<typeof summarizeResult>;
  /** The holder's age as the document gives it, when the result has one (the summary shows it apart). */
  age: string | undefined;
  tasks: TaskLine[];
  fields: FieldRow[];
  images: OutcomeImage[];
}

/** The validities that say nothing against a field (docs/id-scan-api.md §A5); the verdict reads the same way. */
const ACCEPTABLE_VALIDITIES: ReadonlySet<string> = new Set(['valid', 'not_checked']);

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
    invalid: !ACCEPTABLE_VALIDITIES.has(entry.validity),
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

/** The demo's words for a verdict's outcome. */
const VERDICT_OF_OUTCOME: Readonly<Record<IdScanVerdictOutcome, VerificationVerdict>> = {
  passed: 'verified',
  failed: 'not-verified',
  incomplete: 'not-finished',
};

/** The demo's verdict for a completion: the package's verdict, in the demo's words. */
export function verdictName(verdict: IdScanVerdict): VerificationVerdict {
  return VERDICT_OF_OUTCOME[verdict.outcome];
}

/** The checks card's lines, in task order, each with the verdict's check state. */
const CHECK_TASKS: readonly [keyof IdScanVerdictChecks, string][] = [
  ['document', 'document_scan'],
  ['liveness', 'face_liveness'],
  ['faceMatch', 'face_match'],
];

const LINE_VERDICTS: Readonly<Record<Exclude<IdScanCheckState, 'not_requested'>, TaskLine['verdict']>> = {
  passed: 'passed',
  failed: 'failed',
  not_performed: 'not-performed',
  not_relied_on: 'not-relied-on',
};

function taskLines(result: IdScanTransactionResult, verdict: IdScanVerdict, summary: VerificationOutcome['summary']) {
  const scores: Record<keyof IdScanVerdictChecks, number | undefined> = {
    document: summary.documentScore,
    liveness: summary.livenessScore,
    faceMatch: summary.faceMatchScore,
  };
  return CHECK_TASKS.flatMap(([check, type]): TaskLine[] => {
    const state = verdict.checks[check];
    if (state === 'not_requested') return [];
    const task = result.tasks?.find((candidate) => candidate.type === type);
    const line = LINE_VERDICTS[state];
    return [
      {
        type,
        state: task?.state ?? 'pending',
        verdict: line,
        score: line === 'not-performed' ? undefined : scores[check],
      },
    ];
  });
}

/** The verdict's reasons as the page words them: its failures in order, then one line for what was not done. */
function reasonsOf(verdict: IdScanVerdict, minimumAge: number | undefined): OutcomeReason[] {
  const reasons: OutcomeReason[] = [];
  const notDone: string[] = [];
  for (const reason of verdict.reasons) {
    if (reason.code === 'not_finished') notDone.push(reason.task);
    else if (reason.code === 'under_minimum_age') reasons.push({ kind: 'under-age', minimumAge });
    else if (reason.field !== undefined) reasons.push({ kind: 'field-invalid', field: reason.field });
    else reasons.push({ kind: 'task-failed', task: reason.task });
  }
  if (notDone.length > 0) reasons.push({ kind: 'not-finished', tasks: notDone });
  return reasons;
}

/**
 * Everything the outcome page shows, from a completion: the banner, the checks card and the reasons come from the
 * verdict the package delivered with the event, and nothing else, so they cannot disagree; the summary, fields and
 * images come from the result.
 */
export function describeOutcome(
  completion: Pick<VerificationCompletion, 'result' | 'verdict'>,
  minimumAge?: number,
): VerificationOutcome {
  const { result, verdict } = completion;
  const summary = summarizeResult(result);
  const documentTask = result.tasks?.find((task) => task.type === 'document_scan');
  return {
    verdict: verdictName(verdict),
    reasons: reasonsOf(verdict, minimumAge),
    retryable: verdict.reasons.every((reason) => reason.retryable),
    identityShown: verdict.outcome === 'passed' && verdict.checks.faceMatch === 'passed',
    invalidFields: new Set(verdict.reasons.flatMap((reason) => reason.field ?? [])),
    summary,
    age: readField(result, 'age'),
    tasks: taskLines(result, verdict, summary),
    fields: (documentTask?.result ?? []).map(fieldRow),
    images: (result.tasks ?? []).flatMap((task, taskIndex) =>
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
