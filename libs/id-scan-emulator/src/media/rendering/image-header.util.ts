/** What the header of an uploaded picture says, read without decoding it. */
export interface PhotoInfo {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  /** EXIF orientation 1..8 (1: as stored); phone cameras store portraits sideways and set this. */
  orientation: number;
}

/**
 * Whether the bytes start like a PNG or a JPEG (the signature only, nothing after it is read), so a caller can
 * tell a file of another kind from a JPEG or PNG whose header {@link probePhoto} cannot read.
 */
export function photoFormat(data: Buffer): PhotoInfo['format'] | undefined {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47 && data.readUInt32BE(4) === 0x0d0a1a0a) {
    return 'png';
  }
  // SOI followed by the start of the next marker.
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) {
    return 'jpeg';
  }
  return undefined;
}

/**
 * Reads the format, dimensions and EXIF orientation of a JPEG or PNG from its header; `undefined` for anything
 * else or a header that makes no sense. Cheap enough to check every upload before anything decodes it.
 */
export function probePhoto(data: Buffer): PhotoInfo | undefined {
  const format = photoFormat(data);
  if (format === 'png') {
    // IHDR must be the first chunk: length 13, then width and height as big-endian 32-bit integers.
    if (data.length < 24 || data.toString('latin1', 12, 16) !== 'IHDR') {
      return undefined;
    }
    return sane({
      format: 'png',
      width: data.readUInt32BE(16),
      height: data.readUInt32BE(20),
      orientation: 1,
    });
  }
  return format === 'jpeg' ? probeJpeg(data) : undefined;
}

function probeJpeg(data: Buffer): PhotoInfo | undefined {
  let offset = 2;
  let orientation = 1;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) {
      return undefined;
    }
    const marker = data[offset + 1];
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    if (marker === 0xe1) {
      orientation = exifOrientation(data.subarray(offset + 4, offset + 2 + length)) ?? orientation;
    }
    // Start-of-frame markers (baseline, progressive, ...) carry the dimensions; C4, C8 and CC are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > data.length) {
        return undefined;
      }
      return sane({
        format: 'jpeg',
        height: data.readUInt16BE(offset + 5),
        width: data.readUInt16BE(offset + 7),
        orientation,
      });
    }
    if (marker === 0xda || length < 2) {
      return undefined;
    }
    offset += 2 + length;
  }
  return undefined;
}

// The orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment, in either byte order.
function exifOrientation(segment: Buffer): number | undefined {
  if (segment.length < 14 || segment.toString('latin1', 0, 6) !== 'Exif\0\0') {
    return undefined;
  }
  const tiff = segment.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number): number => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number): number => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) {
    return undefined;
  }
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) {
      return undefined;
    }
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

function sane(info: PhotoInfo): PhotoInfo | undefined {
  return info.width > 0 && info.height > 0 ? info : undefined;
}
