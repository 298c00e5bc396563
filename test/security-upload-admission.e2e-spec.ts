import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { EmulatorApi } from './emulator/support/emulator-client';
import { holdUpload, type HeldUpload } from './emulator/support/held-upload';
import { makePhoto, postTask } from './emulator/support/hosted-flow';

const MAX_UPLOAD_BYTES = 64 * 1024;

/**
 * 600 concurrent 5 MB posts to a page URL with a made-up token all got 404, but only once multer had buffered
 * every body: the process grew by 1.8 GB. One flow token accepted ten concurrent submissions, all decoded. Now a
 * task form is read only for a live token at its open task, one upload per transaction at a time, within a bound
 * on concurrent uploads and on buffered bytes. Each test holds the body back: an answer that arrives before the
 * client finished sending proves the body was not read first.
 */
describe('Security: task-form uploads are admitted before their body is read', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;
  const held: HeldUpload[] = [];

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ maxUploadBytes: MAX_UPLOAD_BYTES, logger: false });
    api = new EmulatorApi(emulator);
  });
  afterEach(() => {
    for (const upload of held.splice(0)) upload.abort();
  });
  afterAll(() => emulator.stop());

  function hold(...args: Parameters<typeof holdUpload>): HeldUpload {
    const upload = holdUpload(...args);
    held.push(upload);
    return upload;
  }

  it('answers 404 to an unknown token without waiting for the body', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan'] });
    const forged = trx.url.replace(/identifications\/[^/?]+/, 'identifications/NOTATOKEN');
    const upload = hold(forged, 'document_scan', { photo: 5 * 1024 * 1024 });
    const answer = await upload.answer;
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers a chunked body with an unknown token as early', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan'] });
    const forged = trx.url.replace(/identifications\/[^/?]+/, 'identifications/NOTATOKEN');
    const upload = hold(forged, 'document_scan', { photo: 5 * 1024 * 1024, chunked: true });
    expect((await upload.answer).status).toBe(404);
  });

  it('refuses a body declared larger than two pictures and the form with 413 before reading it', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan'], locale: 'fr-FR' });
    const upload = hold(trx.url, 'document_scan', { photo: 3 * MAX_UPLOAD_BYTES });
    const answer = await upload.answer;
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Ce fichier est trop volumineux');
    expect(emulator.transaction(trx.id)?.tasks).toEqual([{ type: 'document_scan', state: 'pending' }]);
  });

  it('takes one upload per transaction at a time: a second one gets 409 in the page language', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan'], locale: 'nl-NL' });
    const first = hold(trx.url, 'document_scan', { photo: await makePhoto('image/jpeg'), firstBytes: 100 });
    await first.received;

    const second = await postTask(trx.url, 'document_scan', { scenario: 'genuine_passport' });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('Deze stap ontvangt al een upload');
    expect(await Promise.race([first.answer, Promise.resolve('still reading')])).toBe('still reading');

    first.finish();
    expect((await first.answer).status).toBe(303);
    expect(emulator.transaction(trx.id)?.state).toBe('completed');
  });

  it('lets a form for a flow that moved on through unread, to the page it is at', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan', 'face_liveness'] });
    const upload = hold(trx.url, 'face_liveness', { photo: 256 * 1024 });
    const answer = await upload.answer;
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toContain('/identifications/');
  });

  it('bounds the uploads read at once over all transactions: the next gets 503 with Retry-After', async () => {
    const transactions = await Promise.all(
      Array.from({ length: 9 }, () => api.createTransaction({ tasks: ['document_scan'], locale: 'fr-FR' })),
    );
    const uploads: HeldUpload[] = [];
    for (const trx of transactions.slice(0, 8)) {
      const upload = hold(trx.url, 'document_scan', { photo: 1024 });
      await upload.received;
      uploads.push(upload);
    }
    const refused = await postTask(transactions[8].url, 'document_scan', { scenario: 'genuine_passport' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.text()).toContain('L’émulateur est occupé');

    for (const upload of uploads) upload.finish();
    const answers = await Promise.all(uploads.map((upload) => upload.answer));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(400));
    // The budget came back with the answers.
    const admitted = await postTask(transactions[8].url, 'document_scan', { scenario: 'genuine_passport' });
    expect(admitted.status).toBe(303);
  });
});
