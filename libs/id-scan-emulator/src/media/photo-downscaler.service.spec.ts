import { Jimp } from 'jimp';
import { PNG } from 'pngjs';
import { EmulatorLoggerService } from '../options/emulator-logger.service';
import { randomBytes } from 'node:crypto';
import { decodeImage } from './rendering/image-codec.util';
import { probePhoto } from './rendering/image-header.util';
import { loadPhoto } from './rendering/photo.util';
import { PhotoDownscalerService } from './photo-downscaler.service';

/** A JPEG with an APP1 Exif segment whose IFD0 holds only the orientation tag. */
function withOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, Buffer.alloc(4)]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
}

/** A flat-coloured RGB PNG, written without row filters: quick to make at any size, even inside Jest's VM. */
function flatPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2 });
  png.data = Buffer.alloc(width * height * 3, 0x66);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, filterType: 0 });
}

describe('PhotoDownscalerService', () => {
  const service = new PhotoDownscalerService(EmulatorLoggerService.create(false));
  afterAll(() => service.onApplicationShutdown());

  it('shrinks a large picture once to a JPEG that fits the 1200 px working box', async () => {
    const small = await service.downscale(flatPng(2400, 1600));
    expect(small && probePhoto(small)).toEqual({ format: 'jpeg', width: 1200, height: 800, orientation: 1 });
  });

  it('hands the renders the pixels the worker decoded, so they never decode an upload on the event loop', async () => {
    const noisy = new PNG({ width: 300, height: 200, colorType: 2, inputColorType: 2 });
    noisy.data = randomBytes(300 * 200 * 3);
    const copy = await service.downscale(PNG.sync.write(noisy, { colorType: 2, inputColorType: 2, filterType: 0 }));
    const photo = await loadPhoto(copy);
    const decoded = await decodeImage(copy as Buffer, 1_000_000);
    expect([photo?.width, photo?.height]).toEqual([decoded?.width, decoded?.height]);
    // JPEG is lossy: pixels that differ from a decode of the stored copy are the worker's, used as they are.
    expect(photo?.bitmap.data.equals(decoded?.bitmap.data as Buffer)).toBe(false);
  });

  it('applies the EXIF orientation, so the copy is upright with no orientation left to apply', async () => {
    const jpeg = await new Jimp({ width: 300, height: 100, color: 0x336699ff }).getBuffer('image/jpeg');
    const small = await service.downscale(withOrientation(jpeg, 6));
    expect(small && probePhoto(small)).toEqual({ format: 'jpeg', width: 100, height: 300, orientation: 1 });
  });

  it('re-encodes a PNG as a JPEG and leaves small pictures at their size', async () => {
    const png = await new Jimp({ width: 64, height: 48, color: 0x8844ccff }).getBuffer('image/png');
    const copy = await service.downscale(png);
    expect(copy && probePhoto(copy)).toEqual({ format: 'jpeg', width: 64, height: 48, orientation: 1 });
  });

  it('gives nothing for a picture over the bounds, a corrupt one, or bytes of another kind', async () => {
    const header = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(6900, 16);
    header.writeUInt32BE(6900, 20);
    await expect(service.downscale(header)).resolves.toBeUndefined();
    header.writeUInt32BE(100, 16);
    header.writeUInt32BE(100, 20);
    await expect(service.downscale(header)).resolves.toBeUndefined();
    await expect(service.downscale(Buffer.from('not a picture'))).resolves.toBeUndefined();
  });
});
