import type { IdScanTaskResult, IdScanTransactionResult } from 'nestjs-id-scan';
import { describeOutcome, fieldLabel, findResultFile, humanize } from './verification-outcome.util';

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

describe('describeOutcome', () => {
  it('verifies a result whose tasks all completed without invalid fields', () => {
    const outcome = describeOutcome(result(documentTask(), liveness));
    expect(outcome.verified).toBe(true);
    expect(outcome.reasons).toEqual([]);
    expect(outcome.tasks).toEqual([
      {
        type: 'document_scan',
        label: 'Document scan',
        state: 'completed',
        score: 0.93,
      },
      {
        type: 'face_liveness',
        label: 'Liveness check',
        state: 'completed',
        score: 0.97,
      },
    ]);
  });

  it('lists every field entry with its sources, the mrz value first, localised copies apart', () => {
    const [number, surname, nationality, expiry] = describeOutcome(result(documentTask())).fields;
    expect(number).toMatchObject({
      label: 'Document number',
      value: 'XK1234567',
      mrz: 'XK1234567',
      visual: 'XK1234567',
    });
    expect(number.comparison).toBe('match');
    expect(surname).toMatchObject({
      value: 'JANSSENS',
      mrz: undefined,
      visual: 'JANSSENS',
      validity: 'not_checked',
    });
    expect(nationality).toMatchObject({ locale: 'nl-BE', value: 'Belg' });
    expect(expiry).toMatchObject({
      value: '2031-03-12',
      others: ['nfc: 2031-03-12'],
    });
  });

  it('names the images by side and kind, skipping files whose URL was withheld', () => {
    const outcome = describeOutcome(result(documentTask(), liveness));
    expect(outcome.images).toEqual([
      {
        key: '0-0',
        label: 'Document, front',
        caption: 'Belgium - Identity Card (2020)',
      },
      {
        key: '0-1',
        label: 'Document, back',
        caption: 'Belgium - Identity Card (2020) Side B',
      },
      { key: '1-0', label: 'Selfie', caption: 'Taken in the liveness check' },
    ]);
  });

  it('explains a failed face match and a failed liveness check', () => {
    const outcome = describeOutcome(
      result(documentTask(), { ...liveness, state: 'failed' }, { type: 'face_match', state: 'failed', score: 0.2 }),
    );
    expect(outcome.verified).toBe(false);
    expect(outcome.reasons).toEqual([
      'The liveness check failed: no live person was detected',
      'The face does not match the photo on the document',
    ]);
  });

  it('explains a failed document scan by its invalid fields rather than in general', () => {
    const task = documentTask({ state: 'failed' });
    task.result![3].validity = 'invalid';
    const outcome = describeOutcome(result(task));
    expect(outcome.reasons).toEqual(['The document has expired (or expires sooner than allowed)']);
    expect(describeOutcome(result(documentTask({ state: 'failed', result: [] }))).reasons).toEqual([
      'The document could not be verified',
    ]);
  });

  it('does not verify a result with no tasks or with a task still pending', () => {
    expect(describeOutcome(result()).verified).toBe(false);
    expect(describeOutcome(result(documentTask({ state: 'pending' }))).reasons).toEqual([
      'Document scan was not completed',
    ]);
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

describe('labels', () => {
  it('names known fields and humanises unknown ones', () => {
    expect(fieldLabel('date_of_expiry')).toBe('Date of expiry');
    expect(fieldLabel('issuing_AUTHORITY')).toBe('Issuing authority');
    expect(humanize('mrz-line_2')).toBe('Mrz line 2');
  });
});
