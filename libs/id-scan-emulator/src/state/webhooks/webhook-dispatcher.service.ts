import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EmulatorLoggerService } from '../../options/emulator-logger.service';
import { EmulatorClockService } from '../../simulation/emulator-clock.service';
import { formatTimestamp } from '../../simulation/time.util';
import { EMULATOR_OPTIONS } from '../../emulator.constants';
import type { ApiWebhook, EmulatorEvent, EmulatorWebhookDelivery } from '../../interfaces';
import type { ResolvedEmulatorOptions } from '../../options/resolved-emulator-options.interface';
import { RandomService } from '../../simulation/random.service';
import type { RandomSource } from '../../simulation/random-source.interface';
import type { TransactionEventDraft } from '../transaction-event.interface';
import { postOnce } from './http-post.util';
import { WebhooksService } from './webhooks.service';

/** How events are delivered; a test may change it while the emulator runs. */
export interface DeliveryBehaviour {
  /** Send every delivery twice. */
  duplicate: boolean;
  /** Send the events of one state change in reverse order. */
  reorder: boolean;
}

interface DeliveryWaiter {
  predicate: (delivery: EmulatorWebhookDelivery) => boolean;
  resolve: (delivery: EmulatorWebhookDelivery) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Delivers events to the subscribed webhooks (docs/id-scan-api.md §B5): a JSON POST with the subscriber's custom headers, retried
 * after non-2xx answers, connection failures and timeouts with the configured delays. The events of one state
 * change reach each webhook one after the other, in order (or reversed, when asked), so tests can rely on the
 * order they arrive in. Every attempt is logged.
 */
@Injectable()
export class WebhookDispatcherService implements OnApplicationShutdown {
  private readonly events = new Map<string, EmulatorEvent>();
  /** The key id owning each event's transaction: only that credential's webhooks hear of it. */
  private readonly eventOwners = new Map<string, string>();
  private readonly deliveries: EmulatorWebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters = new Set<DeliveryWaiter>();
  private readonly abort = new AbortController();
  private readonly ids: RandomSource;
  private behaviour: DeliveryBehaviour;

  constructor(
    @Inject(EMULATOR_OPTIONS) private readonly options: ResolvedEmulatorOptions,
    private readonly clock: EmulatorClockService,
    private readonly webhooks: WebhooksService,
    random: RandomService,
    private readonly logger: EmulatorLoggerService,
  ) {
    this.ids = random.identifiers('event-ids');
    this.behaviour = { duplicate: options.duplicateDeliveries, reorder: options.reorderDeliveries };
  }

  /** Changes duplicate/reorder behaviour for events published from now on. */
  setBehaviour(behaviour: Partial<DeliveryBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...behaviour };
  }

  /**
   * Gives the drafts (the state changes of one transaction, owned by the credential `keyId`) an id and a
   * timestamp, logs them, and starts delivering them to every webhook of that credential subscribed to them.
   */
  publish(drafts: TransactionEventDraft[], keyId: string): void {
    if (this.abort.signal.aborted || drafts.length === 0) return;
    const created = formatTimestamp(this.clock.now());
    const events = drafts.map((draft): EmulatorEvent => ({
      id: this.ids.uuid(),
      type: draft.type,
      created,
      transaction: { ...draft.transaction },
      ...(draft.task ? { task: { ...draft.task } } : {}),
    }));
    for (const event of events) {
      this.events.set(event.id, event);
      this.eventOwners.set(event.id, keyId);
    }
    const ordered = this.behaviour.reorder ? [...events].reverse() : events;
    const copies = this.behaviour.duplicate ? 2 : 1;
    for (const webhook of this.webhooks.list(keyId)) {
      const relevant = ordered.filter((event) => webhook.events.includes(event.type));
      if (relevant.length > 0) void this.deliverInSequence(webhook, relevant, copies);
    }
  }

