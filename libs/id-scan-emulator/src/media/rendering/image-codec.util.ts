import { constants as zlib } from 'node:zlib';
import { Jimp } from 'jimp';
import type { Bitmap, JimpInstance } from 'jimp';
import { PNG } from 'pngjs';
import { probePhoto } from './image-header.util';
import type { RenderedImageFormat } from './rendering.interface';

/** JPEG quality of every rendered image: sharp text at half the PNG size. */
const JPEG_QUALITY = 85;

// jimp's own JPEG and PNG codecs, called directly: the renderers know the format already, so there is no need for
// jimp's content sniffing (a dynamic `import()` that only works in native ES module hosts), and the images are
// opaque, so there is no need for the full-image composite jimp runs before every JPEG encode.
interface Codec {
  mime: string;
  encode(bitmap: Bitmap, options?: Record<string, unknown>): Promise<Buffer> | Buffer;
  decode(data: Buffer, options?: Record<string, unknown>): Promise<Bitmap> | Bitmap;
}

let codecs: Codec[] | undefined;

function codec(mime: 'image/jpeg' | 'image/png'): Codec {
  codecs ??= new Jimp({ width: 1, height: 1 }).formats as unknown as Codec[];
  const found = codecs.find((candidate) => candidate.mime === mime);
  if (!found) {
    throw new Error(`jimp has no ${mime} codec`);
  }
  return found;
}

/**
 * Encodes an opaque bitmap as an 8-bit RGB PNG. Every row gets the "Sub" filter: the renderers' flat colours and
 * text compress about as well as with pngjs's adaptive filter search, at a fraction of its time. zlib's default
 * strategy at level 6 rather than pngjs's run-length default: files 30% smaller for a few more milliseconds.
 */
function encodePng({ width, height, data }: Bitmap): Buffer {
  // The alpha channel is dropped here rather than by pngjs, which blends every pixel over a background through
  // `Math` calls: global lookups that cost a microsecond each inside Jest's VM contexts, 50 times the encoding.
  const pixels = width * height;
  const rgb = Buffer.allocUnsafe(pixels * 3);
  for (let i = 0, o = 0; i < pixels * 4; i += 4, o += 3) {
    rgb[o] = data[i];
    rgb[o + 1] = data[i + 1];
    rgb[o + 2] = data[i + 2];
  }
  const png = new PNG();
  png.width = width;
  png.height = height;
  png.data = rgb;
  return PNG.sync.write(png, {
    colorType: 2,
    inputColorType: 2,
    filterType: 1,
    deflateLevel: 6,
    deflateStrategy: zlib.Z_DEFAULT_STRATEGY,
  });
}

/** The media type of a rendered image format. */
export function imageMediaType(format: RenderedImageFormat = 'jpeg'): 'image/jpeg' | 'image/png' {
  return format === 'png' ? 'image/png' : 'image/jpeg';
}

/** Encodes the opaque `image` as JPEG (default) or PNG (RGB, no alpha channel). */
export async function encodeImage(image: JimpInstance, format: RenderedImageFormat = 'jpeg'): Promise<Buffer> {
  if (format === 'png') {
    return encodePng(image.bitmap);
  }
  return codec('image/jpeg').encode(image.bitmap, { quality: JPEG_QUALITY });
}

/**
 * Decodes a JPEG or PNG of at most `maxPixels` pixels, applying its EXIF orientation; `undefined` when the data
 * is anything else, too large, or corrupt.
 */
export async function decodeImage(data: Buffer, maxPixels: number): Promise<JimpInstance | undefined> {
  const info = probePhoto(data);
  if (!info || info.width * info.height > maxPixels) {
    return undefined;
  }
  try {
    const bitmap = await codec(info.format === 'png' ? 'image/png' : 'image/jpeg').decode(data, {
      maxResolutionInMP: Math.ceil(maxPixels / 1_000_000),
      maxMemoryUsageInMB: 1024,
    });
    const image = Jimp.fromBitmap(bitmap) as JimpInstance;
    orient(image, info.orientation);
    return image;
  } catch {
    return undefined;
  }
}

// EXIF orientations 2..8 as a mirror and a clockwise rotation (jimp rotates counter-clockwise for positive degrees).
function orient(image: JimpInstance, orientation: number): void {
  const mirror = orientation === 2 || orientation === 4 || orientation === 5 || orientation === 7;
  const clockwise: Record<number, number> = {
    3: 180,
    4: 180,
    5: 270,
    6: 90,
    7: 90,
    8: 270,
  };
  if (mirror) {
    image.flip({ horizontal: true, vertical: false });
  }
  const degrees = clockwise[orientation];
  if (degrees) {
    image.rotate({ deg: -degrees, mode: true });
  }
}
