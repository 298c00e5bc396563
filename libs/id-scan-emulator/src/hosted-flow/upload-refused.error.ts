import { HttpException } from '@nestjs/common';
import type { TaskPageError } from './pages/pages.interface';

/**
 * An upload refused before its body is read: the task page comes back with `error` in the page's language (see
 * `UploadErrorFilter`), with `retryAfterSeconds` as `Retry-After` when waiting helps.
 */
export class UploadRefusedError extends HttpException {
  constructor(
    status: 409 | 413 | 503,
    readonly error: TaskPageError,
    readonly retryAfterSeconds?: number,
  ) {
    super(error, status);
  }

  /** Another upload for the same transaction is still being received or read. */
  static inProgress(): UploadRefusedError {
    return new UploadRefusedError(409, 'upload_in_progress');
  }

  /** The declared body is larger than a task form may be. */
  static tooLarge(): UploadRefusedError {
    return new UploadRefusedError(413, 'file_too_large');
  }

  /** As many uploads, or as many bytes, as the emulator buffers at once are already in flight. */
  static busy(): UploadRefusedError {
    return new UploadRefusedError(503, 'server_busy', 1);
  }
}
