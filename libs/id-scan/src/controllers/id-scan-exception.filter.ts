import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toIdScanHttpError } from './id-scan-http-error.util';

/**
 * Scoped to the package's controllers: turns `IdScanError`s (services never throw `HttpException`) and the routes'
 * own 4xx into one JSON error shape, and everything unexpected into a 500 whose details stay in the log.
 */
@Catch()
export class IdScanExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('IdScanRoutes');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { body, retryAfterSeconds, serverSide } = toIdScanHttpError(exception);
    const http = host.switchToHttp();
    const request = http.getRequest<{ method?: string; route?: { path?: unknown } }>();
    // The route's pattern, never the requested path: a caller can put anything (personal data) into `:transactionId`.
    const pattern = typeof request.route?.path === 'string' ? request.route.path : '(unmatched route)';
    const route = `${request.method ?? ''} ${pattern}`;
    if (serverSide) {
      const stack = body.statusCode === 500 && exception instanceof Error ? exception.stack : undefined;
      const reason = exception instanceof Error ? exception.message : String(exception);
      this.logger.error(`${route} answered ${body.statusCode} ${body.code}: ${reason}`, stack);
    } else {
      this.logger.debug(`${route} answered ${body.statusCode} ${body.code}`);
    }
    const adapter = this.adapterHost.httpAdapter;
    const response: unknown = http.getResponse();
    if (retryAfterSeconds !== undefined) adapter.setHeader(response, 'Retry-After', String(retryAfterSeconds));
    adapter.setHeader(response, 'Cache-Control', 'no-store');
    adapter.reply(response, body, body.statusCode);
  }
}
