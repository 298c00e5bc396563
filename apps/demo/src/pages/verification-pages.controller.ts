import { Controller, Get, Inject, Logger, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IdScanError, IdScanService } from 'nestjs-id-scan';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES } from '../i18n/demo-messages';
import { pageLanguageOf } from '../i18n/page-language.util';
import { sessionOf } from '../sessions/demo-session.middleware';
import type { Verification } from '../verifications/verification.interface';
import { VerificationRepository } from '../verifications/verification.repository';
import { errorPage, type ErrorPageView } from '../views/error.view';
import { flowPage } from '../views/flow.view';
import { expiredPage, outcomePage, pendingPage } from '../views/outcome.view';
import { verificationListPage } from '../views/verification-list.view';
import { ownVerification } from './other-session.exception';
import { sendPage } from './page-response.util';

/** Error codes of the package's return route that mean the person has not finished the flow yet. */
const NOT_FINISHED_CODES: ReadonlySet<string> = new Set(['result_not_found', 'transaction_not_completed']);

/**
 * The verification pages: the list, the embedded flow and the outcome, in the operator's language (the flow's own
 * language is the transaction's `locale`, a separate choice). Each shows only the verifications of the browser
 * session that started them; a valid link opened in another browser says that it belongs to another session.
 */
@Controller('verifications')
export class VerificationPagesController {
  private readonly logger = new Logger(VerificationPagesController.name);

  constructor(
    private readonly idScan: IdScanService,
    private readonly verifications: VerificationRepository,
    @Inject(DEMO_SETTINGS) private readonly settings: DemoSettings,
  ) {}

  @Get()
  list(@Req() req: Request, @Res() res: Response): void {
    const lang = pageLanguageOf(req, res);
    sendPage(res, verificationListPage(this.settings.backend, this.verifications.recent(sessionOf(res)), lang));
  }

  /**
   * Where the package's return route sends the person: `callbacks.successRedirect` and `failureRedirect` alike,
   * with `transactionId` appended, and `error` when the package could not confirm the completion. The outcome page
   * tells a verified result from a failed or unfinished one; a completion that could not be confirmed gets a page
   * that says why, in the person's words: not finished yet, unknown here, or the service not answering.
   */
  @Get('returned')
  returned(
    @Query('transactionId') transactionId: unknown,
    @Query('error') error: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const id = typeof transactionId === 'string' ? transactionId : undefined;
    const verification = id === undefined ? undefined : this.verifications.find(id, sessionOf(res));
    if (verification && (error === undefined || verification.completion)) {
      res.redirect(303, `/verifications/${verification.transactionId}`);
      return;
    }
    const lang = pageLanguageOf(req, res);
    const otherSession = !verification && id !== undefined && this.verifications.exists(id);
    const view = {
      ...this.returnedView(verification, typeof error === 'string' ? error : '', lang, otherSession),
      queryBound: true,
    };
    sendPage(res, errorPage(this.settings.backend, view, lang), { status: view.status });
  }

  /** The page that embeds the hosted flow (iframe mode). */
  @Get(':transactionId/flow')
  async flow(@Param('transactionId') transactionId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const verification = ownVerification(this.verifications, transactionId, res);
    if (verification.status === 'pending') await this.checkExpiry(verification);
    if (verification.status !== 'pending') {
      res.redirect(303, `/verifications/${verification.transactionId}`);
      return;
    }
    sendPage(res, flowPage(this.settings.backend, verification, pageLanguageOf(req, res)), {
      frameOrigin: new URL(verification.url).origin,
    });
  }

  /** The outcome once the completion event has arrived; until then a page that waits for it. */
  @Get(':transactionId')
  async outcome(
    @Param('transactionId') transactionId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const verification = ownVerification(this.verifications, transactionId, res);
    if (verification.status === 'pending') await this.checkExpiry(verification);
    const backend = this.settings.backend;
    const lang = pageLanguageOf(req, res);
    if (verification.completion) sendPage(res, outcomePage(backend, verification, verification.completion, lang));
    else if (verification.status === 'expired') sendPage(res, expiredPage(backend, verification, lang));
    else sendPage(res, pendingPage(backend, verification, lang));
  }

  private returnedView(
    verification: Verification | undefined,
    error: string,
    lang: DemoLanguage,
    otherSession: boolean,
  ): ErrorPageView {
    const t = DEMO_MESSAGES[lang];
    if (!verification && otherSession) {
      return { status: 403, kind: 'other-session', ...t.errors.otherSession };
    }
    if (!verification) {
      return { status: 404, kind: 'unknown', title: t.returned.unknownTitle, message: t.returned.unknownText };
    }
    if (NOT_FINISHED_CODES.has(error)) {
      const resume =
        verification.mode === 'iframe' ? `/verifications/${verification.transactionId}/flow` : verification.url;
      return {
        status: 200,
        kind: 'not-finished',
        title: t.returned.notFinishedTitle,
        message: t.returned.notFinishedText,
        link: { href: resume, label: t.returned.resume },
      };
    }
    return {
      status: 502,
      kind: 'unconfirmed',
      title: t.returned.unconfirmedTitle,
      message: t.returned.unconfirmedText,
      link: { href: `/verifications/${verification.transactionId}`, label: t.returned.checkVerification },
    };
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
