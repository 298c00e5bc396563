import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { EmulatorLoggerService } from '../options/emulator-logger.service';
import { Jimp, type JimpInstance } from 'jimp';
import { probePhoto } from './rendering/image-header.util';
import { rememberPhoto } from './rendering/photo.util';
import { MAX_PHOTO_PIXELS, PHOTO_WORKING_SIZE, withinPhotoBounds } from './rendering/photo-bounds.util';
import { PHOTO_DOWNSCALE_WORKER_SOURCE } from './photo-downscale.worker';

const LOG_CONTEXT = 'IdScanEmulatorPhotos';

/** JPEG quality of the working copy: renders draw it smaller still, so artefacts never show. */
const WORKING_QUALITY = 90;

/** What the worker answers to one job (see `PHOTO_DOWNSCALE_WORKER_SOURCE`). */
interface WorkerAnswer {
  id: number;
  data?: Uint8Array;
  pixels?: Uint8Array;
  width?: number;
  height?: number;
  error?: string;
}

interface PendingJob {
  resolve: (data: Buffer | undefined) => void;
}

/**
 * Shrinks each accepted upload once, at upload time, to a JPEG that fits the working box, in a worker thread: a
 * 25-megapixel decode takes seconds of CPU and hundreds of megabytes, which on the event loop would stall every
 * other request of the emulator (and of a host that embeds it). Renders then only ever decode the small copy.
 * One worker per emulator, started on the first upload and ended with the application.
 */
@Injectable()
export class PhotoDownscalerService implements OnApplicationShutdown {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, PendingJob>();
  private nextId = 1;

  constructor(private readonly logger: EmulatorLoggerService) {}

  /**
   * The working copy of an upload, or `undefined` when it is not a JPEG/PNG within the photo bounds or does not
   * decode (then the generated picture stands in for it, as for no upload).
   */
  downscale(data: Buffer): Promise<Buffer | undefined> {
    const info = probePhoto(data);
    if (!info || !withinPhotoBounds(info)) return Promise.resolve(undefined);
    const id = this.nextId++;
    const worker = this.ensureWorker();
    // A copy of its own, handed over rather than cloned: multer's buffer stays with the request.
    const copy = new Uint8Array(data);
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      worker.postMessage(
        {
          id,
          data: copy,
          mime: info.format === 'png' ? 'image/png' : 'image/jpeg',
          orientation: info.orientation,
          box: PHOTO_WORKING_SIZE,
          maxPixels: MAX_PHOTO_PIXELS,
          quality: WORKING_QUALITY,
        },
        [copy.buffer],
      );
      // Only waiting jobs keep the process alive; an idle worker never does.
      worker.ref();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.settleAll();
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(PHOTO_DOWNSCALE_WORKER_SOURCE, {
      eval: true,
      workerData: { jimpPath: require.resolve('jimp') },
    });
    worker.on('message', (message: WorkerAnswer) => {
      const job = this.pending.get(message.id);
      if (!job) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      // The reason stays generic: an upload's content is the person's, and never goes to the log.
      if (message.error !== undefined)
        this.logger.warn('An uploaded photo could not be decoded; it is ignored', LOG_CONTEXT);
      job.resolve(message.data ? workingCopy(message.data, message.pixels, message.width, message.height) : undefined);
    });
    // A crashed worker (out of memory) fails only the uploads in flight; the next upload starts a fresh one.
    worker.on('error', (error) =>
      this.logger.error(`The photo worker failed: ${error.message}`, error.stack, LOG_CONTEXT),
    );
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.settleAll();
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settleAll(): void {
    for (const job of this.pending.values()) job.resolve(undefined);
    this.pending.clear();
  }
}

// The JPEG is what the transaction keeps; its pixels, already decoded by the worker, are remembered for the renders,
// which would otherwise decode it again on the event loop.
function workingCopy(data: Uint8Array, pixels?: Uint8Array, width?: number, height?: number): Buffer {
  const jpeg = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (pixels && width && height) {
    const bitmap = { data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height };
    rememberPhoto(jpeg, Jimp.fromBitmap(bitmap) as JimpInstance);
  }
  return jpeg;
}
