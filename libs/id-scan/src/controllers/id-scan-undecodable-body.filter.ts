import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { IdScanExceptionFilter } from './id-scan-exception.filter';
import { UndecodableBody, undecodableBodyAnswer } from './undecodable-body.util';

/** The package's routes that take a body, under whatever prefix the host mounts them. */
const BODY_ROUTE = /\/id-scan\/(?:events|transactions\/[^/]+\/complete)\/?$/;

/**
 * A body the host's parser cannot decode (a charset other than UTF-8, malformed JSON, a broken gzip stream) fails
 * before any route runs, so the package's route-scoped filter never sees it, and Nest's default answer quotes the
 * parser's message, which holds the start of the body. Registered globally by `IdScanModule`, this filter answers
 * such a failure on the package's own routes with the package's JSON error (400, 413 or 415); the same failure on
 * any other route goes on to Nest's default handling. It catches nothing else, and a global filter the host
 * registers with `app.useGlobalFilters()` is asked first.
 */
@Catch(UndecodableBody)
export class IdScanUndecodableBodyFilter implements ExceptionFilter {
  private readonly routes: IdScanExceptionFilter;

  constructor(private readonly adapterHost: HttpAdapterHost) {
    this.routes = new IdScanExceptionFilter(adapterHost);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<{
      method?: string;
      originalUrl?: string;
      url?: string;
      headers?: Record<string, string | string[] | undefined>;
    }>();
    const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
    if (request.method !== 'POST' || !BODY_ROUTE.test(path)) {
      new BaseExceptionFilter(this.adapterHost.httpAdapter).catch(exception, host);
      return;
    }
    const header = request.headers?.['content-type'];
    const body = undecodableBodyAnswer(exception, Array.isArray(header) ? header[0] : header);
    this.routes.catch(new HttpException(body, body.statusCode), host);
  }
}
