import { Body, Controller, Get, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { IdScanService, IdScanValidationError } from 'nestjs-id-scan';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import { languageOfLocale, type DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES } from '../i18n/demo-messages';
import { pageLanguageOf } from '../i18n/page-language.util';
import { sessionOf } from '../sessions/demo-session.middleware';
import { StartLimitsService } from '../security/start-limits.service';
import {
  DEFAULT_VERIFICATION_FORM,
  formMode,
  LOCALE_CHOICES,
  readVerificationForm,
  transactionRequestOf,
  type VerificationForm,
} from '../verifications/verification-form.util';
import { describeProblems } from '../verifications/verification-problems.util';
import { VerificationRepository } from '../verifications/verification.repository';
import { startPage } from '../views/start.view';
import { appOrigin } from './app-origin.util';
import { sendPage } from './page-response.util';

/** Hosts a phone cannot reach: they name this computer. */
const LOCAL_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** The start page and the form that starts a verification. */
@Controller()
export class StartPageController {
  private readonly logger = new Logger(StartPageController.name);

  constructor(
    private readonly idScan: IdScanService,
    private readonly verifications: VerificationRepository,
    private readonly limits: StartLimitsService,
    @Inject(DEMO_SETTINGS) private readonly settings: DemoSettings,
  ) {}

  @Get()
  show(@Req() req: Request, @Res() res: Response): void {
    const lang = pageLanguageOf(req, res);
    const locale = LOCALE_CHOICES.find((choice) => languageOfLocale(choice.value) === lang)?.value;
    this.render(res, lang, { ...DEFAULT_VERIFICATION_FORM, locale: locale ?? DEFAULT_VERIFICATION_FORM.locale });
  }

  /**
   * Creates the transaction, then either opens the page that embeds the flow, or sends the browser to the flow
   * itself (redirect mode), which comes back through the package's `/id-scan/return` route. Return URLs come from
   * `PUBLIC_URL` or the demo's own address, never from the request. A session and an address start a bounded
   * number (429 page beyond, see `StartLimitsService`); posts from other sites never get here
   * (`SameOriginMiddleware`).
   */
  @Post('verifications')
  async start(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = readVerificationForm(body);
    // The operator's language, whatever language the person's flow was asked in.
    const lang = pageLanguageOf(req, res);
    const t = DEMO_MESSAGES[lang];
    const mode = formMode(form);
    if (!mode) {
      this.render(res, lang, form, [t.start.problems.mode]);
      return;
    }
    const origin = appOrigin(this.settings);
    // The embedded flow gets the return URL too: on a screen narrower than the frame, the flow page opens the
    // flow on its own page instead, and the person comes back through it.
    const request = transactionRequestOf(form, {
      scanReturnUrl: `${origin}/id-scan/scan-return`,
      returnUrl: `${origin}/id-scan/return`,
    });
    // Counted once the form is usable: only a create call costs anything.
    this.limits.take(sessionOf(res), req.ip ?? req.socket.remoteAddress ?? 'unknown');
    const reference = randomUUID();
    let transaction;
    try {
      transaction = await this.idScan.createTransaction(request, { reference });
    } catch (error) {
      if (!(error instanceof IdScanValidationError)) throw error;
      this.render(res, lang, form, describeProblems(error, t));
      return;
    }
    const createdAt = new Date();
    this.verifications.add({
      transactionId: transaction.id,
      sessionId: sessionOf(res),
      reference,
      mode,
      tasks: transaction.tasks,
      locale: transaction.locale,
      mobileOnly: transaction.mobileOnly,
      ...(form.minimumAge === '' ? {} : { minimumAge: Number(form.minimumAge) }),
      url: transaction.url,
      createdAt,
      expiresAt: new Date(transaction.expires),
      status: 'pending',
      history: [{ at: createdAt, kind: 'created', mode }],
    });
    this.logger.log(`Verification ${reference} started: transaction ${transaction.id}, ${mode} flow`);
    res.redirect(303, mode === 'iframe' ? `/verifications/${transaction.id}/flow` : transaction.url);
  }

  private render(res: Response, lang: DemoLanguage, form: VerificationForm, errors?: string[]): void {
    const handoffOrigin = this.settings.handoffOrigin;
    const page = startPage({
      backend: this.settings.backend,
      lang,
      form,
      errors,
      recent: this.verifications.recent(sessionOf(res), 5),
      handoff: { origin: handoffOrigin, reachable: !LOCAL_HOSTS.test(new URL(handoffOrigin).hostname) },
    });
    sendPage(res, page, { status: errors ? 400 : 200 });
  }
}
