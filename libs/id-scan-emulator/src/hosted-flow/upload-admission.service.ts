import { Inject, Injectable } from '@nestjs/common';
import { EMULATOR_OPTIONS } from '../emulator.constants';
import type { ResolvedEmulatorOptions } from '../options/resolved-emulator-options.interface';
import { UploadRefusedError } from './upload-refused.error';

/** Uploads read at once, over every transaction and tenant; the next one waits for a 503's `Retry-After`. */
export const MAX_CONCURRENT_UPLOADS = 8;

/** Bytes the task-form uploads may hold in memory together (raised to one full form when `maxUploadBytes` is larger). */
export const MAX_BUFFERED_UPLOAD_BYTES = 48 * 1024 * 1024;

/** Room for the form's text fields (at most {@link FORM_FIELD_BYTES} each) and the multipart framing. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Longest text field of a task form (the scenario id is a few dozen bytes). */
export const FORM_FIELD_BYTES = 1024;

/** An admitted upload; {@link release} gives its lock and its share of the budget back (once). */
export interface UploadTicket {
  release(): void;
}

/**
 * Decides, before a byte of a task form is read, whether the emulator reads it: one upload at a time per
 * transaction (a second tab or a double submit gets 409 at once rather than a second decode), a body no larger
 * than two pictures of `maxUploadBytes` and the form around them (413), and at most
 * {@link MAX_CONCURRENT_UPLOADS} uploads and {@link MAX_BUFFERED_UPLOAD_BYTES} in memory over all transactions
 * (503 with `Retry-After`). A body without `Content-Length` (chunked) is counted at the largest size it may reach,
 * since multer stops it there.
 */
@Injectable()
export class UploadAdmissionService {
  private readonly busyTransactions = new Set<string>();
  private uploads = 0;
  private bufferedBytes = 0;
  /** The largest task form accepted: two pictures and the fields. */
  readonly maxFormBytes: number;
  private readonly budgetBytes: number;

  constructor(@Inject(EMULATOR_OPTIONS) options: ResolvedEmulatorOptions) {
    this.maxFormBytes = 2 * options.maxUploadBytes + FORM_OVERHEAD_BYTES;
    this.budgetBytes = Math.max(MAX_BUFFERED_UPLOAD_BYTES, this.maxFormBytes);
  }

  /**
   * Admits an upload to `transactionId` whose body declares `contentLength` bytes (`undefined` when chunked).
   * @throws UploadRefusedError 413 over {@link maxFormBytes}, 409 while the transaction has an upload in flight,
   *   503 when the emulator's upload budget is spent.
   */
  admit(transactionId: string, contentLength: number | undefined): UploadTicket {
    if (contentLength !== undefined && contentLength > this.maxFormBytes) throw UploadRefusedError.tooLarge();
    if (this.busyTransactions.has(transactionId)) throw UploadRefusedError.inProgress();
    const bytes = contentLength ?? this.maxFormBytes;
    if (this.uploads >= MAX_CONCURRENT_UPLOADS || this.bufferedBytes + bytes > this.budgetBytes) {
      throw UploadRefusedError.busy();
    }
    this.busyTransactions.add(transactionId);
    this.uploads += 1;
    this.bufferedBytes += bytes;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.busyTransactions.delete(transactionId);
        this.uploads -= 1;
        this.bufferedBytes -= bytes;
      },
    };
  }

  /** Bytes reserved by uploads in flight (for tests and the bench). */
  get reservedBytes(): number {
    return this.bufferedBytes;
  }
}
