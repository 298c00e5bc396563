import { verdictOf, type IdScanTaskResult, type IdScanTransactionResult } from 'nestjs-id-scan';
import { describeOutcome as describeCompletion, findResultFile } from './verification-outcome.util';

const API = 'https://api.cm.com/id-scan/v1/downloads/';

function documentTask(overrides: Partial<IdScanTaskResult> = {}): IdScanTaskResult {
  return {
    type: 'document_scan',
    state: 'completed',
    score: 0.93,
    result: [
      {
        field: 'document_number',
        validity: 'valid',
        comparison: 'match',
        locale: null,
        values: [
          { source: 'visual', value: 'XK1234567' },
          { source: 'mrz', value: 'XK1234567' },
        ],
      },
      {
        field: 'surname',
        validity: 'not_checked',
        locale: null,
        values: [{ source: 'visual', value: 'JANSSENS' }],
      },
      {
        field: 'nationality',
        validity: 'valid',
        locale: 'nl-BE',
        values: [{ source: 'visual', value: 'Belg' }],
      },
      {
        field: 'date_of_expiry',
        validity: 'valid',
        locale: null,
        values: [{ source: 'nfc', value: '2031-03-12' }],
      },
    ],
    files: [
      {
        category: 'document',
        type: 'ID_CARD',
        name: 'Belgium - Identity Card (2020)',
        score: 0.9,
        url: `${API}front`,
      },
      {
        category: 'document',
        type: 'ID_CARD',
        name: 'Belgium - Identity Card (2020) Side B',
        url: `${API}back`,
      },
      { category: 'image', type: 'portrait', url: null },
    ],
    ...overrides,
  };
}

function result(...tasks: IdScanTaskResult[]): IdScanTransactionResult {
  return {
    id: '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d',
    state: 'completed',
    tasks,
  };
}

const liveness: IdScanTaskResult = {
  type: 'face_liveness',
  state: 'completed',
  score: 0.97,
  result: [],
  files: [{ category: 'image', type: 'selfie', url: `${API}selfie` }],
};

const liveFailed: IdScanTaskResult = { ...liveness, state: 'failed', attempts: 1, score: 0.12 };

/** What a person who gave up after the document leaves: the face tasks never done (docs/id-scan-api.md §B4). */
const notDone = (type: string): IdScanTaskResult => ({ type, state: 'pending', attempts: 0, result: [] });

/** The outcome of a completion whose event carried the package's verdict on `result`. */
const describeOutcome = (stored: IdScanTransactionResult, minimumAge?: number) =>
  describeCompletion({ result: stored, verdict: verdictOf(stored) }, minimumAge);

