import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { JwtAuthGuard } from './jwt-auth.guard';
import { KeyId } from './key-id.decorator';
import { API_PREFIX } from '../emulator.constants';
import { EmulatorApiError } from '../errors';
import { MediaService } from '../media/media.service';
import { ApiRoute } from './emulator-route.decorator';
import { TransactionStore } from '../state/transaction.store';
import { FilesService } from '../state/files.service';

const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const;

/**
 * `GET /downloads/{token}`: 200 with the picture, 404 for an unknown token or one of another credential's
 * transaction (the same answer), 410 once a pending transaction expired.
 */
@Controller(API_PREFIX)
@UseGuards(JwtAuthGuard)
export class DownloadsController {
  constructor(
    private readonly files: FilesService,
    private readonly store: TransactionStore,
    private readonly media: MediaService,
  ) {}

  @Get('downloads/:token')
  @ApiRoute('download')
  async download(@Param('token') token: string, @KeyId() keyId: string, @Res() response: Response): Promise<void> {
    const reference = this.files.resolve(token);
    const record = this.store.findOwned(reference.transactionId, keyId);
    if (!record) throw EmulatorApiError.notFound('The file');
    if (record.state === 'expired') throw EmulatorApiError.transactionExpired('The file');
    const media = await this.media.image(record, reference.kind);
    response
      .status(200)
      .type(media.contentType)
      .setHeader('Content-Disposition', `inline; filename="${reference.kind}.${EXTENSIONS[media.contentType]}"`)
      .setHeader('Cache-Control', 'private, max-age=300')
      .end(media.body);
  }
}
