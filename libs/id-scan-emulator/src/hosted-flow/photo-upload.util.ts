/** Why an uploaded picture is refused (the task page's error codes). */
export type PhotoProblem = 'unsupported_file' | 'unreadable_image';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Checks an upload without decoding it: JPEG or PNG by its bytes (the declared media type must agree), and a
 * header that states a non-empty size. Returns the problem, or `undefined` for a usable picture.
 */
export function checkPhoto(data: Buffer, declaredType: string): PhotoProblem | undefined {
  if (isPng(data)) {
    if (declaredType !== 'image/png') return 'unsupported_file';
    return pngHasSize(data) ? undefined : 'unreadable_image';
  }
  if (isJpeg(data)) {
    if (declaredType !== 'image/jpeg') return 'unsupported_file';
    return jpegHasSize(data) ? undefined : 'unreadable_image';
  }
  return 'unsupported_file';
}

function isPng(data: Buffer): boolean {
  return data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE);
}

function isJpeg(data: Buffer): boolean {
  return data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}

// IHDR must be the first chunk: length 13, then width and height as big-endian 32-bit integers.
function pngHasSize(data: Buffer): boolean {
  if (data.length < 24 || data.toString('latin1', 12, 16) !== 'IHDR') return false;
  return data.readUInt32BE(16) > 0 && data.readUInt32BE(20) > 0;
}

// Walks the marker segments up to a start-of-frame (SOF0..SOF15 except DHT, JPG and DAC), which holds the size.
function jpegHasSize(data: Buffer): boolean {
  let offset = 2;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) return false;
    const marker = data[offset + 1];
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > data.length) return false;
      return data.readUInt16BE(offset + 5) > 0 && data.readUInt16BE(offset + 7) > 0;
    }
    if (marker === 0xd9 || marker === 0xda || length < 2) return false;
    offset += 2 + length;
  }
  return false;
}
