import { Body, Controller, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IdScanExceptionFilter } from '../controllers/id-scan-exception.filter';
import { createIdScanValidationPipe } from '../controllers/id-scan-validation.pipe';
import type { IdScanEventDelivery } from '../interfaces/id-scan-api.interface';
import { IdScanEventDeliveryDto } from './event-delivery.dto';
import { IdScanEventDeliveryHandler, type IdScanEventDeliveryReceipt } from './id-scan-event-delivery.handler';
import { IdScanWebhookSecretGuard } from './id-scan-webhook-secret.guard';

/** What the events route answers; the sender ignores the body, which is there for logs and tests. */
export interface IdScanEventsResponse extends IdScanEventDeliveryReceipt {
  received: true;
}

/**
 * `POST /id-scan/events`: receives ID Scan event deliveries (docs/id-scan-api.md §B5). Answers
 * - 401 without an accepted secret in `webhooks.headerName` (always, when no secret is configured);
 * - 400 for a malformed delivery;
 * - 200 once the delivery was acted upon (the completion recorded in the store and the domain event's delivery
 *   scheduled or enqueued) or recognised as a duplicate;
 * - 202 for a delivery there is nothing to do about (a transaction this application did not start, an event type
 *   or state it does not track): acknowledging stops the sender's retries, which could never succeed;
 * - 4xx/5xx when the API could not confirm the event, or the store or queue failed; the delivery is then not
 *   marked as seen, so the sender's retry is processed afresh.
 * The answer does not wait for the listeners of the resulting domain event: their delivery is retried on its own.
 */
@Controller('id-scan')
@UseFilters(IdScanExceptionFilter)
export class IdScanEventsController {
  constructor(
    private readonly handler: IdScanEventDeliveryHandler,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Receives one delivery. */
  @Post('events')
  @UseGuards(IdScanWebhookSecretGuard)
  async receive(
    // Keys the API adds to deliveries later are dropped, not refused: the sender would retry a 4xx forever.
    @Body(createIdScanValidationPipe({ forbidUnknown: false })) delivery: IdScanEventDeliveryDto,
    @Res() response: unknown,
  ): Promise<void> {
    const receipt = await this.handler.handle(delivery as IdScanEventDelivery);
    const body: IdScanEventsResponse = { received: true, ...receipt };
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(response, 'Cache-Control', 'no-store');
    adapter.reply(response, body, receipt.outcome === 'ignored' ? 202 : 200);
  }
}
