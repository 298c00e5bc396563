import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn } from 'class-validator';
import type { IdScanWebhookEventType } from '../interfaces/id-scan-api.interface';
import { IsHeaderMap } from './validators/is-header-map.validator';
import { IsOmittable } from './validators/is-omittable.validator';
import { IsHttpsUrl } from './validators/is-https-url.validator';

/** Event types a webhook can subscribe to (docs/id-scan-api.md §A8). */
export const ID_SCAN_WEBHOOK_EVENT_TYPES = ['transaction.state.updated', 'task.state.updated'] as const;

/** The body of `POST /webhooks`. Validated by `IdScanService.createWebhook` before anything is sent. */
export class CreateWebhookDto {
  /** Where deliveries are sent: an absolute https URL (http only for localhost / 127.0.0.1). */
  @IsHttpsUrl()
  url!: string;

  /** The event types to receive; a non-empty, duplicate-free list. @default both */
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(ID_SCAN_WEBHOOK_EVENT_TYPES, { each: true })
  events?: IdScanWebhookEventType[];

  /** Headers CM.com adds to every delivery, such as a shared secret. At most 20, single-line values. */
  @IsOmittable()
  @IsHeaderMap()
  headers?: Record<string, string>;
}
