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
import { loadIdScanBrowserScript, type IdScanBrowserScript } from '../browser/id-scan-browser-script.util';
import type { IdScanCompletion } from '../completion/id-scan-completion.interface';
import { IdScanCompletionService } from '../completion/id-scan-completion.service';
import { IdScanUnknownTransactionError } from '../completion/id-scan-unknown-transaction.error';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import { prefersJson } from './accept-json.util';
import { pickLanguage } from './accept-language.util';
import { appendQuery } from './append-query.util';
import { IdScanCompleteTransactionDto, IdScanReturnQueryDto, IdScanTransactionParamsDto } from './dto';
import type { IdScanCompleteResponse } from './id-scan-complete-response.interface';
import { IdScanExceptionFilter } from './id-scan-exception.filter';
import { toIdScanHttpError } from './id-scan-http-error.util';
import { IdScanJsonContentTypeGuard } from './id-scan-json-content-type.guard';
import { createIdScanValidationPipe } from './id-scan-validation.pipe';
import { renderScanReturnPage, SCAN_RETURN_LANGUAGES, type ScanReturnPageKind } from './scan-return-page.util';

/** Query keys a return URL may carry beside ours are dropped, never refused (see {@link IdScanReturnQueryDto}). */
const returnQueryPipe = createIdScanValidationPipe({ forbidUnknown: false });
const strictPipe = createIdScanValidationPipe();

