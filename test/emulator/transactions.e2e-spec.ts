import { IdScanEmulator, type EmulatorScenario } from 'nestjs-id-scan-emulator';
import { EmulatorApi, type CreatedTransaction } from './support/emulator-client';
import { postTask } from './support/hosted-flow';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;
const ALL_TASKS = ['document_scan', 'face_liveness', 'face_match'];

interface Field {
  field: string;
  validity: string;
  comparison: string;
  locale: string | null;
  values: { source: string; value: string }[];
}
interface FileEntry {
  category: string;
  type: string;
  name?: string;
  score?: number;
  url: string | null;
}
interface TaskResult {
  type: string;
  state: string;
  attempts?: number;
  score: number;
  result: Field[];
  files?: FileEntry[];
}
interface Result {
  id: string;
  state: string;
  tasks: TaskResult[];
}
interface Details {
  id: string;
  state: string;
  created: string;
  expires: string;
  completed: string | null;
  tasks: {
    type: string;
    state: string;
    level?: string;
    attempts: number;
    attemptsInvoiced?: number;
    documentScans?: {
      created: string;
      code: string;
      score: number;
      source: string;
      linked: boolean;
      files: FileEntry[];
    }[];
  }[];
}

function field(task: TaskResult, name: string, locale: string | null = null): Field | undefined {
  return task.result.find((entry) => entry.field === name && entry.locale === locale);
}

