import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { EmulatorApi } from './support/emulator-client';
import { postTask } from './support/hosted-flow';
import { decodeImage } from './support/image-decoder';

interface FileEntry {
  category: string;
  type: string;
  name?: string;
  url: string | null;
}
interface Result {
  tasks: { type: string; files?: FileEntry[] }[];
}
interface Details {
  state: string;
  tasks: { documentScans?: { files: FileEntry[] }[] }[];
}

const HOUR = 3600_000;

async function pdfImages(bytes: Buffer): Promise<{ pages: number; images: number }> {
  const pdf = await PDFDocument.load(bytes);
  const images = pdf.context
    .enumerateIndirectObjects()
    .filter(
      ([, object]) => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    );
  return { pages: pdf.getPageCount(), images: images.length };
}

describe('Emulator downloads and reports (docs/id-scan-api.md §B1)', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ seed: 'downloads' });
    api = new EmulatorApi(emulator);
  });
  afterAll(() => emulator.stop());

  async function download(url: string): Promise<Response> {
    return api.request('GET', url);
  }

  async function completedIdCard(
    settings?: Record<string, unknown>,
  ): Promise<{ id: string; resultId: string; result: Result }> {
    const trx = await api.createTransaction({
      tasks: ['document_scan', 'face_liveness'],
      ...(settings ? { settings } : {}),
    });
    const { resultId } = emulator.completeTransaction(trx.id, 'genuine_id_card');
    const { body } = await api.json<Result>('GET', `transactions/${trx.id}/results/${resultId}`);
    return { id: trx.id, resultId, result: body };
  }

  it('serves every result file as a decodable image of the right type', async () => {
    const { result } = await completedIdCard();
    const files = result.tasks.flatMap((task) => task.files ?? []);
    expect(files.map((file) => file.name ?? file.type)).toEqual([
      expect.stringContaining('Identity Card'),
      expect.stringMatching(/Side B$/),
      'portrait',
      'selfie',
    ]);
    const expected = [
      ['image/jpeg', 1000, 630],
      ['image/jpeg', 1000, 630],
      ['image/jpeg', 360, 450],
      ['image/png', 480, 640],
    ];
    for (const [i, file] of files.entries()) {
      const response = await download(file.url!);
      expect(response.status).toBe(200);
      const type = response.headers.get('content-type')!;
      expect(type).toBe(expected[i][0]);
      const image = await decodeImage(Buffer.from(await response.arrayBuffer()), type);
      expect([image.mime, image.width, image.height]).toEqual(expected[i]);
    }
    // The same file downloads the same bytes every time (rendered once, kept).
    const again = await Promise.all([download(files[0].url!), download(files[0].url!)]);
    const [a, b] = await Promise.all(again.map(async (response) => Buffer.from(await response.arrayBuffer())));
    expect(a.equals(b)).toBe(true);
  });

  it('passes redactFields to the document images', async () => {
    async function frontImage(redactFields: string[]): Promise<Buffer> {
      const other = await IdScanEmulator.start({ seed: 'redaction', logger: false });
      const otherApi = new EmulatorApi(other);
      const trx = await otherApi.createTransaction({
        tasks: ['document_scan'],
        settings: { documentScan: { redactFields } },
      });
      const { resultId } = other.completeTransaction(trx.id, 'genuine_passport');
      const { body } = await otherApi.json<Result>('GET', `transactions/${trx.id}/results/${resultId}`);
      const [front, portrait] = body.tasks[0].files!;
      const frontBytes = Buffer.from(await (await otherApi.request('GET', front.url!)).arrayBuffer());
      const portraitBytes = Buffer.from(await (await otherApi.request('GET', portrait.url!)).arrayBuffer());
      await other.stop();
      return Buffer.concat([frontBytes, Buffer.from('|'), portraitBytes]);
    }
    const plain = await frontImage([]);
    const redacted = await frontImage(['document_number', 'personal_number', 'signature']);
    const [plainFront, plainPortrait] = [
      plain.subarray(0, plain.lastIndexOf('|')),
      plain.subarray(plain.lastIndexOf('|') + 1),
    ];
    const [redactedFront, redactedPortrait] = [
      redacted.subarray(0, redacted.lastIndexOf('|')),
      redacted.subarray(redacted.lastIndexOf('|') + 1),
    ];
    expect(redactedFront.equals(plainFront)).toBe(false);
    // Redaction concerns the document image only.
    expect(redactedPortrait.equals(plainPortrait)).toBe(true);
  });

  it('answers 404 not_found for an unknown token', async () => {
    const response = await download(`${emulator.url}downloads/${'A'.repeat(50)}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'not_found', message: expect.any(String) as unknown });
  });

  it('serves a simple PDF report without images and an extended one with every image', async () => {
    const { id, resultId, result } = await completedIdCard();
    const simple = await api.request('GET', `transactions/${id}/results/${resultId}/report`);
    expect(simple.status).toBe(200);
    expect(simple.headers.get('content-type')).toBe('application/pdf');
    const simpleBytes = Buffer.from(await simple.arrayBuffer());
    const simplePdf = await pdfImages(simpleBytes);
    expect(simplePdf.pages).toBeGreaterThanOrEqual(1);
    expect(simplePdf.images).toBe(0);
    const explicit = await api.request('GET', `transactions/${id}/results/${resultId}/report?type=simple`);
    expect(Buffer.from(await explicit.arrayBuffer()).equals(simpleBytes)).toBe(true);

    const extended = await api.request('GET', `transactions/${id}/results/${resultId}/report?type=extended`);
    expect(extended.status).toBe(200);
    expect(extended.headers.get('content-type')).toBe('application/pdf');
    const extendedPdf = await pdfImages(Buffer.from(await extended.arrayBuffer()));
    const files = result.tasks.flatMap((task) => task.files ?? []);
    expect(extendedPdf.images).toBeGreaterThanOrEqual(files.length);
    expect(extendedPdf.pages).toBeGreaterThan(simplePdf.pages);
  });

  it('answers 404 result_not_found for a report of a wrong pair', async () => {
    const { id } = await completedIdCard();
    const { status, body } = await api.json('GET', `transactions/${id}/results/${id}/report`);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'result_not_found' });
  });

  describe('after the validity period', () => {
    it('refuses the extended report with 410 but keeps the simple report, the result and its files', async () => {
      const { id, resultId, result } = await completedIdCard();
      emulator.advanceClock(HOUR);
      const extended = await api.json('GET', `transactions/${id}/results/${resultId}/report?type=extended`);
      expect(extended).toEqual({
        status: 410,
        body: { code: 'transaction_expired', message: expect.any(String) as unknown },
      });
      const simple = await api.request('GET', `transactions/${id}/results/${resultId}/report`);
      expect(simple.status).toBe(200);
      expect((await pdfImages(Buffer.from(await simple.arrayBuffer()))).pages).toBeGreaterThanOrEqual(1);
      expect((await api.json('GET', `transactions/${id}/results/${resultId}`)).status).toBe(200);
      expect((await api.json<Details>('GET', `transactions/${id}`)).body.state).toBe('completed');
      expect((await download(result.tasks[0].files![0].url!)).status).toBe(200);
    });

    it('expires a pending transaction: state expired, attempt files gone (410)', async () => {
      const trx = await api.createTransaction({ tasks: ['document_scan', 'face_liveness'] });
      expect((await postTask(trx.url, 'document_scan', { scenario: 'genuine_passport' })).status).toBe(303);
      const before = await api.json<Details>('GET', `transactions/${trx.id}`);
      const files = before.body.tasks[0].documentScans!.flatMap((attempt) => attempt.files);
      expect(files.length).toBeGreaterThan(0);
      expect((await download(files[0].url!)).status).toBe(200);

      emulator.advanceClock(HOUR);
      const after = await api.json<Details>('GET', `transactions/${trx.id}`);
      expect(after.body.state).toBe('expired');
      expect(after.body.tasks[0].documentScans!.every((attempt) => attempt.files.length === 0)).toBe(true);
      for (const file of files) {
        const response = await download(file.url!);
        expect(response.status).toBe(410);
        expect(await response.json()).toEqual({ code: 'transaction_expired', message: expect.any(String) as unknown });
      }
      expect(() => emulator.completeTransaction(trx.id)).toThrow(expect.objectContaining({ status: 410 }) as Error);
    });
  });
});
