import { PassThrough, type Readable } from 'node:stream';
import type { IdScanError } from '../errors/id-scan.error';

/**
 * Hands a response body to the caller through a fresh stream that
 * - reports failures as `IdScanError`s: the HTTP client's own errors carry the request, Authorization header included;
 * - fails with `onStall()` when the server sends nothing for `idleMs` while the caller is waiting for data (time the
 *   caller spends not reading, which pauses the body, does not count);
 * - releases the connection when the caller destroys it early.
 * Backpressure is kept: the body is never buffered beyond the streams' high-water marks.
 */
export function guardStream(
  source: Readable,
  idleMs: number,
  onError: (error: unknown) => IdScanError,
  onStall: () => IdScanError,
): Readable {
  const out = new PassThrough();
  let timer: NodeJS.Timeout | undefined;
  const disarm = (): void => clearTimeout(timer);
  const arm = (): void => {
    disarm();
    timer = setTimeout(() => source.destroy(onStall()), idleMs);
  };

  source.on('data', arm);
  source.on('resume', arm);
  source.on('pause', disarm);
  source.once('end', disarm);
  source.once('close', disarm);
  source.once('error', (error) => {
    disarm();
    out.destroy(onError(error));
  });
  out.once('close', () => {
    disarm();
    if (!source.destroyed) source.destroy();
  });
  source.pipe(out);
  return out;
}
