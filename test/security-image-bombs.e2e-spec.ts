import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { crc32, deflateSync } from 'node:zlib';
import { EmulatorApi } from './emulator/support/emulator-client';
import { makePhoto, postTask } from './emulator/support/hosted-flow';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid, all-black RGB PNG: every row is a filter byte and zeros, which deflate to almost nothing, so a picture of
 * tens of megapixels fits in a few hundred kilobytes (the decompression bomb of the finding).
 */
function blackPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.alloc((width * 3 + 1) * height), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JPEG whose frame header declares `width` x `height` (nothing after it). */
function jpegHeader(width: number, height: number): Buffer {
  const frame = Buffer.from([0xff, 0xc0, 0, 11, 8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  frame.writeUInt16BE(height, 5);
  frame.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), frame, Buffer.alloc(64)]);
}

/**
 * A 196 KB PNG of 6900 x 6900 pixels passed the header check; rendering it stalled the emulator (and a demo that
 * embeds it) for about 10 s and took about 1 GB. Uploads are now bounded on their header, before any decoding.
 */
describe('Security: image decompression bombs in the hosted flow', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;
  let bomb: Buffer;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    api = new EmulatorApi(emulator);
    bomb = blackPng(6900, 6900);
  });
  afterAll(() => emulator.stop());

  it.each([
    ['the 6900 x 6900 PNG of the finding', () => bomb, 'image/png'],
    ['a PNG with a side over 8000 px', () => blackPng(9000, 10), 'image/png'],
    ['a JPEG declaring 7000 x 7000', () => jpegHeader(7000, 7000), 'image/jpeg'],
  ])('refuses %s with 413 and a clear message, leaving the task to do', async (_name, data, type) => {
    const photo = data();
    expect(photo.length).toBeLessThan(300_000);
    const trx = await api.createTransaction({ tasks: ['document_scan'] });
    const response = await postTask(
      trx.url,
      'document_scan',
      { scenario: 'genuine_passport' },
      { photo: { data: photo, type } },
    );
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain(
      'That picture has too many pixels (at most 25 megapixels and 8000 pixels a side)',
    );
    expect(emulator.transaction(trx.id)?.tasks).toEqual([{ type: 'document_scan', state: 'pending' }]);
  });

  it('refuses an oversized back side too, in the page language', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan'], locale: 'nl-NL' });
    const front = await makePhoto('image/jpeg');
    const response = await postTask(
      trx.url,
      'document_scan',
      { scenario: 'genuine_id_card' },
      { photo: { data: front, type: 'image/jpeg' }, photoBack: { data: blackPng(8001, 8), type: 'image/png' } },
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('te veel pixels');
  });

  it('takes a picture within the bounds and renders the document with it', async () => {
    const trx = await api.createTransaction({ tasks: ['document_scan'] });
    const photo = await makePhoto('image/png', 160, 120);
    const response = await postTask(
      trx.url,
      'document_scan',
      { scenario: 'genuine_passport' },
      { photo: { data: photo, type: 'image/png' } },
    );
    expect(response.status).toBe(303);
    const snapshot = emulator.transaction(trx.id);
    expect(snapshot?.state).toBe('completed');
    const result = await api.json<{ tasks: { files: { type: string; url: string | null }[] }[] }>(
      'GET',
      `transactions/${trx.id}/results/${snapshot?.resultId}`,
    );
    const portrait = result.body.tasks[0].files.find((file) => file.type === 'portrait');
    const download = await api.request('GET', String(portrait?.url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
  });
});
