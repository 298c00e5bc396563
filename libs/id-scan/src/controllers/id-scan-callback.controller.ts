import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  Logger,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { loadIdScanClientScript, type IdScanClientScript } from '../client/id-scan-client.script';
import type { IdScanCompletion } from '../completion/id-scan-completion.interface';
import { IdScanCompletionService } from '../completion/id-scan-completion.service';
import { IdScanUnknownTransactionError } from '../completion/id-scan-unknown-transaction.error';
import type { IdScanCompletionSource } from '../events/transaction-completed.event';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import { pickLanguage } from './accept-language.util';
import { appendQuery } from './append-query.util';
import { IdScanCompleteTransactionDto, IdScanReturnQueryDto, IdScanTransactionParamsDto } from './dto';
import type { IdScanCompleteResponse } from './id-scan-complete-response.interface';
import { IdScanExceptionFilter } from './id-scan-exception.filter';
import { toIdScanHttpError } from './id-scan-http-error.util';
import { IdScanJsonContentTypeGuard } from './id-scan-json-content-type.guard';
import { createIdScanValidationPipe } from './id-scan-validation.pipe';
import { renderScanReturnPage, SCAN_RETURN_LANGUAGES } from './scan-return-page.util';

/** Query keys a return URL may carry beside ours are dropped, never refused (see {@link IdScanReturnQueryDto}). */
const returnQueryPipe = createIdScanValidationPipe({ forbidUnknown: false });
const strictPipe = createIdScanValidationPipe();

/** The pages a person's browser lands on must not be cached, nor leak their identifiers to the next site. */
const PRIVATE_PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Revalidated often: the helper has no versioned URL, and an ETag makes the check cheap. */
const CLIENT_CACHE_CONTROL = 'public, max-age=300, must-revalidate';

/**
 * The browser-facing completion routes: the two return URLs, the iframe completion endpoint used by `client.js`,
 * and `client.js` itself. Every signal goes through `IdScanCompletionService`, which trusts none of them.
 * Registered by `IdScanModule` unless `routes: false`; re-prefixable with `RouterModule`.
 */
@Controller('id-scan')
@UseFilters(IdScanExceptionFilter)
export class IdScanCallbackController {
  private readonly logger = new Logger('IdScanRoutes');
  private clientScript?: IdScanClientScript;

  constructor(
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    private readonly completion: IdScanCompletionService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * `GET /id-scan/return?trxid&resultid`: the redirect flow's return URL. Completes the transaction, then answers
   * 302 to `callbacks.successRedirect` (or `failureRedirect` when the verification failed or could not be
   * confirmed, with an `error` code), `transactionId` appended. Bad parameters: 400; unknown transaction: 404.
   */
  @Get('return')
  async return(@Query(returnQueryPipe) query: IdScanReturnQueryDto, @Res() response: unknown): Promise<void> {
    const { completion, errorCode } = await this.completeFromBrowser(query, 'return-url');
    const { successRedirect, failureRedirect } = this.options.callbacks;
    const target = completion?.outcome === 'passed' ? successRedirect : failureRedirect;
    const params: Record<string, string> = { transactionId: query.trxid };
    if (errorCode) params.error = errorCode;
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(PRIVATE_PAGE_HEADERS)) adapter.setHeader(response, name, value);
    adapter.redirect(response, 302, appendQuery(target, params));
  }

  /**
   * `GET /id-scan/scan-return?trxid&resultid`: where the phone lands after the mobile hand-off. Completes the
   * transaction, then shows a short page (English, Dutch or French by `Accept-Language`) sending the person back
   * to their computer. Bad parameters: 400 JSON.
   */
  @Get('scan-return')
  async scanReturn(
    @Query(returnQueryPipe) query: IdScanReturnQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() response: unknown,
  ): Promise<void> {
    let status = 200;
    let failed = false;
    try {
      await this.completion.complete({ transactionId: query.trxid, resultId: query.resultid, via: 'return-url' });
    } catch (error) {
      const answer = toIdScanHttpError(error);
      this.logFailure('scan-return', answer.body.code, error);
      status = answer.body.statusCode;
      failed = true;
    }
    const language = pickLanguage(acceptLanguage, SCAN_RETURN_LANGUAGES);
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(PRIVATE_PAGE_HEADERS)) adapter.setHeader(response, name, value);
    adapter.setHeader(response, 'Content-Type', 'text/html; charset=utf-8');
    adapter.setHeader(response, 'Content-Language', language);
    adapter.setHeader(response, 'Content-Security-Policy', PAGE_CSP);
    adapter.reply(response, renderScanReturnPage(language, failed ? 'problem' : 'done'), status);
  }

  /**
   * `POST /id-scan/transactions/:transactionId/complete` `{ resultId }`: the iframe flow's signal, posted by
   * `client.js`. Answers `{ transactionId, resultId, state, completed: true, outcome }`; 404 for a transaction this
   * application did not start or a wrong result id, 409 when not completed, 502/503/504 when the API fails; 415
   * for a body that is not `application/json` (so no cross-site form can post here).
   */
  @Post('transactions/:transactionId/complete')
  @UseGuards(IdScanJsonContentTypeGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async complete(
    @Param(strictPipe) params: IdScanTransactionParamsDto,
    @Body(strictPipe) body: IdScanCompleteTransactionDto,
  ): Promise<IdScanCompleteResponse> {
    const completion = await this.completion.complete({
      transactionId: params.transactionId,
      resultId: body.resultId,
      via: 'iframe',
    });
    return {
      transactionId: completion.transactionId,
      resultId: completion.resultId,
      state: completion.state,
      completed: true,
      outcome: completion.outcome,
    };
  }

  /** `GET /id-scan/client.js`: the browser helper (`window.IdScan.mount`), with an ETag for cheap revalidation. */
  @Get('client.js')
  clientJs(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() response: unknown): void {
    this.clientScript ??= loadIdScanClientScript();
    const { source, etag } = this.clientScript;
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(response, 'Content-Type', 'application/javascript; charset=utf-8');
    adapter.setHeader(response, 'Cache-Control', CLIENT_CACHE_CONTROL);
    adapter.setHeader(response, 'ETag', etag);
    adapter.setHeader(response, 'X-Content-Type-Options', 'nosniff');
    if (matchesEtag(ifNoneMatch, etag)) {
      adapter.reply(response, undefined, 304);
      return;
    }
    adapter.reply(response, source, 200);
  }

  /**
   * Runs the completion for a browser that must land somewhere: an unknown transaction is refused (404), every
   * other failure is logged and reported as an error code for the failure page.
   */
  private async completeFromBrowser(
    query: IdScanReturnQueryDto,
    via: IdScanCompletionSource,
  ): Promise<{ completion?: IdScanCompletion; errorCode?: string }> {
    try {
      return {
        completion: await this.completion.complete({ transactionId: query.trxid, resultId: query.resultid, via }),
      };
    } catch (error) {
      if (error instanceof IdScanUnknownTransactionError) throw error;
      const code = toIdScanHttpError(error).body.code;
      this.logFailure(via, code, error);
      return { errorCode: code };
    }
  }

  private logFailure(route: string, code: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Completion through ${route} failed (${code}): ${reason}`);
  }
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
