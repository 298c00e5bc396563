import { Injectable } from '@nestjs/common';
import { EmulatorClockService } from '../../simulation/emulator-clock.service';
import { formatTimestamp } from '../../simulation/time.util';
import { EVENT_TYPES, type CreateWebhookDto } from '../../api/dto';
import { EmulatorApiError } from '../../errors';
import type { ApiWebhook } from '../../interfaces';
import { RandomService } from '../../simulation/random.service';
import type { RandomSource } from '../../simulation/random-source.interface';

/**
 * The webhook subscriptions, each owned by the credential (key id) that created it, as each CM account has its
 * own: a credential lists and deletes only its own, and hears only of its own transactions.
 */
@Injectable()
export class WebhooksService {
  private readonly webhooks = new Map<string, ApiWebhook>();
  private readonly owners = new Map<string, string>();
  private readonly ids: RandomSource;

  constructor(
    private readonly clock: EmulatorClockService,
    random: RandomService,
  ) {
    this.ids = random.identifiers('webhook-ids');
  }

  /** Subscribes a URL for the credential `keyId`; both event types unless `events` narrows them. */
  create(request: CreateWebhookDto, keyId: string): ApiWebhook {
    const now = formatTimestamp(this.clock.now());
    const webhook: ApiWebhook = {
      id: this.ids.uuid(),
      url: request.url,
      events: [...(request.events ?? EVENT_TYPES)],
      headers: request.headers ? { ...request.headers } : null,
      createdAt: now,
      updatedAt: now,
    };
    this.webhooks.set(webhook.id, webhook);
    this.owners.set(webhook.id, keyId);
    return structuredClone(webhook);
  }

  /** The subscriptions of the credential `keyId`, oldest first. */
  list(keyId: string): ApiWebhook[] {
    return [...this.webhooks.values()]
      .filter((webhook) => this.owners.get(webhook.id) === keyId)
      .map((webhook) => structuredClone(webhook));
  }

  /** The subscription with this id, or `undefined` (for deliveries, which stop once it is deleted). */
  find(id: string): ApiWebhook | undefined {
    return this.webhooks.get(id);
  }

  /**
   * Unsubscribes one of the credential's webhooks; retries still scheduled for it are dropped.
   * @throws EmulatorApiError 404 `not_found` for an unknown id or another credential's webhook (the same answer).
   */
  delete(id: string, keyId: string): void {
    if (this.owners.get(id) !== keyId) throw EmulatorApiError.notFound('The webhook');
    this.webhooks.delete(id);
    this.owners.delete(id);
  }
}
