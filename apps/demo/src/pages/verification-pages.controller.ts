import { Controller, Get, Inject, Logger, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IdScanError, IdScanService } from 'nestjs-id-scan';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import type { Verification } from '../verifications/verification.interface';
import { VerificationRepository } from '../verifications/verification.repository';
import { errorPage } from '../views/error.view';
import { flowPage } from '../views/flow.view';
import { expiredPage, outcomePage, pendingPage } from '../views/outcome.view';
import { verificationListPage } from '../views/verification-list.view';
import { sendPage } from './page-response.util';

/** The verification pages: the list, the embedded flow and the outcome. */
@Controller('verifications')
export class VerificationPagesController {
  private readonly logger = new Logger(VerificationPagesController.name);

  constructor(
    private readonly idScan: IdScanService,
    private readonly verifications: VerificationRepository,
    @Inject(DEMO_SETTINGS) private readonly settings: DemoSettings,
  ) {}

  @Get()
  list(@Res() res: Response): void {
    sendPage(res, verificationListPage(this.settings.backend, this.verifications.recent()));
  }

  /**
   * Where the package's return route sends the person: `callbacks.successRedirect` and `failureRedirect` alike,
   * with `transactionId` appended, and `error` when the package could not confirm the completion. The outcome page
   * tells a verified result from a failed one; only an unconfirmed completion gets a page of its own.
   */
  @Get('returned')
  returned(@Query('transactionId') transactionId: unknown, @Query('error') error: unknown, @Res() res: Response): void {
    const verification = typeof transactionId === 'string' ? this.verifications.find(transactionId) : undefined;
    if (!verification) throw new NotFoundException();
    const outcomeUrl = `/verifications/${verification.transactionId}`;
    if (error === undefined || verification.completion) {
      res.redirect(303, outcomeUrl);
      return;
    }
    sendPage(
      res,
      errorPage(this.settings.backend, {
        status: 502,
        title: 'We could not confirm your verification yet',
        message:
          'You finished the flow, but the application could not fetch the result from the ID Scan service. ' +
          'It will still arrive by event notification; the verification page shows it as soon as it does.',
        link: { href: outcomeUrl, label: 'Check the verification' },
      }),
      { status: 502 },
    );
  }

  /** The page that embeds the hosted flow (iframe mode). */
  @Get(':transactionId/flow')
  async flow(@Param('transactionId') transactionId: string, @Res() res: Response): Promise<void> {
    const verification = this.find(transactionId);
    if (verification.status === 'pending') await this.checkExpiry(verification);
    if (verification.status !== 'pending') {
      res.redirect(303, `/verifications/${verification.transactionId}`);
      return;
    }
    sendPage(res, flowPage(this.settings.backend, verification), {
      frameOrigin: new URL(verification.url).origin,
    });
  }

  /** The outcome once the completion event has arrived; until then a page that waits for it. */
  @Get(':transactionId')
  async outcome(@Param('transactionId') transactionId: string, @Res() res: Response): Promise<void> {
    const verification = this.find(transactionId);
    if (verification.status === 'pending') await this.checkExpiry(verification);
    const backend = this.settings.backend;
    if (verification.completion) sendPage(res, outcomePage(backend, verification, verification.completion));
    else if (verification.status === 'expired') sendPage(res, expiredPage(backend, verification));
    else sendPage(res, pendingPage(backend, verification));
  }

  private find(transactionId: string): Verification {
    const verification = this.verifications.find(transactionId);
    if (!verification) throw new NotFoundException();
    return verification;
  }

  /**
   * Asks the API whether a pending transaction has expired: the hosted flow's clock, not this server's, decides.
   * A failing API leaves the page as it is; the next refresh asks again.
   */
  private async checkExpiry(verification: Verification): Promise<void> {
    try {
      const details = await this.idScan.getTransaction(verification.transactionId);
      if (details.state === 'expired') this.verifications.expire(verification.transactionId, new Date());
    } catch (error) {
      if (!(error instanceof IdScanError)) throw error;
      this.logger.warn(`Could not read transaction ${verification.transactionId}: ${error.name}`);
    }
  }
}
