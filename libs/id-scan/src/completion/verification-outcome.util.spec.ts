import type { IdScanTaskResult, IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import { cmGivenUpResult, cmResult } from '../testing/cm-result.fixture';
import { outcomeOf } from './verification-outcome.util';

const field = (validity: string) => ({ field: 'document_number', validity, locale: null, values: [] });
const result = (tasks: IdScanTaskResult[]): IdScanTransactionResult => ({ id: 't', state: 'completed', tasks });

describe('outcomeOf', () => {
  it('passes when every task completed with no invalid field', () => {
    expect(
      outcomeOf(
        result([
          { type: 'document_scan', state: 'completed', result: [field('valid'), field('not_checked')] },
          { type: 'face_liveness', state: 'completed', score: 0.98, result: [] },
        ]),
      ),
    ).toBe('passed');
  });

  it.each<[string, IdScanTaskResult[]]>([
    ['a failed task', [{ type: 'face_liveness', state: 'failed' }]],
    ['an invalid field', [{ type: 'document_scan', state: 'completed', result: [field('valid'), field('invalid')] }]],
    ['no task at all', []],
  ])('fails with %s', (_, tasks) => {
    expect(outcomeOf(result(tasks))).toBe('failed');
  });

  it('is incomplete, not failed, when the person stopped before a task was done', () => {
    expect(outcomeOf(cmGivenUpResult())).toBe('incomplete');
  });

  it.each<[string, IdScanTaskResult[]]>([
    ['a pending task', [{ type: 'document_scan', state: 'pending' }]],
    ['a task in a state the documentation does not name', [{ type: 'face_match', state: 'cancelled' }]],
    [
      'a failed task with no attempt made, beside a failed one',
      [
        { type: 'document_scan', state: 'failed', attempts: 1, score: 0.2, result: [field('invalid')] },
        { type: 'face_liveness', state: 'failed', attempts: 0, score: 0 },
      ],
    ],
  ])('is incomplete with %s', (_, tasks) => {
    expect(outcomeOf(result(tasks))).toBe('incomplete');
  });

  it('keeps the documented example, with its invalid fields, failed', () => {
    expect(outcomeOf(cmResult())).toBe('failed');
  });

  it('tolerates missing arrays', () => {
    expect(outcomeOf({ id: 't', state: 'completed' } as unknown as IdScanTransactionResult)).toBe('failed');
    expect(outcomeOf(result([{ type: 'document_scan', state: 'completed' }]))).toBe('passed');
  });
});
