import { Inject, Injectable } from '@nestjs/common';
import { CreateWebhookDto } from '../dto/create-webhook.dto';
import { IdScanConfigurationError } from '../errors/id-scan-configuration.error';
import { IdScanApiPaths, IdScanApiRoutes } from '../http/id-scan-api-paths';
import { IdScanClient } from '../http/id-scan.client';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import type { IdScanWebhook } from '../interfaces/id-scan-api.interface';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import type { IdScanRequestOptions } from '../interfaces/id-scan-service-options.interface';
import { isRecord } from '../utils/is-record.util';
import { signalProblems, throwIfProblems, uuidProblems, validateInput } from '../utils/validate-input.util';

/**
 * The account's webhook subscriptions over the API: what `IdScanService.createWebhook`, `listWebhooks`,
 * `deleteWebhook` and `subscribeEvents` do, kept beside the route that receives the deliveries they subscribe to.
 * Every method validates its input before any I/O.
 */
@Injectable()
export class IdScanWebhookSubscriptionService {
  constructor(
    private readonly client: IdScanClient,
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
  ) {}

  /**
   * Subscribes a URL to event deliveries.
   * @throws IdScanValidationError when the request breaks a rule; nothing is sent
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails
   */
  async create(
    request: CreateWebhookDto | Readonly<Record<string, unknown>>,
    options: IdScanRequestOptions,
  ): Promise<IdScanWebhook> {
    const body = await validateInput(
      CreateWebhookDto,
      request,
      'createWebhook request',
      signalProblems(options.signal),
    );
    return this.client.json({
      operation: 'createWebhook',
      method: 'POST',
      route: IdScanApiRoutes.webhooks,
      path: IdScanApiPaths.webhooks(),
      body,
      signal: options.signal,
    });
  }

  /**
   * Every webhook of the account.
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when the call fails
   */
  async list(options: IdScanRequestOptions): Promise<IdScanWebhook[]> {
    throwIfProblems('listWebhooks arguments', signalProblems(options.signal));
    const answer = await this.client.json<unknown>({
      operation: 'listWebhooks',
      method: 'GET',
      route: IdScanApiRoutes.webhooks,
      path: IdScanApiPaths.webhooks(),
      signal: options.signal,
    });
    return webhookList(answer);
  }

  /**
   * Removes a webhook.
   * @throws IdScanValidationError when `webhookId` is not a UUID; nothing is sent
   * @throws IdScanApiError (IdScanNotFoundError for an unknown webhook), IdScanConnectionError, IdScanTimeoutError or
   *   IdScanAbortError when the call fails
   */
  async delete(webhookId: string, options: IdScanRequestOptions): Promise<void> {
    throwIfProblems('deleteWebhook arguments', [...uuidProblems({ webhookId }), ...signalProblems(options.signal)]);
    await this.client.json({
      operation: 'deleteWebhook',
      method: 'DELETE',
      route: IdScanApiRoutes.webhook,
      path: IdScanApiPaths.webhook(webhookId),
      signal: options.signal,
    });
  }

  /**
   * Subscribes `url` with the first configured secret in the configured header, unless a webhook for that URL with
   * that secret exists already.
   * @throws IdScanConfigurationError when no `webhooks.secrets` are configured; nothing is sent
   * @throws IdScanValidationError when `url` is not an https URL; nothing is sent
   * @throws IdScanApiError, IdScanConnectionError, IdScanTimeoutError or IdScanAbortError when a call fails
   */
  async subscribe(url: string, options: IdScanRequestOptions): Promise<IdScanWebhook> {
    const { secrets, headerName } = this.options.webhooks;
    if (secrets.length === 0) {
      throw new IdScanConfigurationError(
        'subscribeEvents needs webhooks.secrets: the events route refuses every delivery without one.',
      );
    }
    const request = { url, headers: { [headerName]: secrets[0] } };
    await validateInput(CreateWebhookDto, request, 'subscribeEvents arguments', signalProblems(options.signal));
    const existing = (await this.list(options)).find(
      (webhook) =>
        webhook.url === url &&
        Object.entries(webhook.headers ?? {}).some(
          ([name, value]) => name.toLowerCase() === headerName && value === secrets[0],
        ),
    );
    return existing ?? this.create(request, options);
  }
}

/**
 * The list of `GET /webhooks`: a bare array (docs/id-scan-api.md §B1), or tolerated inside `webhooks`, `items` or
 * `data`.
 */
function webhookList(answer: unknown): IdScanWebhook[] {
  if (Array.isArray(answer)) return answer as IdScanWebhook[];
  if (isRecord(answer)) {
    const list = [answer.webhooks, answer.items, answer.data].find(Array.isArray);
    if (list) return list as IdScanWebhook[];
  }
  return [];
}