describe('describeOutcome', () => {
  it('verifies a result whose tasks all completed without invalid fields', () => {
    const outcome = describeOutcome(result(documentTask(), liveness));
    expect(outcome.verdict).toBe('verified');
    expect(outcome.reasons).toEqual([]);
    // No face match was requested: the document is verified, not that it belongs to the person.
    expect(outcome.identityShown).toBe(false);
    expect(outcome.tasks).toEqual([
      { type: 'document_scan', state: 'completed', verdict: 'passed', score: 0.93 },
      { type: 'face_liveness', state: 'completed', verdict: 'passed', score: 0.97 },
    ]);
  });

  it('lists every field entry with its sources, the mrz value first, localised copies apart', () => {
    const [number, surname, nationality, expiry] = describeOutcome(result(documentTask())).fields;
    expect(number).toMatchObject({
      field: 'document_number',
      value: 'XK1234567',
      mrz: 'XK1234567',
      visual: 'XK1234567',
    });
    expect(number.comparison).toBe('match');
    expect(surname).toMatchObject({ value: 'JANSSENS', mrz: undefined, visual: 'JANSSENS', validity: 'not_checked' });
    expect(nationality).toMatchObject({ locale: 'nl-BE', value: 'Belg' });
    expect(expiry).toMatchObject({ value: '2031-03-12', others: ['nfc: 2031-03-12'] });
  });

  it('names the images by side and kind, skipping files whose URL was withheld', () => {
    const outcome = describeOutcome(result(documentTask(), liveness));
    expect(outcome.images).toEqual([
      { key: '0-0', kind: 'document-front', name: 'Belgium - Identity Card (2020)', task: 'document_scan' },
      { key: '0-1', kind: 'document-back', name: 'Belgium - Identity Card (2020) Side B', task: 'document_scan' },
      { key: '1-0', kind: 'selfie', name: undefined, task: 'face_liveness' },
    ]);
  });

  it('shows identity only when the face match passed', () => {
    const match: IdScanTaskResult = { type: 'face_match', state: 'completed', score: 0.9, result: [] };
    expect(describeOutcome(result(documentTask(), liveness, match)).identityShown).toBe(true);
    expect(describeOutcome(result(documentTask())).identityShown).toBe(false);
    expect(describeOutcome(result(documentTask(), liveness, { ...match, state: 'failed' })).identityShown).toBe(false);
  });

  it('takes the banner, the checks and the reasons from the delivered verdict alone', () => {
    const stored = result(documentTask(), liveness);
    const verdict = verdictOf(result(documentTask({ state: 'failed' }), liveness));
    const outcome = describeCompletion({ result: stored, verdict });
    expect(outcome.verdict).toBe('not-verified');
    expect(outcome.tasks[0].verdict).toBe('failed');
    expect(outcome.reasons).toEqual([{ kind: 'task-failed', task: 'document_scan' }]);
  });

  it('fails the document check of a completed scan with an invalid document number, as the banner does', () => {
    const task = documentTask();
    task.result![0].validity = 'invalid';
    const outcome = describeOutcome(result(task, liveness));
    expect(outcome.verdict).toBe('not-verified');
    expect(outcome.tasks[0]).toMatchObject({ state: 'completed', verdict: 'failed', score: 0.93 });
    expect(outcome.reasons).toEqual([{ kind: 'field-invalid', field: 'document_number' }]);
    expect(outcome.retryable).toBe(true);
    expect([...outcome.invalidFields]).toEqual(['document_number']);
    expect(outcome.fields[0]).toMatchObject({ field: 'document_number', invalid: true });
  });

  it('keeps an expired document failed when the person then gave up, and says a retry will not help', () => {
    const task = documentTask({ state: 'failed' });
    task.result![3].validity = 'invalid';
    const outcome = describeOutcome(result(task, notDone('face_liveness'), notDone('face_match')));
    expect(outcome.verdict).toBe('not-verified');
    expect(outcome.reasons).toEqual([
      { kind: 'field-invalid', field: 'date_of_expiry' },
      { kind: 'not-finished', tasks: ['face_liveness', 'face_match'] },
    ]);
    expect(outcome.retryable).toBe(false);
  });

  it('marks a field whose validity the documentation does not name as invalid, in the table as in the summary', () => {
    const task = documentTask();
    task.result![2].validity = 'suspicious';
    const outcome = describeOutcome(result(task));
    expect(outcome.verdict).toBe('not-verified');
    expect(outcome.invalidFields.has('nationality')).toBe(true);
    expect(outcome.fields[2]).toMatchObject({ validity: 'suspicious', invalid: true });
  });

  it('explains a failed liveness check, and does not rely on a face match of a selfie that failed it', () => {
    const outcome = describeOutcome(
      result(documentTask(), liveFailed, { type: 'face_match', state: 'completed', score: 0.88, result: [] }),
    );
    expect(outcome.verdict).toBe('not-verified');
    expect(outcome.reasons).toEqual([{ kind: 'task-failed', task: 'face_liveness' }]);
    expect(outcome.tasks.map((task) => task.verdict)).toEqual(['passed', 'failed', 'not-relied-on']);
  });

  it('explains a failed document scan by its invalid fields rather than in general', () => {
    const task = documentTask({ state: 'failed' });
    task.result![3].validity = 'invalid';
    const outcome = describeOutcome(result(task));
    expect(outcome.reasons).toEqual([{ kind: 'field-invalid', field: 'date_of_expiry' }]);
    // The bar of a failed task is the failure's colour, whatever its score.
    expect(outcome.tasks[0]).toMatchObject({ verdict: 'failed', score: 0.93 });
    expect(describeOutcome(result(documentTask({ state: 'failed', result: [] }))).reasons).toEqual([
      { kind: 'task-failed', task: 'document_scan' },
    ]);
  });

  it('tells a person who stopped from failed checks: not finished, tasks not performed, no score', () => {
    const outcome = describeOutcome(result(documentTask(), notDone('face_liveness'), notDone('face_match')));
    expect(outcome.verdict).toBe('not-finished');
    expect(outcome.reasons).toEqual([{ kind: 'not-finished', tasks: ['face_liveness', 'face_match'] }]);
    expect(outcome.tasks.map(({ verdict, score }) => [verdict, score])).toEqual([
      ['passed', 0.93],
      ['not-performed', undefined],
      ['not-performed', undefined],
    ]);
  });

  it('reads a give-up sent as failed tasks with no attempt, and a score of 0, as not performed', () => {
    const outcome = describeOutcome(
      result(documentTask(), { type: 'face_liveness', state: 'failed', attempts: 0, score: 0, result: [] }),
    );
    expect(outcome.verdict).toBe('not-finished');
    expect(outcome.tasks[1]).toMatchObject({ verdict: 'not-performed', score: undefined });
  });

  it('says the holder is under the minimum age when one was asked for', () => {
    const task = documentTask({ state: 'failed' });
    task.result!.push(
      { field: 'age', validity: 'invalid', locale: null, values: [{ source: 'mrz', value: '17' }] },
      { field: 'date_of_birth', validity: 'invalid', locale: null, values: [{ source: 'mrz', value: '2009-01-01' }] },
    );
    expect(describeOutcome(result(task), 18).reasons).toEqual([
      { kind: 'under-age', minimumAge: 18 },
      { kind: 'field-invalid', field: 'date_of_birth' },
    ]);
    expect(describeOutcome(result(task)).reasons).toEqual([
      { kind: 'under-age', minimumAge: undefined },
      { kind: 'field-invalid', field: 'date_of_birth' },
    ]);
    expect(describeOutcome(result(task), 18).age).toBe('17');
  });

  it('marks only the age, not the date of birth, when only the age is judged invalid', () => {
    const task = documentTask({ state: 'failed' });
    task.result!.push(
      { field: 'age', validity: 'invalid', locale: null, values: [{ source: 'mrz', value: '15' }] },
      { field: 'date_of_birth', validity: 'valid', locale: null, values: [{ source: 'mrz', value: '2011-01-01' }] },
    );
    const outcome = describeOutcome(result(task), 18);
    expect([...outcome.invalidFields]).toEqual(['age']);
    expect(outcome.fields.find((row) => row.field === 'date_of_birth')?.invalid).toBe(false);
  });

  it('does not verify a result with no tasks', () => {
    expect(describeOutcome(result()).verdict).toBe('not-finished');
  });
});

describe('findResultFile', () => {
  const stored = result(documentTask(), liveness);

  it('finds a downloadable file by its key', () => {
    expect(findResultFile(stored, '0-1')?.url).toBe(`${API}back`);
    expect(findResultFile(stored, '1-0')?.url).toBe(`${API}selfie`);
  });

  it('refuses keys that are malformed, out of range, or point at a withheld file', () => {
    for (const key of ['0-2', '2-0', '0', 'a-b', '0-0-0', '../0-0', '1e3-0']) {
      expect(findResultFile(stored, key)).toBeUndefined();
    }
  });
});
