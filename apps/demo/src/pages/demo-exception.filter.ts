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
import { errorPage, type ErrorPageView } from '../views/error.view';
import { sendPage } from './page-response.util';

const UNAVAILABLE: Omit<ErrorPageView, 'status'> = {
  title: 'The ID Scan service is not available',
  message: 'The verification service did not answer properly. Nothing was lost; please try again in a minute.',
};

/** The page for an error, in words a visitor understands. Error messages are never shown: they are for the logs. */
function viewOf(exception: unknown): ErrorPageView {
  if (exception instanceof HttpException && exception.getStatus() === 404) {
    return {
      status: 404,
      title: 'Page not found',
      message: 'There is nothing here. The link may be old or mistyped.',
    };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    return {
      status: exception.getStatus(),
      title: 'That did not work',
      message: 'The request could not be handled.',
    };
  }
  if (exception instanceof IdScanNotFoundError) {
    return {
      status: 404,
      title: 'Not found',
      message: 'The ID Scan service does not know this verification (any more).',
    };
  }
  if (exception instanceof IdScanGoneError) {
    return {
      status: 410,
      title: 'No longer available',
      message: 'The transaction has expired, and with it the files that belonged to it.',
    };
  }
  if (exception instanceof IdScanRateLimitError) {
    return {
      status: 503,
      title: 'Too many requests',
      message: 'The ID Scan service asks us to slow down. Try again shortly.',
    };
  }
  if (exception instanceof IdScanAuthenticationError) {
    return {
      status: 502,
      title: 'The ID Scan service refused this application',
      message: 'The service did not accept the application’s credentials. Check ID_SCAN_KEY_ID and ID_SCAN_SECRET.',
    };
  }
  if (exception instanceof IdScanTimeoutError) return { status: 504, ...UNAVAILABLE };
  if (exception instanceof IdScanConnectionError || exception instanceof IdScanApiError)
    return { status: 502, ...UNAVAILABLE };
  return {
    status: 500,
    title: 'Something went wrong',
    message: 'The application ran into a problem. It has been logged; please try again.',
  };
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
    const view = viewOf(exception);
    if (view.status >= 500) {
      // Package errors carry no personal data by contract; anything else is logged with its stack to be fixed.
      const route = `${req.method} ${routeOf(req)}`;
      if (exception instanceof IdScanError) this.logger.warn(`${route}: ${exception.message}`);
      else this.logger.error(`${route} failed`, exception instanceof Error ? exception.stack : String(exception));
    }
    sendPage(res, errorPage(this.settings.backend, view), {
      status: view.status,
    });
  }
}
