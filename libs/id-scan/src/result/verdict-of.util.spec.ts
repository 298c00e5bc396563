import type { IdScanResultField, IdScanTaskResult, IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import { cmGivenUpResult, cmResult } from '../testing/cm-result.fixture';
import type { IdScanVerdict, IdScanVerdictReasonCode } from './id-scan-verdict.interface';
import { summarizeResult } from './summarize-result.util';
import { verdictOf } from './verdict-of.util';

// Results shaped as the emulator returns them for each scenario (docs/id-scan-api.md §B4): a document scan with its
// field validities, a liveness check and a face match with one attempt each, and `pending` tasks, with no attempt,
// for what the person never did.

const field = (name: string, validity: string): IdScanResultField => ({
  field: name,
  validity,
  comparison: 'match',
  locale: null,
  values: [{ source: 'mrz', value: 'x' }],
});

/** The fields of a genuine document, with some validities replaced. */
function documentFields(overrides: Record<string, string> = {}): IdScanResultField[] {
  const validities: Record<string, string> = {
    document_type: 'valid',
    document_number: 'valid',
    surname: 'not_checked',
    given_names: 'not_checked',
    date_of_birth: 'valid',
    age: 'not_checked',
    nationality: 'valid',
    date_of_expiry: 'valid',
    ...overrides,
  };
  return [
    ...Object.entries(validities).map(([name, validity]) => field(name, validity)),
    { ...field('given_names', 'not_checked'), locale: 'nl-NL', comparison: 'not_performed' },
  ];
}

const documentScan = (state: string, overrides: Record<string, string> = {}): IdScanTaskResult => ({
  type: 'document_scan',
  state,
  attempts: 1,
  score: 0.93,
  result: documentFields(overrides),
  files: [],
});
const liveness = (state: string): IdScanTaskResult => ({
  type: 'face_liveness',
  state,
  attempts: 1,
  score: state === 'completed' ? 0.94 : 0.12,
  result: [],
  files: [],
});
const faceMatch = (state: string): IdScanTaskResult => ({
  type: 'face_match',
  state,
  attempts: 1,
  score: state === 'completed' ? 0.9 : 0.1,
  result: [],
});
const notDone = (type: string): IdScanTaskResult =>
  type === 'face_match'
    ? { type, state: 'pending', result: [] }
    : { type, state: 'pending', attempts: 0, result: [], files: [] };

const resultOf = (...tasks: IdScanTaskResult[]): IdScanTransactionResult => ({
  id: '2c2f04a5-44e4-4a83-aa53-1a9fa90c2394',
  state: 'completed',
  tasks,
});

/** A reason as the table in the README gives it. */
const because = (code: IdScanVerdictReasonCode, task: string, fieldName?: string) => ({
  code,
  task,
  ...(fieldName === undefined ? {} : { field: fieldName }),
  retryable: !['document_expired', 'under_minimum_age'].includes(code),
});

const ALL_PASSED = { document: 'passed', liveness: 'passed', faceMatch: 'passed' } as const;

interface Case {
  name: string;
  result: IdScanTransactionResult;
  verdict: IdScanVerdict;
  requestedTasks?: string[];
}

const CASES: Case[] = [
  // Every scenario of the emulator, run over all three tasks (`completeTransaction`, or the same choice on each page).
  ...['genuine_passport', 'genuine_id_card'].map((scenario): Case => ({
    name: `scenario ${scenario}`,
    result: resultOf(documentScan('completed'), liveness('completed'), faceMatch('completed')),
    verdict: { outcome: 'passed', reasons: [], checks: ALL_PASSED },
  })),
  {
    name: 'scenario expired_document: the document scan fails on its date of expiry',
    result: resultOf(
      documentScan('failed', { date_of_expiry: 'invalid' }),
      liveness('completed'),
      faceMatch('completed'),
    ),
    verdict: {
      outcome: 'failed',
      reasons: [because('document_expired', 'document_scan', 'date_of_expiry')],
      checks: { ...ALL_PASSED, document: 'failed' },
    },
  },
  {
    name: 'scenario invalid_document_number: the task says completed, the document number is invalid',
    result: resultOf(
      documentScan('completed', { document_number: 'invalid' }),
      liveness('completed'),
      faceMatch('completed'),
    ),
    verdict: {
      outcome: 'failed',
      reasons: [because('field_invalid', 'document_scan', 'document_number')],
      checks: { ...ALL_PASSED, document: 'failed' },
    },
  },
  {
    name: 'scenario under_minimum_age with a minimum age set: the age is invalid, the task failed',
    result: resultOf(documentScan('failed', { age: 'invalid' }), liveness('completed'), faceMatch('completed')),
    verdict: {
      outcome: 'failed',
      reasons: [because('under_minimum_age', 'document_scan', 'age')],
      checks: { ...ALL_PASSED, document: 'failed' },
    },
  },
  {
    name: 'scenario under_minimum_age with no minimum age: nothing judged the age, so it passes',
    result: resultOf(documentScan('completed'), liveness('completed'), faceMatch('completed')),
    verdict: { outcome: 'passed', reasons: [], checks: ALL_PASSED },
  },
  {
    name: 'scenario liveness_fails: the face match that follows is not relied on, and gives no reason',
    result: resultOf(documentScan('completed'), liveness('failed'), faceMatch('completed')),
    verdict: {
      outcome: 'failed',
      reasons: [because('liveness_failed', 'face_liveness')],
      checks: { document: 'passed', liveness: 'failed', faceMatch: 'not_relied_on' },
    },
  },
  {
    name: 'scenario face_mismatch',
    result: resultOf(documentScan('completed'), liveness('completed'), faceMatch('failed')),
    verdict: {
      outcome: 'failed',
      reasons: [because('face_mismatch', 'face_match')],
      checks: { ...ALL_PASSED, faceMatch: 'failed' },
    },
  },
  {
    name: 'scenario gives_up at the first page',
    result: resultOf(notDone('document_scan'), notDone('face_liveness'), notDone('face_match')),
    verdict: {
      outcome: 'incomplete',
      reasons: [
        because('not_finished', 'document_scan'),
        because('not_finished', 'face_liveness'),
        because('not_finished', 'face_match'),
      ],
      checks: { document: 'not_performed', liveness: 'not_performed', faceMatch: 'not_performed' },
    },
  },
  // What a person can do in the hosted flow, page by page.
  {
    name: 'an expired document, then the person gives up: failed, not merely interrupted',
    result: resultOf(
      documentScan('failed', { date_of_expiry: 'invalid' }),
      notDone('face_liveness'),
      notDone('face_match'),
    ),
    verdict: {
      outcome: 'failed',
      reasons: [
        because('document_expired', 'document_scan', 'date_of_expiry'),
        because('not_finished', 'face_liveness'),
        because('not_finished', 'face_match'),
      ],
      checks: { document: 'failed', liveness: 'not_performed', faceMatch: 'not_performed' },
    },
  },
  {
    name: 'an invalid document number, then the person gives up',
    result: resultOf(
      documentScan('completed', { document_number: 'invalid' }),
      notDone('face_liveness'),
      notDone('face_match'),
    ),
    verdict: {
      outcome: 'failed',
      reasons: [
        because('field_invalid', 'document_scan', 'document_number'),
        because('not_finished', 'face_liveness'),
        because('not_finished', 'face_match'),
      ],
      checks: { document: 'failed', liveness: 'not_performed', faceMatch: 'not_performed' },
    },
  },
  {
    name: 'a failed liveness check, then the person gives up',
    result: resultOf(documentScan('completed'), liveness('failed'), notDone('face_match')),
    verdict: {
      outcome: 'failed',
      reasons: [because('liveness_failed', 'face_liveness'), because('not_finished', 'face_match')],
      checks: { document: 'passed', liveness: 'failed', faceMatch: 'not_performed' },
    },
  },
  {
    name: 'a genuine document, then the person gives up',
    result: resultOf(documentScan('completed'), notDone('face_liveness'), notDone('face_match')),
    verdict: {
      outcome: 'incomplete',
      reasons: [because('not_finished', 'face_liveness'), because('not_finished', 'face_match')],
      checks: { document: 'passed', liveness: 'not_performed', faceMatch: 'not_performed' },
    },
  },
  {
    name: 'a failed liveness check and a face mismatch: the mismatch proves nothing either',
    result: resultOf(documentScan('completed'), liveness('failed'), faceMatch('failed')),
    verdict: {
      outcome: 'failed',
      reasons: [because('liveness_failed', 'face_liveness')],
      checks: { document: 'passed', liveness: 'failed', faceMatch: 'not_relied_on' },
    },
  },
  {
    name: 'an expired document and a failed liveness check: every failure is listed, in task order',
    result: resultOf(documentScan('failed', { date_of_expiry: 'invalid' }), liveness('failed'), faceMatch('completed')),
    verdict: {
      outcome: 'failed',
      reasons: [
        because('document_expired', 'document_scan', 'date_of_expiry'),
        because('liveness_failed', 'face_liveness'),
      ],
      checks: { document: 'failed', liveness: 'failed', faceMatch: 'not_relied_on' },
    },
  },
  {
    name: 'a document scan that failed with no invalid field (an unrecognised document)',
    result: resultOf(documentScan('failed')),
    verdict: {
      outcome: 'failed',
      reasons: [because('document_failed', 'document_scan')],
      checks: { document: 'failed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'document only, genuine: the face checks were not requested',
    result: resultOf(documentScan('completed')),
    verdict: {
      outcome: 'passed',
      reasons: [],
      checks: { document: 'passed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'document only, given up at once',
    result: resultOf(notDone('document_scan')),
    verdict: {
      outcome: 'incomplete',
      reasons: [because('not_finished', 'document_scan')],
      checks: { document: 'not_performed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'document and liveness, genuine',
    result: resultOf(documentScan('completed'), liveness('completed')),
    verdict: {
      outcome: 'passed',
      reasons: [],
      checks: { document: 'passed', liveness: 'passed', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'document and liveness, given up at the liveness check',
    result: resultOf(documentScan('completed'), notDone('face_liveness')),
    verdict: {
      outcome: 'incomplete',
      reasons: [because('not_finished', 'face_liveness')],
      checks: { document: 'passed', liveness: 'not_performed', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'document and liveness, the liveness check failed',
    result: resultOf(documentScan('completed'), liveness('failed')),
    verdict: {
      outcome: 'failed',
      reasons: [because('liveness_failed', 'face_liveness')],
      checks: { document: 'passed', liveness: 'failed', faceMatch: 'not_requested' },
    },
  },
  // What the documentation does not name is never read as a pass.
  {
    name: 'a task in a state the documentation does not name: not performed',
    result: resultOf(documentScan('completed'), { ...liveness('completed'), state: 'processing' }),
    verdict: {
      outcome: 'incomplete',
      reasons: [because('not_finished', 'face_liveness')],
      checks: { document: 'passed', liveness: 'not_performed', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'a completed task with no attempt made: not performed',
    result: resultOf({ ...documentScan('completed'), attempts: 0 }),
    verdict: {
      outcome: 'incomplete',
      reasons: [because('not_finished', 'document_scan')],
      checks: { document: 'not_performed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'a field validity the documentation does not name: invalid',
    result: resultOf(documentScan('completed', { nationality: 'suspicious' })),
    verdict: {
      outcome: 'failed',
      reasons: [because('field_invalid', 'document_scan', 'nationality')],
      checks: { document: 'failed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'a field entry without a validity: invalid',
    result: resultOf({
      ...documentScan('completed'),
      result: [{ field: 'sex', locale: null, values: [] } as unknown as IdScanResultField],
    }),
    verdict: {
      outcome: 'failed',
      reasons: [because('field_invalid', 'document_scan', 'sex')],
      checks: { document: 'failed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'a face match without any liveness check in the result: it cannot have run',
    result: resultOf(documentScan('completed'), faceMatch('completed')),
    verdict: {
      outcome: 'incomplete',
      reasons: [because('not_finished', 'face_match')],
      checks: { document: 'passed', liveness: 'not_requested', faceMatch: 'not_performed' },
    },
  },
  {
    name: 'a result with no task at all: the document scan, part of every combination, was not performed',
    result: resultOf(),
    verdict: {
      outcome: 'incomplete',
      reasons: [because('not_finished', 'document_scan')],
      checks: { document: 'not_performed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'requested tasks the result leaves out: not performed, never passed',
    result: resultOf(documentScan('completed')),
    requestedTasks: ['document_scan', 'face_liveness', 'face_match'],
    verdict: {
      outcome: 'incomplete',
      reasons: [because('not_finished', 'face_liveness'), because('not_finished', 'face_match')],
      checks: { document: 'passed', liveness: 'not_performed', faceMatch: 'not_performed' },
    },
  },
  // CM.com's documented example (docs/id-scan-api.md §A5): the task is `completed`, two fields are invalid.
  {
    name: "CM's documented result example",
    result: cmResult(),
    verdict: {
      outcome: 'failed',
      reasons: [
        because('field_invalid', 'document_scan', 'document_number'),
        because('document_expired', 'document_scan', 'date_of_expiry'),
      ],
      checks: { ...ALL_PASSED, document: 'failed' },
    },
  },
  {
    name: "CM's documented example, the person having stopped after the document",
    result: cmGivenUpResult(),
    verdict: {
      outcome: 'failed',
      reasons: [
        because('field_invalid', 'document_scan', 'document_number'),
        because('document_expired', 'document_scan', 'date_of_expiry'),
        because('not_finished', 'face_liveness'),
        because('not_finished', 'face_match'),
      ],
      checks: { document: 'failed', liveness: 'not_performed', faceMatch: 'not_performed' },
    },
  },
];

/** Freezes a value and everything in it, so that a mutation throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('verdictOf', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, { result, verdict, requestedTasks }) => {
    expect(verdictOf(deepFreeze(result), { requestedTasks })).toEqual(verdict);
  });

  it('gives reasons exactly when it does not pass, and fails whenever a check failed', () => {
    for (const { result, requestedTasks } of CASES) {
      const verdict = verdictOf(result, { requestedTasks });
      expect(verdict.reasons.length === 0).toBe(verdict.outcome === 'passed');
      const anyFailed = Object.values(verdict.checks).includes('failed');
      expect(verdict.outcome === 'failed').toBe(anyFailed);
      // Failures first, then the tasks not finished.
      const codes = verdict.reasons.map((reason) => reason.code);
      const firstNotFinished = codes.indexOf('not_finished');
      if (firstNotFinished >= 0) expect(codes.slice(firstNotFinished).every((c) => c === 'not_finished')).toBe(true);
    }
  });

  it('lists a field judged invalid twice (normalised and localised) once', () => {
    const task = documentScan('completed', { surname: 'invalid' });
    task.result!.push({ ...field('surname', 'invalid'), locale: 'nl-NL' });
    expect(verdictOf(resultOf(task)).reasons).toEqual([because('field_invalid', 'document_scan', 'surname')]);
  });

  it('reads field names as data, never as keys of an object', () => {
    const task = documentScan('completed', { constructor: 'invalid', toString: 'invalid' });
    expect(verdictOf(resultOf(task)).reasons.map((reason) => [reason.code, reason.field])).toEqual([
      ['field_invalid', 'constructor'],
      ['field_invalid', 'toString'],
    ]);
  });

  it('tolerates a result without a task list, and entries that are not objects', () => {
    expect(verdictOf({ id: 'x', state: 'completed' } as unknown as IdScanTransactionResult).outcome).toBe('incomplete');
    const odd = resultOf(documentScan('completed'));
    (odd.tasks as unknown[]).push(null);
    odd.tasks[0].result!.push(null as unknown as IdScanResultField);
    expect(verdictOf(odd).reasons).toEqual([because('field_invalid', 'document_scan', 'unknown')]);
  });

  it('is what summarizeResult reports, and agrees with its invalid fields', () => {
    const summary = summarizeResult(cmGivenUpResult());
    expect(summary.verdict).toEqual(verdictOf(cmGivenUpResult()));
    const fieldsInReasons = summary.verdict.reasons.flatMap((reason) => reason.field ?? []);
    expect(fieldsInReasons).toEqual(summary.invalidFields);
  });
});
