import fc from 'fast-check';
import { Jimp } from 'jimp';
import { probePhoto } from '../media/rendering/image-header.util';
import { checkPhoto } from './photo-upload.util';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from(PNG_SIGNATURE).copy(header);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

function startOfFrame(width: number, height: number): Buffer {
  const body = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  body.writeUInt16BE(height, 1);
  body.writeUInt16BE(width, 3);
  return segment(0xc0, body);
}

describe('checkPhoto', () => {
  let jpeg: Buffer;
  let png: Buffer;

  beforeAll(async () => {
    const image = new Jimp({ width: 12, height: 8, color: 0x3366ccff });
    jpeg = await image.getBuffer('image/jpeg');
    png = await image.getBuffer('image/png');
  });

  it('accepts a JPEG or PNG declared as what it is', () => {
    expect(checkPhoto(jpeg, 'image/jpeg')).toBeUndefined();
    expect(checkPhoto(png, 'image/png')).toBeUndefined();
  });

  it('refuses a picture declared as the other type', () => {
    expect(checkPhoto(jpeg, 'image/png')).toBe('unsupported_file');
    expect(checkPhoto(png, 'image/jpeg')).toBe('unsupported_file');
  });

  it.each([
    ['text', Buffer.from('hello, world')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['an empty file', Buffer.alloc(0)],
    ['two bytes of a JPEG signature', Buffer.from([0xff, 0xd8])],
  ])('refuses %s as unsupported', (_, data) => {
    expect(checkPhoto(data, 'image/jpeg')).toBe('unsupported_file');
  });

  it.each([
    ['a truncated PNG', Buffer.from([...PNG_SIGNATURE, 0, 0, 0, 13]), 'image/png'],
    ['a PNG of zero width', pngHeader(0, 8), 'image/png'],
    ['a PNG whose first chunk is not IHDR', Buffer.from(pngHeader(4, 4).fill(0x41, 12, 16)), 'image/png'],
    ['a truncated JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['a JPEG without a frame', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg'],
    ['a JPEG of zero height', Buffer.concat([Buffer.from([0xff, 0xd8]), startOfFrame(8, 0)]), 'image/jpeg'],
  ])('refuses %s as unreadable', (_, data, type) => {
    expect(checkPhoto(data, type)).toBe('unreadable_image');
  });

  it.each([
    ['5000 x 5000 (25 MP)', 5000, 5000, undefined],
    ['8000 x 3125 (25 MP, the longest side)', 8000, 3125, undefined],
    ['5000 x 5001', 5000, 5001, 'image_too_large'],
    ['8001 x 8', 8001, 8, 'image_too_large'],
    ['8 x 8001', 8, 8001, 'image_too_large'],
    ['6900 x 6900', 6900, 6900, 'image_too_large'],
  ])('bounds a picture by its header: %s', (_, width, height, problem) => {
    expect(checkPhoto(pngHeader(width, height), 'image/png')).toBe(problem);
    if (width <= 0xffff && height <= 0xffff) {
      const jpegOf = Buffer.concat([Buffer.from([0xff, 0xd8]), startOfFrame(width, height)]);
      expect(checkPhoto(jpegOf, 'image/jpeg')).toBe(problem);
    }
  });

  it('accepts exactly the uploads whose header the renderers read', () => {
    // JPEG headers built from the pieces real files contain: standalone markers (restart, TEM, a repeated SOI),
    // fill bytes, application segments, and a frame with any size, possibly cut short.
    const piece = fc.oneof(
      fc.constantFrom(0x01, 0xd0, 0xd7, 0xd8).map((marker) => Buffer.from([0xff, marker])),
      fc.constant(Buffer.from([0xff])),
      fc.uint8Array({ maxLength: 20 }).map((body) => segment(0xe0, Buffer.from(body))),
    );
    const header = fc
      .tuple(fc.array(piece, { maxLength: 4 }), fc.nat(3), fc.nat(3), fc.nat(12))
      .map(([pieces, width, height, cut]) => {
        const data = Buffer.concat([Buffer.from([0xff, 0xd8]), ...pieces, startOfFrame(width, height)]);
        return data.subarray(0, data.length - cut);
      });
    fc.assert(
      fc.property(header, (data) => {
        // The generated frames are at most 3 x 3 pixels, well within the photo bounds.
        expect(checkPhoto(data, 'image/jpeg') === undefined).toBe(probePhoto(data) !== undefined);
      }),
      { numRuns: 500 },
    );
  });
});
