import { Jimp } from 'jimp';
import type { JimpInstance } from 'jimp';

/** What the header of an uploaded picture says, read without decoding it. */
export interface PhotoInfo {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

/**
 * Largest picture, in pixels, the renderers decode (a 48-megapixel phone photo); larger ones are ignored, so a
 * small file that declares huge dimensions cannot exhaust memory.
 * @default 48_000_000
 */
export const MAX_PHOTO_PIXELS = 48_000_000;

// Decoded uploads are scaled down to this box once; every render then works on the small copy.
const WORKING_SIZE = 1200;

/**
 * Reads the format and dimensions of a JPEG or PNG from its header; `undefined` for anything else or a header
 * that makes no sense. Use it to answer an upload with `unsupported_file` before rendering.
 */
export function probePhoto(data: Buffer): PhotoInfo | undefined {
  if (
    data.length >= 24 &&
    data.readUInt32BE(0) === 0x89504e47 &&
    data.readUInt32BE(4) === 0x0d0a1a0a
  ) {
    if (data.toString('latin1', 12, 16) !== 'IHDR') {
      return undefined;
    }
    return sane({
      format: 'png',
      width: data.readUInt32BE(16),
      height: data.readUInt32BE(20),
    });
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    return probeJpeg(data);
  }
  return undefined;
}

function probeJpeg(data: Buffer): PhotoInfo | undefined {
  let offset = 2;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) {
      return undefined;
    }
    const marker = data[offset + 1];
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (
      marker === 0xd8 ||
      marker === 0x01 ||
      (marker >= 0xd0 && marker <= 0xd7)
    ) {
      offset += 2;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    // Start-of-frame markers (baseline, progressive, ...) carry the dimensions; C4, C8 and CC are not frames.
    if (
      marker >= 0xc0 &&
      marker <= 0xcf &&
      marker !== 0xc4 &&
      marker !== 0xc8 &&
      marker !== 0xcc
    ) {
      if (offset + 9 > data.length) {
        return undefined;
      }
      return sane({
        format: 'jpeg',
        height: data.readUInt16BE(offset + 5),
        width: data.readUInt16BE(offset + 7),
      });
    }
    if (marker === 0xda || length < 2) {
      return undefined;
    }
    offset += 2 + length;
  }
  return undefined;
}

function sane(info: PhotoInfo): PhotoInfo | undefined {
  return info.width > 0 && info.height > 0 ? info : undefined;
}

// One decode per uploaded buffer, however many images are rendered from it; the entry goes when the buffer does.
const decoded = new WeakMap<Buffer, Promise<JimpInstance | undefined>>();

/**
 * The uploaded picture decoded (EXIF orientation applied) and scaled to fit a working box, or `undefined` when it
 * is not a readable JPEG/PNG within {@link MAX_PHOTO_PIXELS}. Callers get their own copy to draw on.
 */
export async function loadPhoto(
  data: Buffer | undefined,
): Promise<JimpInstance | undefined> {
  if (!data) {
    return undefined;
  }
  let pending = decoded.get(data);
  if (!pending) {
    pending = decode(data);
    decoded.set(data, pending);
  }
  const photo = await pending;
  return photo?.clone();
}

async function decode(data: Buffer): Promise<JimpInstance | undefined> {
  const info = probePhoto(data);
  if (!info || info.width * info.height > MAX_PHOTO_PIXELS) {
    return undefined;
  }
  try {
    const image = (await Jimp.fromBuffer(data, {
      'image/jpeg': {
        maxResolutionInMP: MAX_PHOTO_PIXELS / 1_000_000,
        maxMemoryUsageInMB: 512,
      },
    })) as JimpInstance;
    if (image.width > WORKING_SIZE || image.height > WORKING_SIZE) {
      image.scaleToFit({ w: WORKING_SIZE, h: WORKING_SIZE });
    }
    return image;
  } catch {
    // A corrupt upload is the person's mistake, not a server error: the generated picture stands in for it.
    return undefined;
  }
}
