import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { JwtAuthGuard } from './jwt-auth.guard';
import { KeyId } from './key-id.decorator';
import { CreateTransactionDto } from './dto';
import { API_PREFIX } from '../emulator.constants';
import { EmulatorApiError } from '../errors';
import type { ApiTransaction, ApiTransactionDetails, ApiTransactionResult } from '../interfaces';
import { EmulatorUrlsService } from '../options/emulator-urls.service';
import { MediaService, type ReportType } from '../media/media.service';
import { EmulatorValidationPipe } from './emulator-validation.pipe';
import { ApiRoute } from './emulator-route.decorator';
import { TransactionLifecycleService } from '../state/transaction-lifecycle.service';
import { TransactionStore } from '../state/transaction.store';
import { toApiTransaction, toTransactionDetails } from './api-shapes.util';

/**
 * `POST /transactions`, `GET /transactions/{id}`, the result and its audit report (docs/id-scan-api.md §B1). A
 * transaction belongs to the credential that created it; any other gets 404 as for an unknown id.
 */
@Controller(API_PREFIX)
@UseGuards(JwtAuthGuard)
export class TransactionsController {
  constructor(
    private readonly lifecycle: TransactionLifecycleService,
    private readonly store: TransactionStore,
    private readonly urls: EmulatorUrlsService,
    private readonly media: MediaService,
  ) {}

  @Post('transactions')
  @HttpCode(201)
  @ApiRoute('createTransaction')
  create(@Body(EmulatorValidationPipe) request: CreateTransactionDto, @KeyId() keyId: string): ApiTransaction {
    return toApiTransaction(this.lifecycle.create(request, keyId), this.urls);
  }

  @Get('transactions/:transactionId')
  @ApiRoute('getTransaction')
  details(@Param('transactionId') transactionId: string, @KeyId() keyId: string): ApiTransactionDetails {
    return toTransactionDetails(this.store.getOwned(transactionId, keyId), this.urls);
  }

  @Get('transactions/:transactionId/results/:resultId')
  @ApiRoute('getResult')
  result(
    @Param('transactionId') transactionId: string,
    @Param('resultId') resultId: string,
    @KeyId() keyId: string,
  ): ApiTransactionResult {
    return this.lifecycle.completedRecord(transactionId, resultId, keyId).result as ApiTransactionResult;
  }

  /** The simple report always; the extended one only within the transaction's validity period (else 410). */
  @Get('transactions/:transactionId/results/:resultId/report')
  @ApiRoute('getReport')
  async report(
    @Param('transactionId') transactionId: string,
    @Param('resultId') resultId: string,
    @Query('type') type: unknown,
    @KeyId() keyId: string,
    @Res() response: Response,
  ): Promise<void> {
    const reportType = parseReportType(type);
    const record = this.lifecycle.completedRecord(transactionId, resultId, keyId);
    if (reportType === 'extended' && this.store.isPastExpiry(record)) {
      throw EmulatorApiError.transactionExpired('The extended report');
    }
    const media = await this.media.report(record, reportType);
    response
      .status(200)
      .type(media.contentType)
      .setHeader('Content-Disposition', `attachment; filename="id-scan-report-${record.id}-${reportType}.pdf"`)
      .setHeader('Cache-Control', 'no-store')
      .end(media.body);
  }
}

function parseReportType(type: unknown): ReportType {
  if (type === undefined || type === 'simple') return 'simple';
  if (type === 'extended') return 'extended';
  throw EmulatorApiError.validation([{ field: 'type', message: 'type must be simple or extended' }]);
}
