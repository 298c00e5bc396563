import {
  Body,
  Catch,
  Controller,
  Get,
  HttpException,
  Param,
  Post,
  Req,
  Res,
  UploadedFiles,
  UseFilters,
  UseInterceptors,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { HOSTED_PAGE_CSP } from './pages/content-security-policy.constants';
import { TASK_FORM_FIELDS } from './pages/task-form.constants';
import { TaskUploadInterceptor } from './task-upload.interceptor';
import { UploadRefusedError } from './upload-refused.error';
import { PageRoute } from '../api/emulator-route.decorator';
import { EmulatorExceptionFilter } from '../api/emulator-exception.filter';
import { HostedFlowService, type FlowAnswer, type FlowRequest, type UploadedPhoto } from './hosted-flow.service';

const PAGE = ':locale/identifications/:token';

/**
 * Uploads refused before they are read (`UploadRefusedError`: busy, in progress, too large) or by multer (too
 * large, unexpected field) show the task page again with the reason, in the page's language.
 */
@Catch(HttpException)
export class UploadErrorFilter implements ExceptionFilter {
  constructor(
    private readonly flow: HostedFlowService,
    private readonly fallback: EmulatorExceptionFilter,
  ) {}

  catch(exception: HttpException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request<{ locale: string; token: string }>>();
    const response = http.getResponse<Response>();
    const status: number = exception.getStatus();
    const refused = exception instanceof UploadRefusedError ? exception : undefined;
    if (!refused && status !== 413 && status !== 400) {
      this.fallback.catch(exception, host);
      return;
    }
    try {
      const { record, locale } = this.flow.resolve(request.params.locale, request.params.token);
      const error = refused?.error ?? (status === 413 ? 'file_too_large' : 'try_again');
      if (refused?.retryAfterSeconds !== undefined)
        response.setHeader('Retry-After', String(refused.retryAfterSeconds));
      send(response, this.flow.taskPageWithError(record, locale, flowRequest(request), status, error));
    } catch (notFound) {
      this.fallback.catch(notFound, host);
    }
  }
}

/**
 * The hosted end-user flow, on the page origin: `/{locale}/identifications/{token}` shows the current step;
 * `.../tasks/{task}` takes a task form (multipart, optional `photo`/`photoBack`); `.../give-up` abandons;
 * `.../status` tells a waiting page whether the transaction completed.
 */
@Controller()
export class HostedFlowController {
  constructor(private readonly flow: HostedFlowService) {}

  @Get(PAGE)
  @PageRoute('hostedPage')
  async page(
    @Param('locale') localeSegment: string,
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { record, locale } = this.flow.resolve(localeSegment, token);
    send(response, await this.flow.show(record, locale, flowRequest(request)));
  }

  @Get(`${PAGE}/status`)
  @PageRoute('hostedStatus')
  status(
    @Param('locale') localeSegment: string,
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): { state: string; completed: boolean } {
    response.setHeader('Cache-Control', 'no-store');
    return this.flow.status(this.flow.resolve(localeSegment, token).record);
  }

  @Post(`${PAGE}/tasks/:task`)
  @PageRoute('hostedTask')
  @UseFilters(UploadErrorFilter)
  @UseInterceptors(TaskUploadInterceptor)
  async submitTask(
    @Param('locale') localeSegment: string,
    @Param('token') token: string,
    @Param('task') task: string,
    @Body() body: Record<string, unknown> | undefined,
    @UploadedFiles() files: Partial<Record<string, UploadedPhoto[]>> | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { record, locale } = this.flow.resolve(localeSegment, token);
    const form = {
      scenario: body?.[TASK_FORM_FIELDS.scenario],
      photo: files?.[TASK_FORM_FIELDS.photo]?.[0],
      photoBack: files?.[TASK_FORM_FIELDS.photoBack]?.[0],
    };
    send(response, await this.flow.submitTask(record, locale, task, form, flowRequest(request)));
  }

  @Post(`${PAGE}/give-up`)
  @PageRoute('hostedGiveUp')
  giveUp(
    @Param('locale') localeSegment: string,
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): void {
    const { record, locale } = this.flow.resolve(localeSegment, token);
    send(response, this.flow.giveUp(record, locale, flowRequest(request)));
  }
}

const MOBILE_USER_AGENT = /Mobi|Android|iPhone|iPad|iPod/i;

// Browsers mark navigations inside an iframe with Sec-Fetch-Dest: iframe.
function flowRequest(request: Request): FlowRequest {
  return {
    deviceMobile: request.query.device === 'mobile',
    handoff: request.query.handoff === 'qr',
    mobileBrowser: MOBILE_USER_AGENT.test(request.headers['user-agent'] ?? ''),
    framed: request.headers['sec-fetch-dest'] === 'iframe',
  };
}

function send(response: Response, answer: FlowAnswer): void {
  response.setHeader('Cache-Control', 'no-store');
  if (answer.kind === 'redirect') {
    response.redirect(303, answer.location);
    return;
  }
  if (answer.refreshSeconds !== undefined) response.setHeader('Refresh', String(answer.refreshSeconds));
  response.setHeader('Content-Security-Policy', HOSTED_PAGE_CSP);
  response.status(answer.status).type('html').send(answer.html);
}
