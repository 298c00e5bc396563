import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import { DemoRefusalException } from './demo-refusal.exception';

/** Methods that change something: only the demo's own pages may send them. */
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a form another site makes the browser post (cross-site request forgery), before the session middleware
 * runs, so a refused post neither starts a (billed) transaction nor replaces the visitor's session cookie. Browsers
 * say where a request comes from in `Sec-Fetch-Site`; only `same-origin` (and `none`, typed by the person) pass:
 * another port of the same host is `same-site`, and refused too. Browsers without it send `Origin`, which must
 * then be the demo's own (its local address, `PUBLIC_URL`, or the `Host` the browser asked for). A request with
 * neither header comes from no browser (curl, a test), where forgery is not a thing.
 */
@Injectable()
export class SameOriginMiddleware implements NestMiddleware {
  constructor(@Inject(DEMO_SETTINGS) private readonly settings: DemoSettings) {}

  use(req: Request, _res: Response, next: NextFunction): void {
    if (UNSAFE_METHODS.has(req.method) && !this.fromOwnPage(req)) throw new DemoRefusalException('crossSite');
    next();
  }

  private fromOwnPage(req: Request): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin' || site === 'none';
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const own = [this.settings.localOrigin, this.settings.publicUrl].filter(Boolean).map((url) => originOf(url!));
    return own.includes(origin) || (req.headers.host !== undefined && hostOf(origin) === req.headers.host);
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

// `Origin: null` (a sandboxed frame, a data: URL) names no host, and never matches.
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
}
