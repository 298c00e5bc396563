import type { EmulatorEvent } from './emulator-event.interface';

/** One HTTP attempt to deliver an event to a webhook, as recorded in `IdScanEmulator.webhookDeliveries()`. */
export interface EmulatorWebhookDelivery {
  /** Identifies the delivery (all attempts of one event to one webhook share it; a redelivery gets a new one). */
  deliveryId: string;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  webhookId: string;
  url: string;
  event: EmulatorEvent;
  /** The request headers sent (custom headers included). */
  headers: Record<string, string>;
  /** Emulated time the attempt started, as the API writes timestamps. */
  sentAt: string;
  /** The receiver's HTTP status, or `null` when there was none (timeout, refused, reset). */
  status: number | null;
  /** Why the attempt failed without a status (`timeout`, `ECONNREFUSED`, ...), otherwise `null`. */
  error: string | null;
  /** Whether the receiver answered 2xx. */
  ok: boolean;
  /** What happens next: `done` (2xx), `retry` (another attempt is scheduled) or `gave_up` (no retries left). */
  outcome: 'done' | 'retry' | 'gave_up' | 'cancelled';
}