  /**
   * Sends an already published event again to every webhook of its owner subscribed to its type
   * (docs/id-scan-api.md §B5: the same event may arrive more than once). Resolves when each first attempt has ended.
   * @throws Error when no event has this id.
   */
  async redeliver(eventId: string): Promise<void> {
    const event = this.events.get(eventId);
    if (!event) throw new Error(`No event with id ${eventId} was published`);
    await Promise.all(
      this.webhooks
        .list(this.eventOwners.get(eventId) as string)
        .filter((webhook) => webhook.events.includes(event.type))
        .map((webhook) => this.deliver(webhook, event)),
    );
  }

  /** Every event published so far, oldest first. */
  publishedEvents(): EmulatorEvent[] {
    return [...this.events.values()].map((event) => structuredClone(event));
  }

  /** Every delivery attempt so far, in the order they ended. */
  log(): EmulatorWebhookDelivery[] {
    return this.deliveries.map((delivery) => structuredClone(delivery));
  }

  /**
   * Resolves with the first logged attempt (already logged or still to come) that matches `predicate`.
   * @throws Error after `timeoutMs`, or when the emulator stops first.
   */
  waitFor(
    predicate: (delivery: EmulatorWebhookDelivery) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<EmulatorWebhookDelivery> {
    const existing = this.deliveries.find(predicate);
    if (existing) return Promise.resolve(structuredClone(existing));
    return new Promise((resolve, reject) => {
      const waiter: DeliveryWaiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`No matching webhook delivery within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  onApplicationShutdown(): void {
    this.abort.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('The emulator stopped before a matching webhook delivery'));
    }
    this.waiters.clear();
  }

  private async deliverInSequence(webhook: ApiWebhook, events: EmulatorEvent[], copies: number): Promise<void> {
    for (const event of events) {
      for (let copy = 0; copy < copies; copy++) await this.deliver(webhook, event);
    }
  }

  // Resolves after the first attempt; retries run on their own timers.
  private async deliver(webhook: ApiWebhook, event: EmulatorEvent): Promise<void> {
    const deliveryId = this.ids.uuid();
    await this.attempt(webhook, event, deliveryId, 1);
  }

  private async attempt(webhook: ApiWebhook, event: EmulatorEvent, deliveryId: string, attempt: number): Promise<void> {
    // A webhook deleted while a retry waited gets nothing more.
    if (attempt > 1 && this.webhooks.find(webhook.id) === undefined) return;
    const headers: Record<string, string> = {
      ...(webhook.headers ?? {}),
      'Content-Type': 'application/json',
      'User-Agent': 'nestjs-id-scan-emulator',
    };
    const sentAt = formatTimestamp(this.clock.now());
    const outcome = await postOnce(
      webhook.url,
      JSON.stringify(event),
      headers,
      this.options.webhookTimeoutMs,
      this.abort.signal,
    );
    const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const retriesLeft = attempt <= this.options.webhookRetryDelaysMs.length;
    const stillSubscribed = this.webhooks.find(webhook.id) !== undefined;
    const cancelled = this.abort.signal.aborted || !stillSubscribed;
    const record: EmulatorWebhookDelivery = {
      deliveryId,
      attempt,
      webhookId: webhook.id,
      url: webhook.url,
      event,
      headers,
      sentAt,
      status: outcome.status,
      error: outcome.error,
      ok,
      outcome: ok ? 'done' : cancelled ? 'cancelled' : retriesLeft ? 'retry' : 'gave_up',
    };
    this.deliveries.push(record);
    this.notify(record);
    if (record.outcome === 'gave_up') {
      // The URL may carry a secret in its query; the log names only the webhook and the event.
      this.logger.warn(
        `Gave up delivering event ${event.id} to webhook ${webhook.id} after ${attempt} attempts`,
        'IdScanEmulatorWebhooks',
      );
    }
    if (record.outcome !== 'retry') return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.attempt(webhook, event, deliveryId, attempt + 1);
      },
      this.options.webhookRetryDelaysMs[attempt - 1],
    );
    this.timers.add(timer);
  }

  private notify(delivery: EmulatorWebhookDelivery): void {
    for (const waiter of this.waiters) {
      if (!waiter.predicate(delivery)) continue;
      this.waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(structuredClone(delivery));
    }
  }
}
