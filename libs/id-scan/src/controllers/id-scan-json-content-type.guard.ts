import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IdScanHttpErrorBody } from './id-scan-http-error.util';
import { declaresOtherCharsetThanUtf8, UNSUPPORTED_CHARSET } from './undecodable-body.util';

/**
 * Lets a request through only when its body is declared `application/json` (a `charset` parameter allowed when it is
 * UTF-8), and answers 415 `unsupported_media_type` (or `unsupported_charset`) otherwise. A cross-site HTML form can only send url-encoded, multipart or
 * plain-text bodies without a CORS preflight, so a JSON-only route cannot be posted to by another site's form.
 */
@Injectable()
export class IdScanJsonContentTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const header = request.headers['content-type'];
    const contentType = Array.isArray(header) ? header[0] : header;
    const mediaType = contentType?.split(';')[0].trim().toLowerCase();
    if (mediaType === 'application/json' && declaresOtherCharsetThanUtf8(contentType)) {
      throw new HttpException({ ...UNSUPPORTED_CHARSET }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    if (mediaType === 'application/json') return true;
    const body: IdScanHttpErrorBody = {
      statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      code: 'unsupported_media_type',
      message: 'This route accepts a JSON body only: send it with Content-Type application/json.',
    };
    throw new HttpException(body, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }
}
