import { Injectable } from '@nestjs/common';
import { EmulatorClockService } from '../../simulation/emulator-clock.service';
import { formatTimestamp } from '../../simulation/time.util';
import { EVENT_TYPES, type CreateWebhookDto } from '../../api/dto';
import { EmulatorApiError } from '../../errors';
import type { ApiWebhook } from '../../interfaces';
import { RandomService } from '../../simulation/random.service';
import type { RandomSource } from '../../simulation/random-source.interface';

/** The webhook subscriptions of the emulated account (one account per emulator). */
@Injectable()
export class WebhooksService {
  private readonly webhooks = new Map<string, ApiWebhook>();
  private readonly ids: RandomSource;

  constructor(
    private readonly clock: EmulatorClockService,
    random: RandomService,
  ) {
    this.ids = random.identifiers('webhook-ids');
  }

  /** Subscribes a URL; both event types unless `events` narrows them. */
  create(request: CreateWebhookDto): ApiWebhook {
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
    return structuredClone(webhook);
  }

  /** Every subscription, oldest first. */
  list(): ApiWebhook[] {
    return [...this.webhooks.values()].map((webhook) => structuredClone(webhook));
  }

  /** The subscription with this id, or `undefined` (for deliveries, which stop once it is deleted). */
  find(id: string): ApiWebhook | undefined {
    return this.webhooks.get(id);
  }

  /**
   * Unsubscribes; retries still scheduled for it are dropped.
   * @throws EmulatorApiError 404 `not_found` for an unknown id.
   */
  delete(id: string): void {
    if (!this.webhooks.delete(id)) throw EmulatorApiError.notFound('The webhook');
  }
}
