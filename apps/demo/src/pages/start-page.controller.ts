import { Body, Controller, Get, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { IdScanService, IdScanValidationError } from 'nestjs-id-scan';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import {
  DEFAULT_VERIFICATION_FORM,
  formMode,
  readVerificationForm,
  transactionRequestOf,
  type VerificationForm,
} from '../verifications/verification-form.util';
import { describeProblems } from '../verifications/verification-problems.util';
import { VerificationRepository } from '../verifications/verification.repository';
import { startPage } from '../views/start.view';
import { sendPage } from './page-response.util';
import { requestOrigin } from './request-origin.util';

/** The start page and the form that starts a verification. */
@Controller()
export class StartPageController {
  private readonly logger = new Logger(StartPageController.name);

  constructor(
    private readonly idScan: IdScanService,
    private readonly verifications: VerificationRepository,
    @Inject(DEMO_SETTINGS) private readonly settings: DemoSettings,
  ) {}

  @Get()
  show(@Res() res: Response): void {
    this.render(res, { ...DEFAULT_VERIFICATION_FORM });
  }

  /**
   * Creates the transaction, then either opens the page that embeds the flow, or sends the browser to the flow
   * itself (redirect mode), which comes back through the package's `/id-scan/return` route.
   */
  @Post('verifications')
  async start(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = readVerificationForm(body);
    const mode = formMode(form);
    if (!mode) {
      this.render(res, form, ['Choose how the person goes through the flow: embedded or redirect.']);
      return;
    }
    const origin = requestOrigin(req, this.settings.publicUrl);
    const request = transactionRequestOf(form, {
      scanReturnUrl: `${origin}/id-scan/scan-return`,
      ...(mode === 'redirect' ? { returnUrl: `${origin}/id-scan/return` } : {}),
    });
    const reference = randomUUID();
    let transaction;
    try {
      transaction = await this.idScan.createTransaction(request, { reference });
    } catch (error) {
      if (!(error instanceof IdScanValidationError)) throw error;
      this.render(res, form, describeProblems(error));
      return;
    }
    const createdAt = new Date();
    this.verifications.add({
      transactionId: transaction.id,
      reference,
      mode,
      tasks: transaction.tasks,
      locale: transaction.locale,
      mobileOnly: transaction.mobileOnly,
      url: transaction.url,
      createdAt,
      expiresAt: new Date(transaction.expires),
      status: 'pending',
      history: [
        {
          at: createdAt,
          text: `Transaction created (${mode === 'iframe' ? 'embedded' : 'redirect'} flow)`,
        },
      ],
    });
    this.logger.log(`Verification ${reference} started: transaction ${transaction.id}, ${mode} flow`);
    res.redirect(303, mode === 'iframe' ? `/verifications/${transaction.id}/flow` : transaction.url);
  }

  private render(res: Response, form: VerificationForm, errors?: string[]): void {
    const page = startPage({
      backend: this.settings.backend,
      form,
      errors,
      recent: this.verifications.recent(5),
    });
    sendPage(res, page, { status: errors ? 400 : 200 });
  }
}
