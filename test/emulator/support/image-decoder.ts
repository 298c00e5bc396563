import { Jimp, type Bitmap } from 'jimp';

interface Codec {
  mime: string;
  decode(data: Buffer): Promise<Bitmap> | Bitmap;
}

/**
 * Decodes a JPEG or PNG with jimp's own codec for that media type. (`Jimp.read` sniffs the type with a dynamic
 * `import()`, which Jest's CommonJS sandbox does not support.) Throws when the bytes are not an image of that type.
 */
export async function decodeImage(
  data: Buffer,
  mime: string,
): Promise<{ mime: string; width: number; height: number }> {
  const codecs = new Jimp({ width: 1, height: 1 }).formats as unknown as Codec[];
  const codec = codecs.find((candidate) => candidate.mime === mime);
  if (!codec) throw new Error(`No codec for ${mime}`);
  const bitmap = await codec.decode(data);
  return { mime, width: bitmap.width, height: bitmap.height };
}
