import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { EmulatorApi, type CreatedTransaction } from './support/emulator-client';
import { completionData, DESKTOP_UA, makePhoto, MOBILE_UA, postTask, testIds } from './support/hosted-flow';

const ALL_TASKS = ['document_scan', 'face_liveness', 'face_match'];

interface Result {
  state: string;
  tasks: { type: string; state: string }[];
}
interface Details {
  tasks: { documentScans?: { source: string }[] }[];
}

describe('Emulator hosted flow', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ seed: 'hosted-flow', maxUploadBytes: 64 * 1024, logger: false });
    api = new EmulatorApi(emulator);
  });
  afterAll(() => emulator.stop());

  function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(url, emulator.pageOrigin), {
      redirect: 'manual',
      headers: { 'user-agent': DESKTOP_UA, ...headers },
    });
  }

  function location(response: Response): string {
    return new URL(response.headers.get('location')!, emulator.pageOrigin).toString();
  }

  async function result(trx: CreatedTransaction, resultId: string): Promise<Result> {
    return (await api.json<Result>('GET', `transactions/${trx.id}/results/${resultId}`)).body;
  }

  it('shows the first task with its forms, in the language of the URL', async () => {
    const trx = await api.createTransaction({ tasks: ALL_TASKS, locale: 'nl-NL' });
    const response = await get(trx.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="nl-NL">');
    const path = new URL(trx.url).pathname;
    expect(html).toContain(`action="${path}/tasks/document_scan"`);
    expect(html).toContain(`action="${path}/give-up"`);
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['task-form', 'scenario-genuine_passport', 'scenario-under_minimum_age', 'give-up']),
    );
    const english = await (await get(trx.url.replace('/nl-nl/', '/en-us/'))).text();
    expect(english).toContain('<html lang="en-US">');
  });

  it('runs every task to the return URL with trxid and resultid, keeping its query', async () => {
    const trx = await api.createTransaction({
      tasks: ALL_TASKS,
      returnUrl: 'http://localhost:3000/id-scan/return?order=7',
    });
    const front = await makePhoto('image/jpeg');
    const back = await makePhoto('image/png');

    const afterScan = await postTask(
      trx.url,
      'document_scan',
      { scenario: 'genuine_id_card' },
      {
        photo: { data: front, type: 'image/jpeg' },
        photoBack: { data: back, type: 'image/png' },
      },
    );
    expect(afterScan.status).toBe(303);
    expect(location(afterScan)).toBe(trx.url);
    const scans = (await api.json<Details>('GET', `transactions/${trx.id}`)).body.tasks[0].documentScans!;
    expect(scans.map((scan) => scan.source)).toEqual(['file', 'file']);

    const liveness = await get(trx.url);
    expect(testIds(await liveness.text())).toContain('scenario-live_person');
    const afterLiveness = await postTask(
      trx.url,
      'face_liveness',
      { scenario: 'live_person' },
      {
        photo: { data: front, type: 'image/jpeg' },
      },
    );
    expect(afterLiveness.status).toBe(303);
    expect(testIds(await (await get(trx.url)).text())).toContain('scenario-same_person');

    const end = await postTask(trx.url, 'face_match', { scenario: 'same_person' });
    expect(end.status).toBe(303);
    const target = new URL(location(end));
    const snapshot = emulator.transaction(trx.id)!;
    expect(`${target.origin}${target.pathname}`).toBe('http://localhost:3000/id-scan/return');
    expect([...target.searchParams]).toEqual([
      ['order', '7'],
      ['trxid', trx.id],
      ['resultid', snapshot.resultId],
    ]);
    expect(await result(trx, snapshot.resultId!)).toMatchObject({
      state: 'completed',
      tasks: ALL_TASKS.map((type) => ({ type, state: 'completed' })),
    });
    // Coming back to the link later ends the same way.
    const again = await get(trx.url);
    expect(again.status).toBe(303);
    expect(location(again)).toBe(target.toString());
  });

  it('ends on the done page with the completion message when there is no return URL', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan', 'face_liveness'] });
    await postTask(trx.url, 'document_scan', { scenario: 'genuine_passport' });
    const end = await postTask(trx.url, 'face_liveness', { scenario: 'liveness_fails' });
    expect(end.status).toBe(303);
    expect(location(end)).toBe(trx.url);
    const done = await get(trx.url);
    expect(done.status).toBe(200);
    const html = await done.text();
    expect(testIds(html)).toContain('done');
    const { resultId } = emulator.transaction(trx.id)!;
    expect(completionData(html)).toEqual({
      message: { type: 'id-scan.completed', transactionId: trx.id, resultId },
    });
    expect((await result(trx, resultId!)).tasks.map((task) => task.state)).toEqual(['completed', 'failed']);
  });

  it('ends on the done page inside a frame even with a return URL (Sec-Fetch-Dest: iframe)', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan'], returnUrl: 'https://shop.example/return' });
    const framed = { 'sec-fetch-dest': 'iframe' };
    const end = await postTask(trx.url, 'document_scan', { scenario: 'genuine_passport' }, {}, framed);
    expect(end.status).toBe(303);
    expect(location(end)).toBe(trx.url);
    const html = await (await get(trx.url, framed)).text();
    const { resultId } = emulator.transaction(trx.id)!;
    expect(completionData(html)).toEqual({
      message: { type: 'id-scan.completed', transactionId: trx.id, resultId },
      redirectUrl: `https://shop.example/return?trxid=${trx.id}&resultid=${resultId}`,
    });
    // The page carries no personal data, only the ids.
    expect(html).not.toMatch(/date_of_birth|document_number|\d{4}-\d{2}-\d{2}/);
  });

  it('gives up: the flow ends, and the tasks not finished stay pending, not performed', async () => {
    const trx = await api.createTransaction({ tasks: ALL_TASKS, returnUrl: 'https://shop.example/return' });
    await postTask(trx.url, 'document_scan', { scenario: 'expired_document' });
    const url = new URL(trx.url);
    url.pathname = `${url.pathname}/give-up`;
    const end = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ scenario: 'gives_up' }),
      redirect: 'manual',
    });
    expect(end.status).toBe(303);
    const { resultId } = emulator.transaction(trx.id)!;
    expect(location(end)).toContain(`resultid=${resultId}`);
    expect((await result(trx, resultId!)).tasks.map((task) => task.state)).toEqual(['failed', 'pending', 'pending']);
  });

  it('gives up after a passed document: the document keeps its result, the rest was not performed', async () => {
    const trx = await api.createTransaction({ tasks: ALL_TASKS });
    await postTask(trx.url, 'document_scan', { scenario: 'genuine_passport' });
    expect((await postTask(trx.url, 'face_liveness', { scenario: 'gives_up' })).status).toBe(303);
    const { resultId } = emulator.transaction(trx.id)!;
    const tasks = (
      await api.json<{ tasks: Record<string, unknown>[] }>('GET', `transactions/${trx.id}/results/${resultId}`)
    ).body.tasks;
    expect(tasks[0]).toMatchObject({ type: 'document_scan', state: 'completed', score: expect.any(Number) as unknown });
    expect(tasks[1]).toEqual({ type: 'face_liveness', state: 'pending', attempts: 0, result: [], files: [] });
    expect(tasks[2]).toEqual({ type: 'face_match', state: 'pending', result: [] });
    const events = emulator.webhookEvents().filter((event) => event.transaction.id === trx.id);
    expect(events.map((event) => event.task?.type ?? event.transaction.state)).toEqual(['document_scan', 'completed']);
  });

  it('takes gives_up from the task form as well', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan'] });
    expect((await postTask(trx.url, 'document_scan', { scenario: 'gives_up' })).status).toBe(303);
    expect(emulator.transaction(trx.id)).toMatchObject({ state: 'completed', tasks: [{ state: 'pending' }] });
  });

  describe('refused forms show the task page again with the reason', () => {
    let trx: CreatedTransaction;
    beforeAll(async () => {
      trx = await api.createTransaction({ tasks: ['document_scan', 'face_liveness'] });
    });

    it.each([
      ['no scenario', {}, {}, 400],
      ['a scenario of another task', { scenario: 'live_person' }, {}, 400],
      ['an unknown scenario', { scenario: 'lucky' }, {}, 400],
      [
        'a text file',
        { scenario: 'genuine_passport' },
        { photo: { data: Buffer.from('hello'), type: 'image/jpeg' } },
        400,
      ],
      [
        'a PNG declared as JPEG',
        { scenario: 'genuine_passport' },
        {
          photo: {
            data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
            type: 'image/jpeg',
          },
        },
        400,
      ],
      [
        'a truncated JPEG',
        { scenario: 'genuine_passport' },
        { photo: { data: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), type: 'image/jpeg' } },
        400,
      ],
      [
        'a file over the size limit',
        { scenario: 'genuine_passport' },
        { photo: { data: Buffer.alloc(70 * 1024, 1), type: 'image/jpeg' } },
        413,
      ],
    ])('%s', async (_name, fields, files, status) => {
      const response = await postTask(trx.url, 'document_scan', fields, files);
      expect(response.status).toBe(status);
      const html = await response.text();
      expect(testIds(html)).toEqual(expect.arrayContaining(['error', 'task-form']));
      expect(emulator.transaction(trx.id)!.tasks[0].state).toBe('pending');
    });

    it('sends a form of another step back to the current one', async () => {
      const response = await postTask(trx.url, 'face_liveness', { scenario: 'live_person' });
      expect(response.status).toBe(303);
      expect(location(response)).toBe(trx.url);
      expect(emulator.transaction(trx.id)!.tasks.map((task) => task.state)).toEqual(['pending', 'pending']);
    });
  });

  describe('mobileOnly', () => {
    let trx: CreatedTransaction;
    beforeAll(async () => {
      trx = await api.createTransaction({
        tasks: ['document_scan'],
        mobileOnly: true,
        returnUrl: 'https://shop.example/desktop',
        scanReturnUrl: 'https://shop.example/phone?lang=nl',
      });
    });

    it('shows a desktop browser the QR code of the same URL, reloading to notice completion', async () => {
      const response = await get(trx.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('refresh')).toMatch(/^\d+$/);
      const html = await response.text();
      expect(testIds(html)).toEqual(expect.arrayContaining(['qr-code', 'handoff-url', 'continue-here']));
      expect(html).toContain(`${trx.url}?handoff=qr`);
      expect(html).toMatch(/src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
      expect(html).toContain(`href="${new URL(trx.url).pathname}?device=mobile"`);
    });

    it('says the phone must reach the address, and warns that a loopback one cannot be', async () => {
      const html = await (await get(trx.url)).text();
      expect(testIds(html)).toEqual(expect.arrayContaining(['handoff-reachable', 'handoff-loopback']));
      expect(emulator.publicUrl).toBe(emulator.pageOrigin);
    });

    it('encodes the publicUrl option in the hand-off instead of the loopback origin', async () => {
      const reachable = await IdScanEmulator.start({
        logger: false,
        warmUp: false,
        publicUrl: 'http://192.0.2.7:3100',
      });
      try {
        const phoneApi = new EmulatorApi(reachable);
        const mobile = await phoneApi.createTransaction({ tasks: ['document_scan'], mobileOnly: true });
        const page = await fetch(mobile.url, { headers: { 'user-agent': DESKTOP_UA } });
        const html = await page.text();
        const path = new URL(mobile.url).pathname;
        expect(reachable.publicUrl).toBe('http://192.0.2.7:3100');
        expect(html).toContain(`data-testid="handoff-url">http://192.0.2.7:3100${path}?handoff=qr</code>`);
        expect(testIds(html)).toContain('handoff-reachable');
        expect(testIds(html)).not.toContain('handoff-loopback');
        // The transaction URL itself stays on the origin the emulator serves.
        expect(new URL(mobile.url).origin).toBe(reachable.pageOrigin);
      } finally {
        await reachable.stop();
      }
    });

    it('lets a phone, or a desktop asking for ?device=mobile, go on', async () => {
      expect(testIds(await (await get(trx.url, { 'user-agent': MOBILE_UA })).text())).toContain('task-form');
      const html = await (await get(`${trx.url}?device=mobile`)).text();
      expect(html).toContain(`action="${new URL(trx.url).pathname}/tasks/document_scan?device=mobile"`);
    });

    it('ends the phone at scanReturnUrl and the waiting desktop at returnUrl', async () => {
      const phone = await get(`${trx.url}?handoff=qr`, { 'user-agent': MOBILE_UA });
      const html = await phone.text();
      const action = /action="([^"]*\/tasks\/document_scan[^"]*)"/.exec(html)![1];
      expect(action).toContain('handoff=qr');
      const form = new FormData();
      form.append('scenario', 'genuine_passport');
      const end = await fetch(new URL(action.replaceAll('&amp;', '&'), emulator.pageOrigin), {
        method: 'POST',
        body: form,
        redirect: 'manual',
        headers: { 'user-agent': MOBILE_UA },
      });
      expect(end.status).toBe(303);
      const { resultId } = emulator.transaction(trx.id)!;
      expect(location(end)).toBe(`https://shop.example/phone?lang=nl&trxid=${trx.id}&resultid=${resultId}`);
      const desktop = await get(trx.url);
      expect(desktop.status).toBe(303);
      expect(location(desktop)).toBe(`https://shop.example/desktop?trxid=${trx.id}&resultid=${resultId}`);
    });
  });

  it('without scanReturnUrl the phone ends on the done page', async () => {
    const trx = await api.createTransaction({
      tasks: ['document_scan'],
      mobileOnly: true,
      returnUrl: 'https://shop.example/r',
    });
    const form = new FormData();
    form.append('scenario', 'genuine_passport');
    const end = await fetch(`${trx.url}/tasks/document_scan?handoff=qr`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(end.status).toBe(303);
    expect(location(end)).toBe(`${trx.url}?handoff=qr`);
    const done = await get(location(end), { 'user-agent': MOBILE_UA });
    expect(done.status).toBe(200);
    expect(completionData(await done.text())).not.toHaveProperty('redirectUrl');
  });

  it('reports the state to waiting pages without personal data', async () => {
    const trx = await api.createTransaction();
    const before = await get(`${trx.url}/status`);
    expect(await before.json()).toEqual({ state: 'pending', completed: false });
    emulator.completeTransaction(trx.id);
    expect(await (await get(`${trx.url}/status`)).json()).toEqual({ state: 'completed', completed: true });
  });

  it('shows the expired page once the transaction expired', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan', 'face_liveness'] });
    await postTask(trx.url, 'document_scan', { scenario: 'genuine_passport' });
    emulator.advanceClock(3600_000);
    const page = await get(trx.url);
    expect(page.status).toBe(410);
    expect(testIds(await page.text())).toContain('expired');
    const post = await postTask(trx.url, 'face_liveness', { scenario: 'live_person' });
    expect(post.status).toBe(410);
    expect(testIds(await post.text())).toContain('expired');
  });

  it.each([
    ['an unknown token', (url: string) => url.replace(/[A-Za-z0-9]{32}$/, 'x'.repeat(32))],
    ['an unsupported locale', (url: string) => url.replace('/en-us/', '/de-de/')],
  ])('answers %s with the 404 error page', async (_name, change) => {
    const trx = await api.createTransaction();
    const response = await get(change(trx.url));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(testIds(await response.text())).toEqual(expect.arrayContaining(['error-status', 'error-message']));
  });
});

describe('Emulator hosted pages on an origin of their own (pagePort)', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ pagePort: 0, logger: false });
    api = new EmulatorApi(emulator);
  });
  afterAll(() => emulator.stop());

  it('serves the pages on the page origin only and the API on the API origin only', async () => {
    expect(emulator.pageOrigin).not.toBe(emulator.origin);
    const trx = await api.createTransaction();
    expect(new URL(trx.url).origin).toBe(emulator.pageOrigin);
    expect((await fetch(trx.url)).status).toBe(200);

    const onApiOrigin = await fetch(trx.url.replace(emulator.pageOrigin, emulator.origin));
    expect(onApiOrigin.status).toBe(404);
    const apiOnPageOrigin = await api.request(
      'GET',
      `${emulator.url.replace(emulator.origin, emulator.pageOrigin)}webhooks`,
    );
    expect(apiOnPageOrigin.status).toBe(404);
    expect(await apiOnPageOrigin.json()).toMatchObject({ code: 'not_found' });

    const end = await postTask(trx.url, 'document_scan', { scenario: 'genuine_passport' });
    expect(end.status).toBe(303);
    expect(emulator.transaction(trx.id)!.state).toBe('completed');
  });
});
