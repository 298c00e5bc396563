import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import type { EmulatorEventType } from '../../interfaces';
import { IsAllowedUrl, IsHeaderMap, IsOmittable } from '../validators';

/** Event types a webhook can subscribe to; both by default. */
export const EVENT_TYPES: readonly EmulatorEventType[] = ['transaction.state.updated', 'task.state.updated'];

/** Body of `POST /webhooks`. Unknown keys are refused. */
export class CreateWebhookDto {
  /**
   * Where deliveries go. CM.com demands `https://`; the emulator also takes `http://` on localhost/127.0.0.1 so a
   * test can receive deliveries on a plain loopback server.
   */
  @IsString()
  @MaxLength(2048)
  @IsAllowedUrl({ message: 'url must be an absolute https: URL (http: only for localhost or 127.0.0.1)' })
  url!: string;

  /** @default both event types */
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(EVENT_TYPES, { each: true })
  events?: EmulatorEventType[];

  /** Custom headers added to every delivery, for example a shared secret. */
  @IsOmittable()
  @IsHeaderMap()
  headers?: Record<string, string>;
}
