import type { Response } from 'express';

/** Options of {@link sendPage}. */
export interface SendPageOptions {
  /** @default 200 */
  status?: number;
  /** The origin the page may frame (the hosted flow). No frames by default. */
  frameOrigin?: string;
}

/**
 * The headers every answer of the demo's own routes carries, pages and assets alike: no caching (pages show
 * personal data; assets are tiny and change with the version), a content security policy without inline scripts or
 * styles and no framing by other sites, `nosniff`, and no referrer to other sites.
 */
export function securityHeaders(frameOrigin?: string): Record<string, string> {
  const policy = [
    "default-src 'self'",
    "img-src 'self' data:",
    `frame-src ${frameOrigin ?? "'none'"}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    'cache-control': 'private, no-store',
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

/** Sends a rendered page with {@link securityHeaders}. */
export function sendPage(res: Response, page: string, options: SendPageOptions = {}): void {
  res
    .status(options.status ?? 200)
    .set({ 'content-type': 'text/html; charset=utf-8', ...securityHeaders(options.frameOrigin) })
    .send(page);
}

/** Sends a stylesheet, script or image with the same {@link securityHeaders} as the pages. */
export function sendAsset(res: Response, contentType: string, body: string): void {
  res
    .status(200)
    .set({ 'content-type': contentType, ...securityHeaders() })
    .send(body);
}
