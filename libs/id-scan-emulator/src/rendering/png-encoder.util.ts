import { crc32, deflateSync } from 'node:zlib';
import type { Bitmap } from 'jimp';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes an opaque RGBA bitmap as an 8-bit RGB PNG, every row with the "Sub" filter, compressed by Node's zlib.
 * The renderers' images are flat colours and text, which Sub compresses about as well as adaptive filtering, at a
 * fraction of pngjs's time (its per-byte filter search dominates a render).
 */
export function encodePng(bitmap: Bitmap): Buffer {
  const { width, height, data } = bitmap;
  const stride = width * 3 + 1;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    let out = y * stride;
    let pixel = y * width * 4;
    rows[out++] = 1;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let x = 0; x < width; x++, pixel += 4) {
      const nr = data[pixel];
      const ng = data[pixel + 1];
      const nb = data[pixel + 2];
      rows[out++] = (nr - r) & 0xff;
      rows[out++] = (ng - g) & 0xff;
      rows[out++] = (nb - b) & 0xff;
      r = nr;
      g = ng;
      b = nb;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
