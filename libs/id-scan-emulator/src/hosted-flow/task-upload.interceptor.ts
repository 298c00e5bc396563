import {
  Inject,
  Injectable,
  Optional,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileFieldsInterceptor, type MulterModuleOptions } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { TASK_FORM_FIELDS } from './pages/task-form.constants';
import { HostedFlowService } from './hosted-flow.service';
import { UploadAdmissionService } from './upload-admission.service';

/** Nest's injection token of `MulterModule.register()`'s options. */
const MULTER_MODULE_OPTIONS = 'MULTER_MODULE_OPTIONS';

/** Multer for the task form's two optional pictures. */
const TaskFormFields: Type<NestInterceptor> = FileFieldsInterceptor([
  { name: TASK_FORM_FIELDS.photo, maxCount: 1 },
  { name: TASK_FORM_FIELDS.photoBack, maxCount: 1 },
]);

/**
 * Reads a task form's body only when it can be used: the page token must name a transaction (404 otherwise) and
 * the posted task must be the one the flow is at, before the expiry; then {@link UploadAdmissionService} admits it
 * (409/413/503). Only then does multer buffer the pictures. A form for a flow that moved on or expired goes to the
 * handler unread, which answers as for any form of an earlier step. The admission lasts until the answer is sent
 * or the connection closes, so the pictures' decoding counts as part of the upload.
 */
@Injectable()
export class TaskUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(
    private readonly flow: HostedFlowService,
    private readonly admission: UploadAdmissionService,
    @Optional() @Inject(MULTER_MODULE_OPTIONS) options: MulterModuleOptions = {},
  ) {
    this.multer = new TaskFormFields(options);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request<{ locale: string; token: string; task: string }>>();
    const { record } = this.flow.resolve(request.params.locale, request.params.token);
    if (!this.flow.isOpenTask(record, request.params.task)) return next.handle();
    const ticket = this.admission.admit(record.id, declaredLength(request));
    http.getResponse<Response>().once('close', () => ticket.release());
    return this.multer.intercept(context, next);
  }
}

// Node has already refused a malformed Content-Length; a chunked body has none.
function declaredLength(request: Request): number | undefined {
  const header = request.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}
