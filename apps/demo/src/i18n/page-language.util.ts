import type { Request, Response } from 'express';
import { readCookie } from '../sessions/demo-session.util';
import { LANGUAGE_COOKIE, isDemoLanguage, pickDemoLanguage, type DemoLanguage } from './demo-language.util';

/**
 * The operator's language, for every page of the demo: `?lang=` when the visitor just chose one (remembered in a
 * cookie), else the remembered choice, else `Accept-Language`. A verification's flow language (its `locale`) is
 * a separate choice and never changes it.
 */
export function pageLanguageOf(req: Request, res: Response): DemoLanguage {
  const asked = req.query?.lang;
  if (isDemoLanguage(asked)) {
    rememberLanguage(res, asked);
    return asked;
  }
  return pickDemoLanguage(readCookie(req.headers.cookie, LANGUAGE_COOKIE), req.headers['accept-language']);
}

/** Remembers the operator's language for every page of the demo. */
function rememberLanguage(res: Response, lang: DemoLanguage): void {
  res.append('set-cookie', `${LANGUAGE_COOKIE}=${lang}; Path=/; HttpOnly; SameSite=Lax`);
}
