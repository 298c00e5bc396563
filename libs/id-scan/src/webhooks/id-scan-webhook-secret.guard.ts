import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import type { IdScanHttpErrorBody } from '../controllers/id-scan-http-error.util';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Admits an event delivery only when the configured header carries one of the accepted secrets (ID Scan does not
 * sign deliveries: docs/id-scan-api.md §B5). Comparing SHA-256 digests with `timingSafeEqual` takes the same time
 * whatever the secrets' lengths and however much of one matches, and every accepted secret is compared. Without any
 * secret configured, every delivery is refused.
 */
@Injectable()
export class IdScanWebhookSecretGuard implements CanActivate {
  private readonly accepted: Buffer[];
  private readonly headerName: string;

  constructor(@Inject(ID_SCAN_OPTIONS) options: ResolvedIdScanOptions) {
    this.accepted = options.webhooks.secrets.map(digest);
    this.headerName = options.webhooks.headerName.toLowerCase();
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const given = request.headers[this.headerName];
    if (typeof given === 'string' && given !== '' && this.matches(digest(given))) return true;
    const body: IdScanHttpErrorBody = {
      statusCode: 401,
      code: 'unauthorized',
      message: 'The event delivery does not carry an accepted secret.',
    };
    throw new UnauthorizedException(body);
  }

  private matches(given: Buffer): boolean {
    let matched = false;
    for (const secret of this.accepted) matched = timingSafeEqual(given, secret) || matched;
    return matched;
  }
}
