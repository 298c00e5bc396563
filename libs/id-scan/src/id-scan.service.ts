import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { emitIsolated } from './completion/emit-isolated.util';
import { CreateTransactionDto } from './dto/create-transaction.dto';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { IdScanApiError } from './errors/id-scan-api.error';
import { IdScanConfigurationError } from './errors/id-scan-configuration.error';
import { IdScanError } from './errors/id-scan.error';
import { IdScanStoreUnavailableError } from './errors/id-scan-store-unavailable.error';
import { IdScanEvents } from './events/id-scan-events';
import { TransactionCreatedEvent } from './events/transaction-created.event';
import { IdScanApiPaths, IdScanApiRoutes } from './http/id-scan-api-paths';
import { idScanDownloadPath } from './http/id-scan-download-path.util';
import { IdScanTelemetryService } from './telemetry/id-scan-telemetry.service';
import { IdScanClient } from './http/id-scan.client';
import { ID_SCAN_CLOCK, ID_SCAN_OPTIONS } from './id-scan.constants';
import type {
  IdScanFile,
  IdScanTransaction,
  IdScanTransactionDetails,
  IdScanTransactionResult,
  IdScanWebhook,
} from './interfaces/id-scan-api.interface';
import type { IdScanDownload } from './interfaces/id-scan-download.interface';
import type { ResolvedIdScanOptions } from './interfaces/id-scan-module-options.interface';
import type {
  IdScanCreateTransactionOptions,
  IdScanReportOptions,
  IdScanRequestOptions,
} from './interfaces/id-scan-service-options.interface';
import type { IdScanClock } from './utils/id-scan-clock.util';
import { pingTransactionStore } from './stores/ping-transaction-store.util';
import { createdTransactionRecord } from './stores/transaction-record.util';
import {
  referenceProblems,
  signalProblems,
  throwIfProblems,
  uuidProblems,
  validateInput,
} from './utils/validate-input.util';
import { IdScanWebhookSubscriptionService } from './webhooks/id-scan-webhook-subscription.service';

const REPORT_TYPES = ['simple', 'extended'];

/**
 * Everything the host does with ID Scan: create transactions, read their state and results, download document
 * images and audit reports, and manage event subscriptions. Every method validates its input before any I/O and
 * throws only `IdScanError` subclasses.
 */
@Injectable()
export class IdScanService implements OnModuleInit {
  private readonly logger = new Logger('IdScanService');

  constructor(
    private readonly client: IdScanClient,
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    @Inject(ID_SCAN_CLOCK) private readonly clock: IdScanClock,
    private readonly telemetry: IdScanTelemetryService,
    private readonly webhooks: IdScanWebhookSubscriptionService,
    @Optional() private readonly events?: EventEmitter2,
  ) {}

  /** @throws IdScanConfigurationError when the host did not import `EventEmitterModule.forRoot()` */
  onModuleInit(): void {
    this.emitter();
  }

  /**
   * Creates a verification transaction, remembers it in the transaction store (so its completion signals are
   * accepted) and emits `id-scan.transaction.created`. Send the person to the returned `url` (iframe or redirect).
   *
   * @param request a `CreateTransactionDto` or a plain object of its shape; validated against every rule of
   *   docs/id-scan-api.md §B3
   * @throws IdScanValidationError when the request or `options.reference` breaks a rule; nothing is sent
   * @throws IdScanApiError (a subclass per status) when the API refuses the request
   * @throws IdScanConnectionError or IdScanTimeoutError when the API cannot be reached; a timed-out creation is
   *   not retried, as the API may have created the transaction
   * @throws IdScanAbortError when `options.signal` aborts
   * @throws IdScanStoreUnavailableError when the transaction store does not answer; a store with `ping` is asked
   *   before the API, so nothing is created (and paid for) during a store outage
   * @throws IdScanError when the transaction was created but the store could not save it
   */
  async createTransaction(
    request: CreateTransactionDto | Readonly<Record<string, unknown>>,
    options: IdScanCreateTransactionOptions = {},
  ): Promise<IdScanTransaction> {
    const { reference, signal } = options;
    const problems = [...signalProblems(signal), ...referenceProblems(reference)];
    const body = await validateInput(CreateTransactionDto, request, 'createTransaction request', problems);
    await this.storeAnswers();

    const path = IdScanApiPaths.transactions();
    const transaction = await this.client.json<IdScanTransaction>({
      operation: 'createTransaction',
      method: 'POST',
      route: IdScanApiRoutes.transactions,
      path,
      body,
      signal,
    });
    if (typeof transaction?.id !== 'string' || typeof transaction.url !== 'string') {
      throw new IdScanApiError(
        {
          status: 201,
          code: 'invalid_response',
          detail: 'The answer has no transaction id or url.',
          cause: { method: 'POST', path },
        },
        'Check that baseUrl points at the ID Scan API.',
      );
    }

    this.telemetry.recordTransactionCreated();

    const record = createdTransactionRecord(transaction, body, reference, this.clock.now());
    try {
      await this.options.store.save(record);
    } catch (error) {
      throw new IdScanError(
        `Transaction ${transaction.id} was created, but the transaction store could not save it, so its completion ` +
          'signals would be refused. Check the store (for example the Redis connection), then create a new transaction.',
        { cause: error },
      );
    }
    await emitIsolated(
      this.emitter(),
      IdScanEvents.TransactionCreated,
      new TransactionCreatedEvent(
        record.transactionId,
        record.url,
        record.tasks,
        new Date(record.expiresAt),
        reference,
      ),
      this.logger,
    );
    return transaction;
  }

