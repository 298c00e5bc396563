import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { EmulatorLoggerService } from '../options/emulator-logger.service';
import type { Request, Response } from 'express';
import { EmulatorApiError, RequestAbortedError } from '../errors';
import { HOSTED_PAGE_CSP } from '../hosted-flow/pages/content-security-policy.constants';
import { SUPPORTED_LOCALES } from '../emulator.constants';
import { renderErrorPage } from '../hosted-flow/pages/error-page.util';
import type { PageLocale } from '../hosted-flow/pages/pages.interface';

const CODES: Partial<Record<number, string>> = {
  400: 'validation_failed',
  401: 'unauthorized',
  404: 'not_found',
  410: 'transaction_expired',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'unavailable',
};

const PAGE_PATH = /^\/([a-z]{2}-[a-z]{2})\/identifications(?:\/|$)/;

/**
 * Writes every error as docs/id-scan-api.md §B6 says: `{ code, message, details? }` JSON with the matching status, on every API
 * route and on unknown routes (404 `not_found`). Malformed JSON is a 400 `validation_failed`; anything unexpected a
 * 500 `internal_error` whose cause is logged, never sent. Under the hosted-flow paths the same errors come as an
 * HTML error page for the person in the browser.
 */
@Catch()
export class EmulatorExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: EmulatorLoggerService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    if (exception instanceof RequestAbortedError || response.headersSent || response.destroyed) {
      if (!response.writableEnded) response.destroy();
      return;
    }
    const error = this.toApiError(exception);
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
    response.setHeader('Cache-Control', 'no-store');
    const page = PAGE_PATH.exec(request.path);
    if (page) {
      response
        .status(error.status)
        .setHeader('Content-Security-Policy', HOSTED_PAGE_CSP)
        .type('html')
        .send(renderErrorPage({ locale: pageLocale(page[1]), status: error.status, message: error.message }));
      return;
    }
    response.status(error.status).json(error.toBody());
  }

  private toApiError(exception: unknown): EmulatorApiError {
    if (exception instanceof EmulatorApiError) return exception;
    if (exception instanceof HttpException) {
      const status: number = exception.getStatus();
      const cause = exception.cause as { type?: string } | undefined;
      if (status === 400 && (cause instanceof SyntaxError || cause?.type === 'entity.parse.failed')) {
        return EmulatorApiError.validation(
          [{ field: 'body', message: 'body must be valid JSON' }],
          'The request body is not valid JSON',
        );
      }
      if (status === 404) return EmulatorApiError.notFound('The requested resource');
      if (status < 500) {
        return new EmulatorApiError(status, CODES[status] ?? 'request_failed', httpMessage(exception));
      }
    }
    this.logger.error('Unexpected error while handling a request', errorStack(exception), 'IdScanEmulator');
    return EmulatorApiError.internal();
  }
}

function httpMessage(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
    return body.message;
  }
  return exception.message;
}

// Errors from another realm (a VM context, a worker) fail `instanceof Error` but still carry a stack.
function errorStack(exception: unknown): string {
  if (typeof exception === 'object' && exception !== null && 'stack' in exception) return String(exception.stack);
  return exception instanceof Error ? exception.name : typeof exception;
}

function pageLocale(segment: string): PageLocale {
  return SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === segment) ?? 'en-US';
}