/** API answers that mean the person has not finished the flow yet: no result exists, or it is not completed. */
const NOT_FINISHED_CODES: ReadonlySet<string> = new Set(['result_not_found', 'transaction_not_completed']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a browser route's signal ended: the completion, or the error it ran into. */
interface BrowserSignalOutcome {
  completion?: IdScanCompletion;
  error?: Error;
}

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
  private browserScript?: IdScanBrowserScript;

  constructor(
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    private readonly completion: IdScanCompletionService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * `GET /id-scan/return?trxid&resultid`: the redirect flow's return URL. Completes the transaction, then answers
   * 302 to `callbacks.successRedirect`, or to `failureRedirect` when the verification failed, was not finished, or
   * could not be confirmed; `transactionId` appended (when it is one), and for a failure an `error` code:
   * `validation_failed` (bad parameters), `transaction_unknown` (not started by this application; nothing is asked
   * of the API), `result_not_found` or `transaction_not_completed` (not finished yet), `upstream_*` (API
   * unavailable). A person lands on a page either way; only a client whose `Accept` prefers JSON gets the JSON error
   * body with its status instead.
   */
  @Get('return')
  async return(
    @Query() rawQuery: unknown,
    @Headers('accept') accept: string | undefined,
    @Res() response: unknown,
  ): Promise<void> {
    const { completion, error } = await this.completeFromBrowser(rawQuery, 'return-url');
    if (error !== undefined && prefersJson(accept)) throw error;
    const { successRedirect, failureRedirect } = this.options.callbacks;
    const target = completion?.outcome === 'passed' ? successRedirect : failureRedirect;
    const params: Record<string, string> = {};
    const transactionId = transactionIdOf(rawQuery);
    if (transactionId) params.transactionId = transactionId;
    if (error !== undefined) params.error = toIdScanHttpError(error).body.code;
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(PRIVATE_PAGE_HEADERS)) adapter.setHeader(response, name, value);
    adapter.redirect(response, 302, appendQuery(target, params));
  }

  /**
   * `GET /id-scan/scan-return?trxid&resultid`: where the phone lands after the mobile hand-off. Completes the
   * transaction, then shows a short page (English, Dutch or French by `Accept-Language`) sending the person back
   * to their computer. Every failure (bad parameters, unknown transaction, not finished yet, API unavailable) shows
   * the page too, with the failure's status; only a client whose `Accept` prefers JSON gets the JSON error body.
   * While the transaction store is unreachable: 503 with `Retry-After` and a "try again in a moment" page.
   */
  @Get('scan-return')
  async scanReturn(
    @Query() rawQuery: unknown,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() response: unknown,
  ): Promise<void> {
    const { error } = await this.completeFromBrowser(rawQuery, 'scan-return');
    if (error !== undefined && prefersJson(accept)) throw error;
    let status = 200;
    let kind: ScanReturnPageKind = 'done';
    let retryAfterSeconds: number | undefined;
    if (error !== undefined) {
      const { body, retryAfterSeconds: retryAfter } = toIdScanHttpError(error);
      status = body.statusCode;
      retryAfterSeconds = retryAfter;
      kind =
        body.code === 'store_unavailable'
          ? 'unavailable'
          : NOT_FINISHED_CODES.has(body.code)
            ? 'unfinished'
            : 'problem';
    }
    const language = pickLanguage(acceptLanguage, SCAN_RETURN_LANGUAGES);
    const adapter = this.adapterHost.httpAdapter;
    if (retryAfterSeconds !== undefined) adapter.setHeader(response, 'Retry-After', String(retryAfterSeconds));
    for (const [name, value] of Object.entries(PRIVATE_PAGE_HEADERS)) adapter.setHeader(response, name, value);
    adapter.setHeader(response, 'Content-Type', 'text/html; charset=utf-8');
    adapter.setHeader(response, 'Content-Language', language);
    adapter.setHeader(response, 'Content-Security-Policy', PAGE_CSP);
    adapter.reply(response, renderScanReturnPage(language, kind), status);
  }

  /**
   * `POST /id-scan/transactions/:transactionId/complete` `{ resultId }`: the iframe flow's signal, posted by
   * `client.js`. Answers `{ transactionId, resultId, state, completed: true, outcome }`; 404 for a transaction this
   * application did not start or a wrong result id, 409 when not completed, 429 with `Retry-After` after 5 result
   * ids were checked for the transaction in a minute, 502/503/504 when the API fails; 415 for a body that is not
   * `application/json` (so no cross-site form can post here). Once the completion is recorded, the same answer comes
   * from the store, without asking the API.
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
    this.browserScript ??= loadIdScanBrowserScript();
    const { source, etag } = this.browserScript;
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
   * Validates the query and runs the completion for a browser that must land somewhere. Nothing is thrown: the
   * caller decides how to answer. An unknown transaction is found in the store, so the API is never asked.
   */
  private async completeFromBrowser(rawQuery: unknown, route: string): Promise<BrowserSignalOutcome> {
    let query: IdScanReturnQueryDto;
    try {
      query = (await returnQueryPipe.transform(rawQuery, {
        type: 'query',
        metatype: IdScanReturnQueryDto,
      })) as IdScanReturnQueryDto;
    } catch (error) {
      this.logger.debug(`Completion through ${route} refused: validation_failed`);
      return { error: asError(error) };
    }
    try {
      return {
        completion: await this.completion.complete({
          transactionId: query.trxid,
          resultId: query.resultid,
          via: 'return-url',
        }),
      };
    } catch (error) {
      const { code } = toIdScanHttpError(error).body;
      if (error instanceof IdScanUnknownTransactionError || NOT_FINISHED_CODES.has(code)) {
        this.logger.debug(`Completion through ${route} refused: ${code}`);
      } else {
        this.logFailure(route, code, error);
      }
      return { error: asError(error) };
    }
  }

  private logFailure(route: string, code: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Completion through ${route} failed (${code}): ${reason}`);
  }
}

/** What was thrown, as an `Error` the exception filter and `toIdScanHttpError` understand. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The `trxid` of a raw return query when it is one UUID, so that nothing else is carried to the next page. */
function transactionIdOf(rawQuery: unknown): string | undefined {
  const value = rawQuery !== null && typeof rawQuery === 'object' ? (rawQuery as { trxid?: unknown }).trxid : undefined;
  return typeof value === 'string' && UUID.test(value) ? value : undefined;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