describe('Emulator transactions and results (docs/id-scan-api.md §B1, §B4)', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ seed: 'transactions', logger: false });
    api = new EmulatorApi(emulator);
  });
  afterAll(() => emulator.stop());

  async function completed(
    body: Record<string, unknown>,
    scenario: EmulatorScenario,
  ): Promise<{ trx: CreatedTransaction; result: Result; resultId: string }> {
    const trx = await api.createTransaction(body);
    const { resultId } = emulator.completeTransaction(trx.id, scenario);
    const { status, body: result } = await api.json<Result>('GET', `transactions/${trx.id}/results/${resultId}`);
    expect(status).toBe(200);
    return { trx, result, resultId };
  }

  describe('POST /transactions', () => {
    it('answers 201 with the documented shape', async () => {
      const settings = {
        documentScan: { allowedExpiration: -30, redactFields: ['personal_number'], captureSources: ['camera'] },
      };
      const response = await api.request('POST', 'transactions', {
        tasks: ALL_TASKS,
        settings,
        locale: 'nl-NL',
        mobileOnly: true,
        expiresIn: 7200,
      });
      expect(response.status).toBe(201);
      const trx = (await response.json()) as CreatedTransaction;
      expect(Object.keys(trx).sort()).toEqual(
        ['created', 'expires', 'id', 'locale', 'mobileOnly', 'settings', 'state', 'tasks', 'url'].sort(),
      );
      expect(trx).toMatchObject({ state: 'pending', tasks: ALL_TASKS, settings, locale: 'nl-NL', mobileOnly: true });
      expect(trx.id).toMatch(UUID_V4);
      expect(trx.created).toMatch(TIMESTAMP);
      expect(trx.expires).toMatch(TIMESTAMP);
      expect(Date.parse(trx.expires) - Date.parse(trx.created)).toBe(7200_000);
      expect(trx.url).toMatch(new RegExp(`^${emulator.pageOrigin}/nl-nl/identifications/[A-Za-z0-9]{32}$`));
    });

    it('applies the defaults and echoes no settings when none were sent', async () => {
      const trx = await api.createTransaction({ tasks: ['document_scan'] });
      expect(trx).toMatchObject({ locale: 'en-US', mobileOnly: false });
      expect(trx).not.toHaveProperty('settings');
      expect(Date.parse(trx.expires) - Date.parse(trx.created)).toBe(3600_000);
      expect(trx.url).toContain('/en-us/identifications/');
    });
  });

  describe('GET /transactions/{id}', () => {
    it('shows a new transaction as pending with pending tasks', async () => {
      const trx = await api.createTransaction({ tasks: ALL_TASKS, settings: { documentScan: { level: 'advanced' } } });
      const { status, body } = await api.json<Details>('GET', `transactions/${trx.id}`);
      expect(status).toBe(200);
      expect(body).toEqual({
        id: trx.id,
        state: 'pending',
        created: trx.created,
        expires: trx.expires,
        completed: null,
        tasks: [
          {
            type: 'document_scan',
            state: 'pending',
            level: 'advanced',
            attempts: 0,
            attemptsInvoiced: 0,
            documentScans: [],
          },
          { type: 'face_liveness', state: 'pending', attempts: 0 },
          { type: 'face_match', state: 'pending', attempts: 0 },
        ],
      });
    });

    it('lists the document-scan attempts with their files while the transaction is pending', async () => {
      const trx = await api.createTransaction({ tasks: ['document_scan', 'face_liveness'] });
      expect((await postTask(trx.url, 'document_scan', { scenario: 'genuine_id_card' })).status).toBe(303);
      const { body } = await api.json<Details>('GET', `transactions/${trx.id}`);
      expect(body.state).toBe('pending');
      const [scan, liveness] = body.tasks;
      expect(liveness).toEqual({ type: 'face_liveness', state: 'pending', attempts: 0 });
      expect(scan).toMatchObject({ type: 'document_scan', state: 'completed', attempts: 2, attemptsInvoiced: 1 });
      const [front, linked] = scan.documentScans!;
      expect(front).toMatchObject({ code: 'front_side_provided_back_side_required', source: 'camera', linked: false });
      expect(linked).toMatchObject({ code: 'document_accepted', source: 'camera', linked: true });
      expect(front.created).toMatch(TIMESTAMP);
      expect(front.files.map((f) => [f.category, f.type])).toEqual([
        ['document', 'raw_document_image'],
        ['image', 'portrait'],
      ]);
      // The linked attempt reuses the front's raw image and adds the back.
      expect(linked.files[0].url).toBe(front.files[0].url);
      expect(linked.files.map((f) => f.name ?? f.type)).toEqual([
        'raw_document_image',
        'raw_document_image',
        expect.stringMatching(/ - Identity Card \(\d{4}\)$/),
        expect.stringMatching(/ - Identity Card \(\d{4}\) Side B$/),
      ]);
      for (const file of [...front.files, ...linked.files]) {
        expect(file.url).toMatch(new RegExp(`^${emulator.url}downloads/[A-Za-z0-9]{50}$`));
      }

      emulator.completeTransaction(trx.id, 'genuine_passport');
      const after = await api.json<Details>('GET', `transactions/${trx.id}`);
      expect(after.body.state).toBe('completed');
      expect(after.body.completed).toMatch(TIMESTAMP);
      // Completed transactions keep their files in the result, not in the details.
      expect(after.body.tasks[0].documentScans!.every((attempt) => attempt.files.length === 0)).toBe(true);
    });

    it('answers 404 not_found for an unknown transaction', async () => {
      const { status, body } = await api.json('GET', 'transactions/5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d');
      expect(status).toBe(404);
      expect(body).toEqual({ code: 'not_found', message: expect.any(String) as unknown });
    });
  });

  describe('GET /transactions/{id}/results/{resultId}', () => {
    it('answers 404 result_not_found before completion and for a wrong pair', async () => {
      const pending = await api.createTransaction();
      const other = await completed({ tasks: ['document_scan'] }, 'genuine_passport');
      for (const [trxId, resultId] of [
        [pending.id, other.resultId],
        [other.trx.id, pending.id],
      ]) {
        const { status, body } = await api.json('GET', `transactions/${trxId}/results/${resultId}`);
        expect(status).toBe(404);
        expect(body).toEqual({ code: 'result_not_found', message: expect.any(String) as unknown });
      }
      const unknown = await api.json(
        'GET',
        `transactions/5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d/results/${other.resultId}`,
      );
      expect(unknown).toMatchObject({ status: 404, body: { code: 'not_found' } });
    });

    it('returns the transaction id as id, docs/id-scan-api.md §B4 field names, YYYY-MM-DD dates and localised copies', async () => {
      const { trx, result } = await completed({ tasks: ALL_TASKS }, 'genuine_passport');
      expect(result.id).toBe(trx.id);
      expect(result.state).toBe('completed');
      expect(result.tasks.map((task) => task.type)).toEqual(ALL_TASKS);
      const scan = result.tasks[0];
      const names = new Set(scan.result.map((entry) => entry.field));
      for (const name of [
        'document_number',
        'document_type',
        'given_names',
        'surname',
        'date_of_birth',
        'date_of_expiry',
        'date_of_issue',
        'sex',
        'nationality',
        'issuing_country',
        'place_of_birth',
        'age',
      ]) {
        expect(names).toContain(name);
      }
      for (const date of ['date_of_birth', 'date_of_expiry', 'date_of_issue']) {
        for (const value of field(scan, date)!.values) expect(value.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const localised = scan.result.filter((entry) => entry.locale !== null);
      expect(localised.map((entry) => entry.field).sort()).toEqual(['given_names', 'nationality', 'surname']);
      for (const entry of localised) {
        expect(entry).toMatchObject({ comparison: 'not_performed', values: [{ source: 'visual' }] });
        expect(field(scan, entry.field)).toBeDefined();
      }
      const givenNames = field(scan, 'given_names')!;
      expect(givenNames.values.map((v) => v.source)).toEqual(['mrz', 'visual']);
      expect(givenNames.values[0].value).toBe(givenNames.values[0].value.toUpperCase());
      expect(field(scan, 'age')!.values[0].value).toMatch(/^\d+$/);
    });
  });

  const scenarioExpectations: {
    scenario: EmulatorScenario;
    states: [string, string, string];
    invalid: string[];
    documentType?: string;
  }[] = [
    {
      scenario: 'genuine_passport',
      states: ['completed', 'completed', 'completed'],
      invalid: [],
      documentType: 'PASSPORT',
    },
    {
      scenario: 'genuine_id_card',
      states: ['completed', 'completed', 'completed'],
      invalid: [],
      documentType: 'ID_CARD',
    },
    { scenario: 'expired_document', states: ['failed', 'completed', 'completed'], invalid: ['date_of_expiry'] },
    {
      scenario: 'invalid_document_number',
      states: ['completed', 'completed', 'completed'],
      invalid: ['document_number'],
    },
    { scenario: 'under_minimum_age', states: ['failed', 'completed', 'completed'], invalid: ['age'] },
    { scenario: 'liveness_fails', states: ['completed', 'failed', 'completed'], invalid: [] },
    { scenario: 'face_mismatch', states: ['completed', 'completed', 'failed'], invalid: [] },
    { scenario: 'gives_up', states: ['pending', 'pending', 'pending'], invalid: [] },
  ];

  describe.each(scenarioExpectations)('scenario $scenario', ({ scenario, states, invalid, documentType }) => {
    let result: Result;
    let trx: CreatedTransaction;

    beforeAll(async () => {
      ({ result, trx } = await completed(
        { tasks: ALL_TASKS, settings: { documentScan: { minimumAge: 18, maximumAge: 90 } } },
        scenario,
      ));
    });

    it('sets the task states and completes the transaction', () => {
      expect(result.state).toBe('completed');
      expect(result.tasks.map((task) => task.state)).toEqual(states);
      expect(emulator.transaction(trx.id)).toMatchObject({
        state: 'completed',
        tasks: ALL_TASKS.map((type, i) => ({ type, state: states[i] })),
        scenarios: expect.arrayContaining([scenario]) as unknown,
      });
    });

    it('marks exactly the expected fields invalid', () => {
      const found = result.tasks[0].result.filter((entry) => entry.validity === 'invalid').map((entry) => entry.field);
      expect(found).toEqual(invalid);
    });

    it('scores the tasks accordingly', () => {
      const [scan, liveness, match] = result.tasks;
      if (scenario === 'gives_up') {
        // Not performed is not a failed check: no score and no attempts, rather than a 0 that reads as one.
        for (const task of result.tasks) expect(task).not.toHaveProperty('score');
        expect(result.tasks.map((task) => task.attempts)).toEqual([0, 0, undefined]);
        return;
      }
      for (const task of result.tasks) {
        expect(task.score).toBeGreaterThanOrEqual(0);
        expect(task.score).toBeLessThanOrEqual(1);
      }
      expect(liveness.score).toBeGreaterThanOrEqual(scenario === 'liveness_fails' ? 0 : 0.85);
      expect(liveness.score).toBeLessThan(scenario === 'liveness_fails' ? 0.3 : 1);
      expect(match.score).toBeGreaterThanOrEqual(scenario === 'face_mismatch' ? 0 : 0.8);
      expect(match.score).toBeLessThan(scenario === 'face_mismatch' ? 0.3 : 1);
      expect(scan.score).toBeGreaterThan(scenario === 'invalid_document_number' ? 0.5 : 0.89);
    });

    it('attaches the files: document sides, portrait, selfie', () => {
      const [scan, liveness, match] = result.tasks;
      expect(match).not.toHaveProperty('files');
      expect(match.result).toEqual([]);
      if (scenario === 'gives_up') {
        expect(scan.files).toEqual([]);
        expect(liveness.files).toEqual([]);
        return;
      }
      const documents = scan.files!.filter((file) => file.category === 'document');
      const type = documentType ?? documents[0].type;
      expect(documents).toHaveLength(type === 'ID_CARD' ? 2 : 1);
      expect(documents[0]).toMatchObject({ type, name: expect.any(String) as unknown });
      if (type === 'ID_CARD') expect(documents[1].name).toBe(`${documents[0].name} Side B`);
      expect(scan.files!.filter((file) => file.type === 'portrait')).toHaveLength(1);
      expect(liveness.files).toEqual([{ category: 'image', type: 'selfie', url: expect.any(String) as unknown }]);
      for (const file of [...scan.files!, ...liveness.files!])
        expect(file.url).toMatch(/\/downloads\/[A-Za-z0-9]{50}$/);
    });
  });

  describe('settings shape the result', () => {
    it('extractFields limits the fields, nulls the document URLs and drops the portrait', async () => {
      const { result } = await completed(
        {
          tasks: ['document_scan'],
          settings: { documentScan: { extractFields: ['given_names', 'age', 'personal_number'] } },
        },
        'genuine_id_card',
      );
      const scan = result.tasks[0];
      expect(new Set(scan.result.map((entry) => entry.field))).toEqual(
        new Set([
          'given_names',
          'age',
          ...(scan.result.some((e) => e.field === 'personal_number') ? ['personal_number'] : []),
        ]),
      );
      expect(scan.files!.map((file) => [file.category, file.url])).toEqual([
        ['document', null],
        ['document', null],
      ]);
    });

    it('extractFields with document_image and portrait keeps both files', async () => {
      const { result } = await completed(
        {
          tasks: ['document_scan'],
          settings: { documentScan: { extractFields: ['surname', 'document_image', 'portrait'] } },
        },
        'genuine_passport',
      );
      const scan = result.tasks[0];
      expect(new Set(scan.result.map((entry) => entry.field))).toEqual(new Set(['surname']));
      expect(scan.files!.map((file) => file.type)).toEqual(['PASSPORT', 'portrait']);
      expect(scan.files!.every((file) => typeof file.url === 'string')).toBe(true);
    });

    it.each([
      [0, 'invalid', 'failed'],
      [30, 'invalid', 'failed'],
      [60, 'valid', 'completed'],
    ])(
      'an expired document under allowedExpiration %i: date_of_expiry %s, task %s',
      async (allowed, validity, state) => {
        const { result } = await completed(
          { tasks: ['document_scan'], settings: { documentScan: { allowedExpiration: allowed } } },
          'expired_document',
        );
        expect(field(result.tasks[0], 'date_of_expiry')!.validity).toBe(validity);
        expect(result.tasks[0].state).toBe(state);
      },
    );

    it('a genuine document fails a negative allowedExpiration it cannot meet', async () => {
      const { result } = await completed(
        { tasks: ['document_scan'], settings: { documentScan: { allowedExpiration: -3650 } } },
        'genuine_passport',
      );
      expect(field(result.tasks[0], 'date_of_expiry')!.validity).toBe('invalid');
      expect(result.tasks[0].state).toBe('failed');
    });

    it('a genuine holder falls within minimumAge..maximumAge', async () => {
      const { result } = await completed(
        { tasks: ['document_scan'], settings: { documentScan: { minimumAge: 70, maximumAge: 75 } } },
        'genuine_id_card',
      );
      const age = field(result.tasks[0], 'age')!;
      expect(Number(age.values[0].value)).toBeGreaterThanOrEqual(70);
      expect(Number(age.values[0].value)).toBeLessThanOrEqual(75);
      expect(age.validity).toBe('valid');
    });

    it('under_minimum_age is one year short of minimumAge', async () => {
      const { result } = await completed(
        { tasks: ['document_scan'], settings: { documentScan: { minimumAge: 21 } } },
        'under_minimum_age',
      );
      expect(field(result.tasks[0], 'age')).toMatchObject({
        validity: 'invalid',
        values: [{ value: '20' }, { value: '20' }],
      });
    });

    it('without age limits the age is not checked', async () => {
      const { result } = await completed({ tasks: ['document_scan'] }, 'genuine_passport');
      expect(field(result.tasks[0], 'age')!.validity).toBe('not_checked');
    });

    it('validateFields personal_number checks it on a document that has one', async () => {
      const { result } = await completed(
        { tasks: ['document_scan'], settings: { documentScan: { validateFields: ['personal_number'] } } },
        'genuine_id_card',
      );
      expect(field(result.tasks[0], 'personal_number')!.validity).toBe('valid');
    });
  });

  it('completeTransaction refuses what the hosted flow would refuse', async () => {
    const trx = await api.createTransaction();
    emulator.completeTransaction(trx.id);
    expect(() => emulator.completeTransaction(trx.id)).toThrow(expect.objectContaining({ status: 409 }) as Error);
    expect(() => emulator.completeTransaction('nope')).toThrow(expect.objectContaining({ status: 404 }) as Error);
    expect(() => emulator.completeTransaction(trx.id, 'lucky' as EmulatorScenario)).toThrow(TypeError);
  });

  it('completeTransaction reports the return URL with trxid and resultid, keeping its query', async () => {
    const trx = await api.createTransaction({
      tasks: ['document_scan'],
      returnUrl: 'https://shop.example/done?order=7',
    });
    const completion = emulator.completeTransaction(trx.id, 'genuine_passport');
    const url = new URL(completion.returnUrl!);
    expect(`${url.origin}${url.pathname}`).toBe('https://shop.example/done');
    expect([...url.searchParams]).toEqual([
      ['order', '7'],
      ['trxid', trx.id],
      ['resultid', completion.resultId],
    ]);
  });
});

describe('Emulator determinism', () => {
  it('replays ids, identities and scores for the same seed', async () => {
    async function run(seed: string): Promise<unknown> {
      const emulator = await IdScanEmulator.start({ seed, logger: false });
      const api = new EmulatorApi(emulator);
      const trx = await api.createTransaction({ tasks: ALL_TASKS });
      const { resultId } = emulator.completeTransaction(trx.id, 'genuine_id_card');
      const { body } = await api.json<Result>('GET', `transactions/${trx.id}/results/${resultId}`);
      await emulator.stop();
      return JSON.parse(
        JSON.stringify({ id: trx.id, resultId, url: trx.url, body }).replaceAll(/127\.0\.0\.1:\d+/g, 'host'),
      );
    }
    const first = await run('replay');
    expect(await run('replay')).toEqual(first);
    expect(await run('another')).not.toEqual(first);
  });
});
