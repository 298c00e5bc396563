import { HttpException } from '@nestjs/common';

/** Why the demo refuses to start a verification (each has a page in every language, see `errors` in the texts). */
export type DemoRefusal = 'crossSite' | 'sessionLimit' | 'addressLimit';

const STATUS: Record<DemoRefusal, number> = { crossSite: 403, sessionLimit: 429, addressLimit: 429 };

/**
 * A request the demo turns down on purpose: a form posted from another site (403), or more verifications than a
 * session or an address may start (429, with `Retry-After`). The error page names the reason in the visitor's
 * language.
 */
export class DemoRefusalException extends HttpException {
  constructor(
    readonly refusal: DemoRefusal,
    readonly retryAfterSeconds?: number,
  ) {
    super(refusal, STATUS[refusal]);
  }
}
