import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import {
  newSessionId,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  signSession,
  verifySession,
} from './demo-session.util';

/** Where the middleware leaves the session id for the controllers (see {@link sessionOf}). */
const SESSION_LOCAL = 'demoSession';

/**
 * Gives every browser a signed session cookie, so that a verification belongs to the browser that started it:
 * other visitors' lists, outcome pages, files, reports and flow pages answer 404. A missing, forged or stale cookie
 * (the key changes at every start) gets a new session.
 */
@Injectable()
export class DemoSessionMiddleware implements NestMiddleware {
  constructor(@Inject(DEMO_SETTINGS) private readonly settings: DemoSettings) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const key = this.settings.sessionKey;
    let sessionId = verifySession(readCookie(req.headers.cookie, SESSION_COOKIE), key);
    if (!sessionId) {
      sessionId = newSessionId();
      const secure = this.settings.publicUrl?.startsWith('https:') ?? false;
      res.append('set-cookie', sessionCookie(signSession(sessionId, key), secure));
    }
    (res.locals as Record<string, unknown>)[SESSION_LOCAL] = sessionId;
    next();
  }
}

/** The session id {@link DemoSessionMiddleware} gave this request. */
export function sessionOf(res: Response): string {
  const sessionId = (res.locals as Record<string, unknown>)[SESSION_LOCAL];
  if (typeof sessionId !== 'string') throw new Error('DemoSessionMiddleware did not run for this route');
  return sessionId;
}
