import { ArgumentsHost, Catch, HttpException, Inject, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import {
  IdScanApiError,
  IdScanAuthenticationError,
  IdScanConnectionError,
  IdScanError,
  IdScanGoneError,
  IdScanNotFoundError,
  IdScanRateLimitError,
  IdScanTimeoutError,
} from 'nestjs-id-scan';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import { DEMO_MESSAGES, type DemoMessages } from '../i18n/demo-messages';
import { pageLanguageOf } from '../i18n/page-language.util';
import { errorPage, type ErrorPageView } from '../views/error.view';
import { OtherSessionException } from './other-session.exception';
import { DemoRefusalException } from '../security/demo-refusal.exception';
import { sendPage } from './page-response.util';

/** The page for an error, in words a visitor understands. Error messages are never shown: they are for the logs. */
function viewOf(exception: unknown, t: DemoMessages): ErrorPageView {
  const e = t.errors;
  if (exception instanceof OtherSessionException) return { status: 403, kind: 'other-session', ...e.otherSession };
  if (exception instanceof DemoRefusalException) {
    return { status: exception.getStatus(), kind: exception.refusal, ...e[exception.refusal] };
  }
  if (exception instanceof HttpException && exception.getStatus() === 404) return { status: 404, ...e.notFound };
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    return { status: exception.getStatus(), ...e.badRequest };
  }
  if (exception instanceof IdScanNotFoundError) return { status: 404, ...e.apiNotFound };
  if (exception instanceof IdScanGoneError) return { status: 410, ...e.gone };
  if (exception instanceof IdScanRateLimitError) return { status: 503, ...e.rateLimited };
  if (exception instanceof IdScanAuthenticationError) return { status: 502, ...e.refused };
  if (exception instanceof IdScanTimeoutError) return { status: 504, ...e.unavailable };
  if (exception instanceof IdScanConnectionError || exception instanceof IdScanApiError) {
    return { status: 502, ...e.unavailable };
  }
  return { status: 500, ...e.internal };
}

/** The route pattern (`/verifications/:transactionId`), so that no identifier from the URL reaches the log. */
function routeOf(req: Request): string {
  const route: unknown = req.route;
  const path = route && typeof route === 'object' ? (route as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? path : 'unmatched route';
}

/**
 * Renders every error of the demo's pages as a friendly HTML page. The package's own routes (`/id-scan/...`) keep
 * Nest's JSON answers: their clients are scripts and the ID Scan service, not people.
 */
@Catch()
export class DemoExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(DemoExceptionFilter.name);

  @Inject(DEMO_SETTINGS) private readonly settings!: DemoSettings;

  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (host.getType() !== 'http' || req.path.startsWith('/id-scan/') || res.headersSent) {
      super.catch(exception, host);
      return;
    }
    const lang = pageLanguageOf(req, res);
    const view = viewOf(exception, DEMO_MESSAGES[lang]);
    if (view.status >= 500) {
      // Package errors carry no personal data by contract; anything else is logged with its stack to be fixed.
      const route = `${req.method} ${routeOf(req)}`;
      if (exception instanceof IdScanError) this.logger.warn(`${route}: ${exception.message}`);
      else this.logger.error(`${route} failed`, exception instanceof Error ? exception.stack : String(exception));
    }
    if (exception instanceof DemoRefusalException && exception.retryAfterSeconds !== undefined) {
      res.setHeader('retry-after', String(exception.retryAfterSeconds));
    }
    sendPage(res, errorPage(this.settings.backend, view, lang), {
      status: view.status,
    });
  }
}
