import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from './jwt-auth.guard';
import { KeyId } from './key-id.decorator';
import { CreateWebhookDto } from './dto';
import { API_PREFIX } from '../emulator.constants';
import type { ApiWebhook } from '../interfaces';
import { EmulatorValidationPipe } from './emulator-validation.pipe';
import { ApiRoute } from './emulator-route.decorator';
import { WebhooksService } from '../state/webhooks/webhooks.service';

/** `POST /webhooks` (201), `GET /webhooks`, `DELETE /webhooks/{id}` (204), each on the caller's own webhooks. */
@Controller(API_PREFIX)
@UseGuards(JwtAuthGuard)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('webhooks')
  @HttpCode(201)
  @ApiRoute('createWebhook')
  create(@Body(EmulatorValidationPipe) request: CreateWebhookDto, @KeyId() keyId: string): ApiWebhook {
    return this.webhooks.create(request, keyId);
  }

  @Get('webhooks')
  @ApiRoute('listWebhooks')
  list(@KeyId() keyId: string): ApiWebhook[] {
    return this.webhooks.list(keyId);
  }

  @Delete('webhooks/:webhookId')
  @HttpCode(204)
  @ApiRoute('deleteWebhook')
  delete(@Param('webhookId') webhookId: string, @KeyId() keyId: string): void {
    this.webhooks.delete(webhookId, keyId);
  }
}