  /**
   * The transaction's state and, while it is pending, the document-scan attempts so far.
   *
   * @throws IdScanValidationError when `transactionId` is not a UUID; nothing is sent
   * @throws IdScanNotFoundError when the API does not know the transaction
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails
   */
  async getTransaction(transactionId: string, options: IdScanRequestOptions = {}): Promise<IdScanTransactionDetails> {
    throwIfProblems('getTransaction arguments', [
      ...uuidProblems({ transactionId }),
      ...signalProblems(options.signal),
    ]);
    return this.client.json({
      operation: 'getTransaction',
      method: 'GET',
      route: IdScanApiRoutes.transaction,
      path: IdScanApiPaths.transaction(transactionId),
      transactionId,
      signal: options.signal,
    });
  }

  /**
   * The result of a completed transaction: fields, scores and files. The result id comes from a completion signal;
   * read it with `readField` / `summarizeResult`.
   *
   * @throws IdScanValidationError when an id is not a UUID; nothing is sent
   * @throws IdScanNotFoundError when the pair is wrong or the transaction is not completed yet
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails
   */
  async getResult(
    transactionId: string,
    resultId: string,
    options: IdScanRequestOptions = {},
  ): Promise<IdScanTransactionResult> {
    throwIfProblems('getResult arguments', [
      ...uuidProblems({ transactionId, resultId }),
      ...signalProblems(options.signal),
    ]);
    return this.client.json({
      operation: 'getResult',
      method: 'GET',
      route: IdScanApiRoutes.result,
      path: IdScanApiPaths.result(transactionId, resultId),
      transactionId,
      signal: options.signal,
    });
  }

  /**
   * Streams a file of a result or a scan attempt (a document image, the portrait, a selfie). Consume or destroy
   * the stream. Only URLs under `<baseUrl>downloads/` are fetched: the bearer token never leaves for another host.
   *
   * @param fileOrUrl a file object from a result or transaction, or its `url`
   * @throws IdScanValidationError when the file's `url` is `null` (withheld by `extractFields`) or the argument is
   *   neither a file nor a string; nothing is sent
   * @throws IdScanUnsafeUrlError when the URL is outside the configured API origin and path; nothing is sent
   * @throws IdScanNotFoundError for an unknown file, IdScanGoneError once the transaction has expired
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails; the
   *   stream fails with the same errors when the body breaks off
   */
  async downloadFile(fileOrUrl: IdScanFile | string, options: IdScanRequestOptions = {}): Promise<IdScanDownload> {
    const url = typeof fileOrUrl === 'string' ? fileOrUrl : (fileOrUrl as IdScanFile | null | undefined)?.url;
    const problems = signalProblems(options.signal);
    if (url === null) {
      problems.push({
        property: 'fileOrUrl.url',
        constraints: [
          'the file has no url: the API withholds document images and portraits when extractFields does not list ' +
            'document_image / portrait',
        ],
      });
    } else if (typeof url !== 'string') {
      problems.push({ property: 'fileOrUrl', constraints: ['fileOrUrl must be a file object or a download URL'] });
    }
    throwIfProblems('downloadFile arguments', problems);
    return this.client.stream({
      operation: 'downloadFile',
      method: 'GET',
      route: IdScanApiRoutes.download,
      path: idScanDownloadPath(this.options.baseUrl, url as string),
      signal: options.signal,
    });
  }

