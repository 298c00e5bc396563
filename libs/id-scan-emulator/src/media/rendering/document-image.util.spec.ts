import { Jimp } from 'jimp';
import type { JimpInstance } from 'jimp';
import { renderDocumentImage } from './document-image.util';
import { decodeImage } from './image-codec.util';
import { documentLayout, valueBox } from './document-layout.util';
import type { Rect } from './bitmap-drawing.util';
import { composeMrz } from '../../simulation/identities/mrz.util';
import type { EmulatedDocumentType } from '../../simulation/identities/scanned-identity.interface';
import type { DocumentSide, RenderedIdentity } from './rendering.interface';

const identity: RenderedIdentity = {
  givenNames: 'Willeke Liselotte',
  surname: 'De Bruijn',
  documentNumber: 'SPECI2021',
  personalNumber: '999999990',
  dateOfBirth: '1965-03-10',
  dateOfExpiry: '2031-11-26',
  dateOfIssue: '2021-11-26',
  sex: 'F',
  nationality: 'Netherlands',
  nationalityCode: 'NLD',
  issuingCountryCode: 'NLD',
  placeOfBirth: 'Martinique',
  documentType: 'PASSPORT',
};

interface AreaStats {
  mean: number;
  max: number;
}

// Mean and maximum brightness over `rect` shrunk by `inset` (JPEG blurs the edges of a box by a few pixels).
function stats(image: JimpInstance, rect: Rect, inset = 4): AreaStats {
  let sum = 0;
  let max = 0;
  let count = 0;
  const { data, width } = image.bitmap;
  for (let y = rect.y + inset; y < rect.y + rect.h - inset; y++) {
    for (let x = rect.x + inset; x < rect.x + rect.w - inset; x++) {
      const i = (y * width + x) * 4;
      const brightness = (data[i] + data[i + 1] + data[i + 2]) / 3;
      sum += brightness;
      max = Math.max(max, brightness);
      count++;
    }
  }
  return { mean: sum / count, max };
}

function expectBlack(image: JimpInstance, rect: Rect): void {
  const area = stats(image, rect);
  expect(area.mean).toBeLessThan(8);
  expect(area.max).toBeLessThan(60);
}

function expectNotBlack(image: JimpInstance, rect: Rect): void {
  expect(stats(image, rect).mean).toBeGreaterThan(80);
}

async function decode(buffer: Buffer): Promise<JimpInstance> {
  const image = await decodeImage(buffer, 10_000_000);
  if (!image) throw new Error('undecodable image');
  return image;
}

