import type { NextFunction, Request, Response } from 'express';

/**
 * Sets `X-Content-Type-Options: nosniff` on every answer of the emulator (API JSON, downloads, reports, hosted
 * pages, errors): a browser must never take an uploaded picture or a JSON body for HTML or script. Registered on
 * the HTTP server before any route, so it also covers answers that no controller writes (404s, parser errors).
 */
export function noSniffMiddleware(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}
