import type { Readable } from 'node:stream';

/** A streamed download (document image, portrait or audit report). The body is never buffered in memory. */
export interface IdScanDownload {
  /** The response body; consume or destroy it, or the connection stays busy. */
  stream: Readable;
  contentType: string;
  contentLength?: number;
  filename?: string;
}
