import { Controller, Get, Inject, Logger, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { IdScanGoneError, IdScanService, type IdScanDownload } from 'nestjs-id-scan';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES } from '../i18n/demo-messages';
import { pageLanguageOf } from '../i18n/page-language.util';
import type { Verification, VerificationCompletion } from '../verifications/verification.interface';
import { findResultFile } from '../verifications/verification-outcome.util';
import { VerificationRepository } from '../verifications/verification.repository';
import { formatDateTime } from '../views/format.util';
import { errorPage } from '../views/error.view';
import { ownVerification } from './other-session.exception';
import { sendPage } from './page-response.util';

const REPORT_TYPES = ['simple', 'extended'] as const;
type ReportType = (typeof REPORT_TYPES)[number];

/**
 * Images and audit reports of a completed verification, streamed through the host: the browser never sees an API
 * URL (downloads need the bearer token), nothing is buffered, and nothing personal is cached on the way. Only the
 * browser session that started the verification gets them; any other gets 404.
 */
@Controller('verifications/:transactionId')
export class VerificationFilesController {
  private readonly logger = new Logger(VerificationFilesController.name);

  constructor(
    private readonly idScan: IdScanService,
    private readonly verifications: VerificationRepository,
    @Inject(DEMO_SETTINGS) private readonly settings: DemoSettings,
  ) {}

  /** A document side, the portrait or the selfie; `key` points into the stored result, never at a URL. */
  @Get('files/:key')
  async file(
    @Param('transactionId') transactionId: string,
    @Param('key') key: string,
    @Res() res: Response,
  ): Promise<void> {
    const { completion } = this.completed(transactionId, res);
    const file = findResultFile(completion.result, key);
    if (!file) throw new NotFoundException();
    const download = await this.idScan.downloadFile(file);
    // Only images are shown inline; anything else the API might send is offered as a download.
    const image = /^image\/(jpeg|png|webp|gif)$/i.test(download.contentType);
    await this.stream(res, download, {
      'content-type': image ? download.contentType : 'application/octet-stream',
      'content-disposition': image ? 'inline' : 'attachment',
    });
  }

  /**
   * The simple or extended audit report (PDF); the extended one only while the transaction is valid. Shown in the
   * browser, or with `?download=1` saved as a file (`Content-Disposition: attachment` with a file name).
   */
  @Get('reports/:type')
  async report(
    @Param('transactionId') transactionId: string,
    @Param('type') type: string,
    @Query('download') download: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!(REPORT_TYPES as readonly string[]).includes(type)) throw new NotFoundException();
    const verification = this.completed(transactionId, res);
    let report: IdScanDownload;
    try {
      report = await this.idScan.getReport(transactionId, verification.completion.resultId, {
        type: type as ReportType,
      });
    } catch (error) {
      if (!(error instanceof IdScanGoneError)) throw error;
      sendPage(res, this.reportGonePage(verification, pageLanguageOf(req, res)), { status: 410 });
      return;
    }
    const pdf = /^application\/pdf\b/i.test(report.contentType);
    const inline = pdf && download === undefined;
    // The id is a UUID the repository matched, so the name needs no escaping.
    const filename = `id-scan-${type}-report-${verification.transactionId}.pdf`;
    await this.stream(res, report, {
      'content-type': pdf ? 'application/pdf' : 'application/octet-stream',
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename}"`,
    });
  }

  private completed(transactionId: string, res: Response): Verification & { completion: VerificationCompletion } {
    const verification = ownVerification(this.verifications, transactionId, res);
    if (!verification.completion) throw new NotFoundException();
    return verification as Verification & {
      completion: VerificationCompletion;
    };
  }

  private async stream(res: Response, download: IdScanDownload, headers: Record<string, string>): Promise<void> {
    res.status(200).set({
      ...headers,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      ...(download.contentLength !== undefined ? { 'content-length': String(download.contentLength) } : {}),
    });
    try {
      await pipeline(download.stream, res);
    } catch (error) {
      // The browser went away, or the API broke off mid-body: the response is cut short either way.
      this.logger.warn(`A download was interrupted: ${(error as Error).name}`);
    }
  }

  private reportGonePage(verification: Verification, lang: DemoLanguage): string {
    const t = DEMO_MESSAGES[lang];
    return errorPage(
      this.settings.backend,
      {
        status: 410,
        kind: 'report-gone',
        title: t.reportGone.title,
        message: t.reportGone.text(formatDateTime(verification.expiresAt, t.dateLocale)),
        link: { href: `/verifications/${verification.transactionId}`, label: t.reportGone.back },
      },
      lang,
    );
  }
}
