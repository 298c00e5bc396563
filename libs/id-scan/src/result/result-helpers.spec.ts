import type { IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import { readField } from './read-field.util';
import { cmGivenUpResult, cmResult } from '../testing/cm-result.fixture';
import { summarizeResult } from './summarize-result.util';
import { isTaskPerformed, unfinishedTaskTypes } from './task-progress.util';
import { verdictOf } from './verdict-of.util';

describe('readField (docs/id-scan-api.md §B4)', () => {
  const result = cmResult();

  it('prefers the mrz value over the visual one, whatever their order', () => {
    expect(readField(result, 'document_number')).toBe('SPECI2014');
  });

  it('falls back to the visual value, then to the first', () => {
    expect(readField(result, 'surname')).toBe('DE BRUIJN');
    const other: IdScanTransactionResult = {
      id: result.id,
      state: 'completed',
      tasks: [
        {
          type: 'document_scan',
          state: 'completed',
          result: [
            {
              field: 'sex',
              validity: 'valid',
              locale: null,
              values: [
                { source: 'nfc', value: 'F' },
                { source: 'x', value: 'M' },
              ],
            },
          ],
        },
      ],
    };
    expect(readField(other, 'sex')).toBe('F');
  });

  it('ignores localised copies unless asked for by locale', () => {
    expect(readField(result, 'given_names')).toBe('WILLEKE LISELOTTE');
    expect(readField(result, 'nationality')).toBe('Netherlands');
    expect(readField(result, 'given_names', { locale: 'nl-NL' })).toBe('Willeke Liselotte');
    expect(readField(result, 'nationality', { locale: 'nl-nl' })).toBe('Nederlandse');
  });

  it('gives undefined for a field or locale the result does not have', () => {
    expect(readField(result, 'personal_number')).toBeUndefined();
    expect(readField(result, 'surname', { locale: 'fr-FR' })).toBeUndefined();
    expect(readField({ id: result.id, state: 'pending', tasks: [] }, 'surname')).toBeUndefined();
  });
});

describe('summarizeResult', () => {
  it('summarises the documented example', () => {
    const result = cmResult();
    expect(result.tasks[0].files?.[0].url).toBe(
      'https://api.cm.com/id-scan/v1/downloads/Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz',
    );
    expect(summarizeResult(result)).toEqual({
      documentNumber: 'SPECI2014',
      givenNames: 'WILLEKE LISELOTTE',
      surname: 'DE BRUIJN',
      dateOfBirth: '1965-03-10',
      dateOfExpiry: '2024-03-09',
      nationality: 'Netherlands',
      documentType: 'DRIVING_LICENSE',
      documentScore: 0.86,
      livenessScore: 0.97,
      faceMatchScore: 0.91,
      finished: true,
      unfinishedTasks: [],
      invalidFields: ['document_number', 'date_of_expiry'],
      verdict: verdictOf(result),
    });
    expect(summarizeResult(result).verdict.outcome).toBe('failed');
  });

  it('tells a person who stopped from a failed check: unfinished tasks, and no score for them', () => {
    const summary = summarizeResult(cmGivenUpResult());
    expect(summary.finished).toBe(false);
    expect(summary.unfinishedTasks).toEqual(['face_liveness', 'face_match']);
    expect(summary.documentScore).toBe(0.86);
    expect(summary.livenessScore).toBeUndefined();
    expect(summary.faceMatchScore).toBeUndefined();
    expect(summary.documentNumber).toBe('SPECI2014');
  });

  it('gives no score for a task with no attempt, even when the API sends 0', () => {
    const result = cmResult();
    result.tasks[1] = { type: 'face_liveness', state: 'failed', attempts: 0, score: 0, result: [] };
    const summary = summarizeResult(result);
    expect(summary.livenessScore).toBeUndefined();
    // The face match needs the liveness check's selfie: without that check it did not run either.
    expect(summary.unfinishedTasks).toEqual(['face_liveness', 'face_match']);
    expect(summary.faceMatchScore).toBeUndefined();
  });

  it('takes the document type from the document_type field when no recognised document file is present', () => {
    const result = cmResult();
    const documentScan = result.tasks[0];
    documentScan.files = [{ category: 'document', type: 'raw_document_image', url: null }];
    documentScan.result?.push({
      field: 'document_type',
      validity: 'valid',
      locale: null,
      values: [{ source: 'mrz', value: 'PASSPORT' }],
    });
    expect(summarizeResult(result).documentType).toBe('PASSPORT');
  });

  it('counts a field validity the documentation does not name as invalid, as the verdict does', () => {
    const result = cmResult();
    result.tasks[0].result![2].validity = 'suspicious';
    expect(summarizeResult(result).invalidFields).toEqual(['document_number', 'given_names', 'date_of_expiry']);
  });

  it('leaves absent facts undefined', () => {
    expect(
      summarizeResult({
        id: '2c2f04a5-44e4-4a83-aa53-1a9fa90c2394',
        state: 'completed',
        tasks: [{ type: 'document_scan', state: 'failed' }],
      }),
    ).toEqual({
      documentNumber: undefined,
      givenNames: undefined,
      surname: undefined,
      dateOfBirth: undefined,
      dateOfExpiry: undefined,
      nationality: undefined,
      documentType: undefined,
      documentScore: undefined,
      livenessScore: undefined,
      faceMatchScore: undefined,
      finished: true,
      unfinishedTasks: [],
      invalidFields: [],
      verdict: {
        outcome: 'failed',
        reasons: [{ code: 'document_failed', task: 'document_scan', retryable: true }],
        checks: { document: 'failed', liveness: 'not_requested', faceMatch: 'not_requested' },
      },
    });
  });
});

describe('isTaskPerformed', () => {
  it.each([
    ['completed', { type: 'document_scan', state: 'completed', attempts: 1, score: 0.9 }],
    ['failed after an attempt', { type: 'face_liveness', state: 'failed', attempts: 1, score: 0.1 }],
    ['face_match, which counts no attempts', { type: 'face_match', state: 'failed', score: 0.2 }],
  ])('counts a task that is %s as performed', (_, task) => {
    expect(isTaskPerformed(task)).toBe(true);
  });

  it.each([
    ['pending', { type: 'face_match', state: 'pending' }],
    ['in a state the documentation does not name', { type: 'face_match', state: 'cancelled' }],
    ['failed with no attempt made', { type: 'face_liveness', state: 'failed', attempts: 0, score: 0 }],
    ['without a state', { type: 'face_liveness' } as unknown as IdScanTransactionResult['tasks'][number]],
  ])('counts a task that is %s as not performed', (_, task) => {
    expect(isTaskPerformed(task)).toBe(false);
  });

  it('counts a face match as not performed when the liveness check was not, whatever state it reports', () => {
    const result = cmResult();
    result.tasks[1] = { type: 'face_liveness', state: 'pending', result: [] };
    result.tasks[2] = { type: 'face_match', state: 'failed', score: 0, result: [] };
    expect(unfinishedTaskTypes(result)).toEqual(['face_liveness', 'face_match']);
    result.tasks[1] = { type: 'face_liveness', state: 'failed', attempts: 1, score: 0.1, result: [] };
    expect(unfinishedTaskTypes(result)).toEqual([]);
    // With no liveness check in the result at all, the face match cannot have run either.
    result.tasks.splice(1, 1);
    expect(unfinishedTaskTypes(result)).toEqual(['face_match']);
  });

  it('lists the unfinished tasks of a result in order, tolerating a missing task list', () => {
    expect(unfinishedTaskTypes(cmGivenUpResult())).toEqual(['face_liveness', 'face_match']);
    expect(unfinishedTaskTypes(cmResult())).toEqual([]);
    expect(unfinishedTaskTypes({ id: 'x', state: 'completed' } as unknown as IdScanTransactionResult)).toEqual([]);
  });
});
