import type { Request } from 'express';

/**
 * The origin the person's browser uses for this application: `PUBLIC_URL` when set (behind a proxy, or on a public
 * https address), else the request's own scheme and host.
 */
export function requestOrigin(req: Request, publicUrl?: string): string {
  if (publicUrl) return new URL(publicUrl).origin;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
