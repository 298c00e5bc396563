import type { IdScanTaskResult, IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
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
    ['a pending task', [{ type: 'document_scan', state: 'pending' }]],
    ['an invalid field', [{ type: 'document_scan', state: 'completed', result: [field('valid'), field('invalid')] }]],
    ['no task at all', []],
  ])('fails with %s', (_, tasks) => {
    expect(outcomeOf(result(tasks))).toBe('failed');
  });

  it('tolerates missing arrays', () => {
    expect(outcomeOf({ id: 't', state: 'completed' } as unknown as IdScanTransactionResult)).toBe('failed');
    expect(outcomeOf(result([{ type: 'document_scan', state: 'completed' }]))).toBe('passed');
  });
});
