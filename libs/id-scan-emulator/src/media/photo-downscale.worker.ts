/**
 * The source of the worker thread that decodes and shrinks uploaded photos (see `PhotoDownscalerService`). It is
 * plain CommonJS run with `eval`, so it needs no build step of its own and runs the same from the TypeScript sources
 * and from the published package; `jimp` is loaded from the absolute path the parent resolved, so the worker finds
 * the same copy wherever the emulator is installed.
 *
 * Messages in: `{ id, data, mime, orientation, box, maxPixels, quality }`; out: `{ id, data, pixels, width,
 * height }` (a JPEG that fits `box` x `box`, EXIF orientation applied, and its RGBA pixels, so the parent need not
 * decode it) or `{ id, error }`.
 */
export const PHOTO_DOWNSCALE_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { Jimp } = require(workerData.jimpPath);
const codecs = new Jimp({ width: 1, height: 1 }).formats;
const codec = (mime) => codecs.find((candidate) => candidate.mime === mime);
// The same EXIF mapping as image-codec.util's orient(): mirror, then a clockwise turn (jimp turns counter-clockwise).
const MIRRORED = new Set([2, 4, 5, 7]);
const CLOCKWISE = { 3: 180, 4: 180, 5: 270, 6: 90, 7: 90, 8: 270 };

parentPort.on('message', async (job) => {
  try {
    const input = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
    const bitmap = await codec(job.mime).decode(input, {
      maxResolutionInMP: Math.ceil(job.maxPixels / 1000000),
      maxMemoryUsageInMB: 512,
    });
    const image = Jimp.fromBitmap(bitmap);
    if (MIRRORED.has(job.orientation)) image.flip({ horizontal: true, vertical: false });
    const degrees = CLOCKWISE[job.orientation];
    if (degrees) image.rotate({ deg: -degrees, mode: true });
    if (image.width > job.box || image.height > job.box) image.scaleToFit({ w: job.box, h: job.box });
    const output = Buffer.from(await codec('image/jpeg').encode(image.bitmap, { quality: job.quality }));
    const copy = new Uint8Array(output);
    const pixels = new Uint8Array(image.bitmap.data);
    const { width, height } = image.bitmap;
    parentPort.postMessage({ id: job.id, data: copy, pixels, width, height }, [copy.buffer, pixels.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;
