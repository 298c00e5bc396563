import type { Response } from 'express';

/** Options of {@link sendPage}. */
export interface SendPageOptions {
  /** @default 200 */
  status?: number;
  /** The origin the page may frame (the hosted flow). No frames by default. */
  frameOrigin?: string;
}

/**
 * Sends a rendered page with the headers every page of the demo carries: no caching (pages show personal data), a
 * content security policy without inline scripts or styles, and no framing by other sites.
 */
export function sendPage(res: Response, page: string, options: SendPageOptions = {}): void {
  const policy = [
    "default-src 'self'",
    "img-src 'self' data:",
    `frame-src ${options.frameOrigin ?? "'none'"}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  res
    .status(options.status ?? 200)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-store',
      'content-security-policy': policy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    })
    .send(page);
}