  /**
   * Streams the PDF audit report of a completed transaction: `simple` (always available) or `extended` (sealed,
   * with the documents, only until the transaction expires).
   *
   * @throws IdScanValidationError when an id is not a UUID or `type` is unknown; nothing is sent
   * @throws IdScanNotFoundError for a wrong pair, IdScanGoneError for an extended report after expiry
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails
   */
  async getReport(transactionId: string, resultId: string, options: IdScanReportOptions = {}): Promise<IdScanDownload> {
    const type = options.type ?? 'simple';
    const problems = [...uuidProblems({ transactionId, resultId }), ...signalProblems(options.signal)];
    if (!REPORT_TYPES.includes(type)) {
      problems.push({ property: 'options.type', constraints: ['options.type must be simple or extended'] });
    }
    throwIfProblems('getReport arguments', problems);
    const download = await this.client.stream({
      operation: 'getReport',
      method: 'GET',
      route: IdScanApiRoutes.report,
      path: IdScanApiPaths.report(transactionId, resultId),
      transactionId,
      query: type === 'extended' ? { type } : undefined,
      signal: options.signal,
    });
    return { ...download, filename: download.filename ?? `id-scan-report-${transactionId}-${type}.pdf` };
  }

  /**
   * Subscribes a URL to event deliveries. Prefer {@link IdScanService.subscribeEvents}, which adds the shared
   * secret the package's events route checks.
   *
   * @param request `{ url, events?, headers? }`: an https URL (http only for localhost), the event types
   *   (default both), headers CM.com adds to each delivery
   * @throws IdScanValidationError when the request breaks a rule; nothing is sent
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails
   */
  async createWebhook(
    request: CreateWebhookDto | Readonly<Record<string, unknown>>,
    options: IdScanRequestOptions = {},
  ): Promise<IdScanWebhook> {
    return this.webhooks.create(request, options);
  }

  /**
   * Every webhook of the account.
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails
   */
  async listWebhooks(options: IdScanRequestOptions = {}): Promise<IdScanWebhook[]> {
    return this.webhooks.list(options);
  }

  /**
   * Removes a webhook.
   * @throws IdScanValidationError when `webhookId` is not a UUID; nothing is sent
   * @throws IdScanNotFoundError when the webhook does not exist
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails
   */
  async deleteWebhook(webhookId: string, options: IdScanRequestOptions = {}): Promise<void> {
    return this.webhooks.delete(webhookId, options);
  }

  /**
   * Subscribes the package's events route (`https://<your host>/id-scan/events`) to every event type, with the
   * first configured webhook secret in the configured header. Idempotent: when a webhook for this URL with the
   * current secret exists, it is returned and nothing is created, so calling this at every start-up is safe.
   *
   * @throws IdScanConfigurationError when no `webhooks.secrets` are configured; nothing is sent
   * @throws IdScanValidationError when `url` is not an https URL; nothing is sent
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when a call fails
   */
  async subscribeEvents(url: string, options: IdScanRequestOptions = {}): Promise<IdScanWebhook> {
    return this.webhooks.subscribe(url, options);
  }

  /** A transaction the store cannot remember would be paid for and then refuse every completion signal. */
  private async storeAnswers(): Promise<void> {
    await pingTransactionStore(this.options.store, (error) =>
      error instanceof IdScanStoreUnavailableError
        ? error
        : new IdScanStoreUnavailableError(
            'The transaction store did not answer, so no transaction was created. Check the store (for example the ' +
              'Redis connection), then try again.',
            { cause: error },
          ),
    );
  }

  private emitter(): EventEmitter2 {
    if (!this.events) {
      throw new IdScanConfigurationError(
        'no EventEmitter2 is available. Add EventEmitterModule.forRoot() (from @nestjs/event-emitter) to the ' +
          'imports of your AppModule; IdScanModule emits its domain events through it.',
      );
    }
    return this.events;
  }
}