async function solidPhoto(color: number, mime: 'image/png' | 'image/jpeg'): Promise<Buffer> {
  const photo = new Jimp({ width: 90, height: 120, color });
  return photo.getBuffer(mime);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderDocumentImage', () => {
  const cases: [EmulatedDocumentType, DocumentSide][] = [
    ['PASSPORT', 'front'],
    ['PASSPORT', 'back'],
    ['ID_CARD', 'front'],
    ['ID_CARD', 'back'],
  ];

  it.each(cases)('renders the %s %s as a 1000 x 630 JPEG by default', async (documentType, side) => {
    const buffer = await renderDocumentImage({
      identity: { ...identity, documentType },
      side,
      redactFields: [],
    });
    expect(buffer.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const image = await decode(buffer);
    expect([image.width, image.height]).toEqual([1000, 630]);
  });

  it.each(cases)('renders the %s %s as PNG on request', async (documentType, side) => {
    const buffer = await renderDocumentImage({
      identity: { ...identity, documentType },
      side,
      redactFields: [],
      format: 'png',
    });
    expect(buffer.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const image = await decode(buffer);
    expect([image.width, image.height]).toEqual([1000, 630]);
  });

  it('gives the same bytes for the same input', async () => {
    const input = {
      identity,
      side: 'front' as const,
      redactFields: ['signature'],
      format: 'png' as const,
    };
    expect((await renderDocumentImage(input)).equals(await renderDocumentImage(input))).toBe(true);
  });

  it('prints the identity: another surname gives another image', async () => {
    const input = {
      side: 'front' as const,
      redactFields: [],
      format: 'png' as const,
    };
    const first = await renderDocumentImage({ ...input, identity });
    const second = await renderDocumentImage({
      ...input,
      identity: { ...identity, surname: 'Jansen' },
    });
    expect(first.equals(second)).toBe(false);
  });

  describe.each(['jpeg', 'png'] as const)('redaction (%s)', (format) => {
    const front = documentLayout('PASSPORT', 'front');
    const slot = (field: string): Rect => {
      const found = front.fields.find((candidate) => candidate.field === field);
      if (!found) throw new Error(`no ${field} on the passport front`);
      return valueBox(found);
    };
    const redacted = ['personal_number', 'document_number', 'date_of_birth', 'signature', 'portrait'];
    let clear: JimpInstance;
    let masked: JimpInstance;

    beforeAll(async () => {
      clear = await decode(
        await renderDocumentImage({
          identity,
          side: 'front',
          redactFields: [],
          format,
        }),
      );
      masked = await decode(
        await renderDocumentImage({
          identity,
          side: 'front',
          redactFields: redacted,
          format,
        }),
      );
    });

    it.each(['personal_number', 'document_number', 'date_of_birth'])('covers %s with black', (field) => {
      expectBlack(masked, slot(field));
      expectNotBlack(clear, slot(field));
    });

    it('covers the portrait and the signature with black', () => {
      const portrait = front.portrait as Rect;
      const signature = front.signature as Rect;
      const signatureArea = {
        ...signature,
        y: signature.y + 16,
        h: signature.h - 16,
      };
      expectBlack(masked, portrait);
      expectBlack(masked, signatureArea);
      expectNotBlack(clear, portrait);
      expectNotBlack(clear, signatureArea);
    });

    it('leaves fields that are not redacted readable', () => {
      expectNotBlack(masked, slot('surname'));
      expectNotBlack(masked, slot('date_of_expiry'));
    });

    it('covers the redacted fields in the MRZ too, and only those', () => {
      const area = front.mrz;
      if (!area) throw new Error('the passport front has an MRZ');
      const mrz = composeMrz(identity);
      const cells = (field: string): Rect => {
        const [span] = mrz.spans[field];
        return {
          x: area.x + span.start * area.cellWidth,
          y: area.firstLineY + span.line * area.lineSpacing,
          w: span.length * area.cellWidth,
          h: 34,
        };
      };
      expectBlack(masked, cells('document_number'));
      expectBlack(masked, cells('date_of_birth'));
      expectNotBlack(clear, cells('document_number'));
      expectNotBlack(masked, cells('date_of_expiry'));
    });
  });

  it('redacts the whole MRZ on request', async () => {
    const back = documentLayout('ID_CARD', 'back');
    const area = back.mrz;
    if (!area) throw new Error('the card back has an MRZ');
    const image = await decode(
      await renderDocumentImage({
        identity: { ...identity, documentType: 'ID_CARD' },
        side: 'back',
        redactFields: ['mrz'],
      }),
    );
    expectBlack(image, {
      x: area.x,
      y: area.firstLineY,
      w: 30 * area.cellWidth,
      h: 2 * area.lineSpacing + 34,
    });
  });

  it.each(['image/png', 'image/jpeg'] as const)('uses an uploaded %s photo as the portrait', async (mime) => {
    const photo = await solidPhoto(0x00c800ff, mime);
    const portrait = documentLayout('PASSPORT', 'front').portrait as Rect;
    const image = await decode(
      await renderDocumentImage({
        identity,
        side: 'front',
        redactFields: [],
        photo,
      }),
    );
    const { data, width } = image.bitmap;
    const i = ((portrait.y + Math.floor(portrait.h / 4)) * width + portrait.x + Math.floor(portrait.w / 4)) * 4;
    expect(data[i + 1]).toBeGreaterThan(160);
    expect(data[i]).toBeLessThan(70);
    expect(data[i + 2]).toBeLessThan(70);
  });

  it('ignores an unreadable upload and draws the generated face instead', async () => {
    const input = {
      identity,
      side: 'front' as const,
      redactFields: [],
      format: 'png' as const,
    };
    const withGarbage = await renderDocumentImage({
      ...input,
      photo: Buffer.from('not an image at all'),
    });
    expect(withGarbage.equals(await renderDocumentImage(input))).toBe(true);
  });

  it('ignores an upload that declares more pixels than it may decode', async () => {
    const header = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(50_000, 16);
    header.writeUInt32BE(50_000, 20);
    const input = {
      identity,
      side: 'front' as const,
      redactFields: [],
      format: 'png' as const,
    };
    const withBomb = await renderDocumentImage({ ...input, photo: header });
    expect(withBomb.equals(await renderDocumentImage(input))).toBe(true);
  });
});
