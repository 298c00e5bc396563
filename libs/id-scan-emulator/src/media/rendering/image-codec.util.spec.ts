import { Jimp } from 'jimp';
import { decodeImage, encodeImage, imageMediaType } from './image-codec.util';
import { probePhoto } from './image-header.util';

// An APP1 segment holding only an EXIF orientation tag, big-endian ("MM").
function exifSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

async function landscapeJpeg(): Promise<Buffer> {
  // 40 x 20, left half red, right half blue.
  const image = new Jimp({ width: 40, height: 20, color: 0x0000ffff });
  for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) image.setPixelColor(0xff0000ff, x, y);
  return image.getBuffer('image/jpeg');
}

describe('probePhoto', () => {
  it('reads the size of a PNG and of a JPEG from their headers', async () => {
    const png = await encodeImage(new Jimp({ width: 7, height: 5, color: 0xffffffff }), 'png');
    expect(probePhoto(png)).toEqual({
      format: 'png',
      width: 7,
      height: 5,
      orientation: 1,
    });
    expect(probePhoto(await landscapeJpeg())).toEqual({
      format: 'jpeg',
      width: 40,
      height: 20,
      orientation: 1,
    });
  });

  it('reads the EXIF orientation of a JPEG', async () => {
    const jpeg = await landscapeJpeg();
    const rotated = Buffer.concat([jpeg.subarray(0, 2), exifSegment(6), jpeg.subarray(2)]);
    expect(probePhoto(rotated)?.orientation).toBe(6);
  });

  it.each([
    ['text', Buffer.from('hello, world')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['a truncated PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['a JPEG without a frame', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_, data) => {
    expect(probePhoto(data)).toBeUndefined();
  });
});

describe('decodeImage', () => {
  it('turns a photo taken sideways upright', async () => {
    const jpeg = await landscapeJpeg();
    const rotated = Buffer.concat([jpeg.subarray(0, 2), exifSegment(6), jpeg.subarray(2)]);
    const image = await decodeImage(rotated, 1_000_000);
    expect([image?.width, image?.height]).toEqual([20, 40]);
    // Orientation 6 means "rotate 90 degrees clockwise to display": the left (red) half ends on top.
    const top = image?.getPixelColor(10, 5) ?? 0;
    expect(top >>> 24).toBeGreaterThan(200);
  });

  it('refuses an image over the pixel limit without decoding it', async () => {
    const png = await encodeImage(new Jimp({ width: 100, height: 100, color: 0xffffffff }), 'png');
    await expect(decodeImage(png, 9_999)).resolves.toBeUndefined();
    await expect(decodeImage(png, 10_000)).resolves.toBeDefined();
  });

  it('returns undefined for corrupt data behind a valid header', async () => {
    const png = await encodeImage(new Jimp({ width: 10, height: 10, color: 0xffffffff }), 'png');
    await expect(decodeImage(png.subarray(0, 40), 1_000_000)).resolves.toBeUndefined();
  });
});

describe('encodeImage', () => {
  it('writes PNGs that jimp reads back pixel for pixel', async () => {
    const image = new Jimp({ width: 3, height: 2, color: 0x102030ff });
    image.setPixelColor(0xfa0b7cff, 1, 1);
    const decoded = await decodeImage(await encodeImage(image, 'png'), 100);
    expect(decoded?.bitmap.data).toEqual(image.bitmap.data);
  });

  it('writes opaque PNGs as 8-bit RGB, without an alpha channel', async () => {
    const png = await encodeImage(new Jimp({ width: 4, height: 3, color: 0x102030ff }), 'png');
    // IHDR data starts at byte 16: width, height, bit depth, colour type (2: RGB).
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([4, 3, 8, 2]);
  });

  it('names the media types', () => {
    expect(imageMediaType()).toBe('image/jpeg');
    expect(imageMediaType('png')).toBe('image/png');
  });
});
