import { Injectable } from '@nestjs/common';
import { SUPPORTED_LOCALES } from '../emulator.constants';
import { EmulatorApiError } from '../errors';
import type { EmulatedTaskType } from '../interfaces';
import { GIVE_UP_SCENARIO, SCENARIOS, type ScenarioId } from './pages/page-i18n.constants';
import { renderDonePage } from './pages/done-page.util';
import { renderExpiredPage } from './pages/expired-page.util';
import { renderQrHandoffPage } from './pages/qr-handoff-page.util';
import { renderTaskPage } from './pages/task-page.util';
import type { CaptureSource, PageLocale, TaskPageError } from './pages/pages.interface';
import { MediaService } from '../media/media.service';
import { PhotoDownscalerService } from '../media/photo-downscaler.service';
import type { TransactionRecord } from '../state/transaction-record.interface';
import { TransactionLifecycleService } from '../state/transaction-lifecycle.service';
import { TransactionStore } from '../state/transaction.store';
import { appendCompletion } from '../api/api-shapes.util';
import type { TaskOutcome } from '../simulation/task-simulation.util';
import { EmulatorUrlsService, pagePath } from '../options/emulator-urls.service';
import { checkPhoto } from './photo-upload.util';

/** What a hosted-flow request answers: a page, or a 303 redirect. */
export type FlowAnswer =
  { kind: 'page'; status: number; html: string; refreshSeconds?: number } | { kind: 'redirect'; location: string };

/** A picture posted with a task form (multer's in-memory file). */
export interface UploadedPhoto {
  fieldname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** The posted task form. */
export interface TaskForm {
  scenario?: unknown;
  photo?: UploadedPhoto;
  photoBack?: UploadedPhoto;
}

/**
 * What the flow needs to know about the browser's request, read by the controller: the flow's query parameters,
 * whether the browser says it is a phone, and whether the page loads inside an iframe.
 */
export interface FlowRequest {
  /** `device=mobile`: go on without the QR page on a desktop browser. */
  deviceMobile: boolean;
  /** `handoff=qr`: the URL in the QR code, so the person is on the phone. */
  handoff: boolean;
  /** The `User-Agent` names a phone or tablet. */
  mobileBrowser: boolean;
  /** `Sec-Fetch-Dest: iframe`: the browser loads the page inside a frame. */
  framed: boolean;
}

/** How often the desktop page that shows the QR code reloads to notice that the phone finished. */
const HANDOFF_REFRESH_SECONDS = 3;

/**
 * The hosted end-user flow: which page a person sees for a transaction (task, QR hand-off, expired, done), what
 * posting a task form does, and how the flow ends: a 303 to `returnUrl` (or `scanReturnUrl` after the QR hand-off)
 * with `trxid` and `resultid`, or the done page, which posts the completion message to the parent frame.
 *
 * Query parameters carried through the flow: `device=mobile` (go on without the QR page on a desktop browser, for
 * tests and for people without a phone) and `handoff=qr` (the URL in the QR code: the person is on the phone).
 */
@Injectable()
export class HostedFlowService {
  constructor(
    private readonly lifecycle: TransactionLifecycleService,
    private readonly store: TransactionStore,
    private readonly media: MediaService,
    private readonly urls: EmulatorUrlsService,
    private readonly downscaler: PhotoDownscalerService,
  ) {}

  /**
   * The transaction behind a page URL and the page language its locale segment asks for.
   * @throws EmulatorApiError 404 for an unknown locale segment or token.
   */
  resolve(localeSegment: string, token: string): { record: TransactionRecord; locale: PageLocale } {
    const locale = SUPPORTED_LOCALES.find((candidate) => candidate.toLowerCase() === localeSegment);
    const record = locale === undefined ? undefined : this.store.findByPageToken(token);
    if (locale === undefined || record === undefined) throw EmulatorApiError.notFound('The identification page');
    return { record, locale };
  }

  /**
   * Whether a form posted for `taskSegment` would run that task now: the transaction is pending, before its expiry,
   * and at that task. Only then is an upload worth reading.
   */
  isOpenTask(record: TransactionRecord, taskSegment: string): boolean {
    if (this.store.isPastExpiry(record) || record.state !== 'pending') return false;
    return this.lifecycle.currentTask(record)?.type === taskSegment;
  }

  /** `GET` of the page: whatever the transaction's state calls for. */
  async show(record: TransactionRecord, locale: PageLocale, request: FlowRequest): Promise<FlowAnswer> {
    const flow = flowParameters(request);
    if (this.store.isPastExpiry(record)) return this.expired(locale);
    if (record.state === 'completed') return this.done(record, locale, request, flow.handoff);
    if (record.mobileOnly && !flow.mobile && !request.mobileBrowser) {
      const path = pagePath(locale, record.pageToken);
      const handoffUrl = `${this.urls.handoffOrigin}${path}?handoff=qr`;
      return {
        kind: 'page',
        status: 200,
        refreshSeconds: HANDOFF_REFRESH_SECONDS,
        html: renderQrHandoffPage({
          locale,
          url: handoffUrl,
          qrCode: await this.media.qrCode(handoffUrl),
          continueUrl: `${path}?device=mobile`,
          loopback: isLoopback(handoffUrl),
        }),
      };
    }
    if (flow.handoff) this.lifecycle.markHandoff(record);
    return this.taskPage(record, locale, request, 200);
  }

  /**
   * `POST` of a task form: runs the task, then shows the next task or ends the flow. Uploads are checked on their
   * header (a picture over the photo bounds is refused with 413 before anything decodes it), then shrunk once, off
   * the event loop, to the working copy every render uses.
   */
  async submitTask(
    record: TransactionRecord,
    locale: PageLocale,
    taskSegment: string,
    form: TaskForm,
    request: FlowRequest,
  ): Promise<FlowAnswer> {
    const flow = flowParameters(request);
    if (this.store.isPastExpiry(record)) return this.expired(locale);
    if (record.state === 'completed') return this.done(record, locale, request, flow.handoff);
    const task = this.lifecycle.currentTask(record);
    // A form from an earlier step (back button, second tab): show where the flow really is.
    if (!task || task.type !== taskSegment) return this.backToPage(record, locale, request);

    const offered = SCENARIOS[task.type] as readonly string[];
    const scenario = typeof form.scenario === 'string' && offered.includes(form.scenario) ? form.scenario : undefined;
    if (scenario === undefined) return this.taskPage(record, locale, request, 400, 'scenario_required');
    if (scenario === GIVE_UP_SCENARIO) {
      this.lifecycle.giveUp(record.id);
      return this.afterCompletion(record, locale, request);
    }

    const acceptsFiles = this.captureSources(record, task.type).includes('file');
    const photos = acceptsFiles ? [form.photo, form.photoBack] : [];
    for (const photo of photos) {
      if (!photo || photo.size === 0) continue;
      const problem = checkPhoto(photo.buffer, photo.mimetype);
      if (problem) return this.taskPage(record, locale, request, problem === 'image_too_large' ? 413 : 400, problem);
    }
    const photo = acceptsFiles && form.photo?.size ? await this.downscaler.downscale(form.photo.buffer) : undefined;
    const photoBack =
      acceptsFiles && form.photoBack?.size ? await this.downscaler.downscale(form.photoBack.buffer) : undefined;
    // The flow may have moved on while the pictures were shrunk (a second tab, a double submit, the expiry).
    if (this.store.isPastExpiry(record)) return this.expired(locale);
    if (record.state !== 'pending' || this.lifecycle.currentTask(record) !== task) {
      return this.backToPage(record, locale, request);
    }
    this.lifecycle.performTask(record.id, toOutcome(task.type, scenario as ScenarioId, photo, photoBack));
    return isCompleted(record)
      ? this.afterCompletion(record, locale, request)
      : this.backToPage(record, locale, request);
  }

  /** `POST` of the give-up form. */
  giveUp(record: TransactionRecord, locale: PageLocale, request: FlowRequest): FlowAnswer {
    if (this.store.isPastExpiry(record)) return this.expired(locale);
    if (record.state === 'pending') this.lifecycle.giveUp(record.id);
    return this.afterCompletion(record, locale, request);
  }

  /** The task page again with an error (a refused upload). */
  taskPageWithError(
    record: TransactionRecord,
    locale: PageLocale,
    request: FlowRequest,
    status: number,
    error: TaskPageError,
  ): FlowAnswer {
    if (record.state !== 'pending') return this.backToPage(record, locale, request);
    return this.taskPage(record, locale, request, status, error);
  }

  /** A state summary for pages that wait (no personal data). */
  status(record: TransactionRecord): { state: string; completed: boolean } {
    return { state: record.state, completed: record.state === 'completed' };
  }

  private taskPage(
    record: TransactionRecord,
    locale: PageLocale,
    request: FlowRequest,
    status: number,
    error?: TaskPageError,
  ): FlowAnswer {
    const task = this.lifecycle.currentTask(record);
    if (!task) return this.done(record, locale, request, flowParameters(request).handoff);
    const path = pagePath(locale, record.pageToken);
    const query = flowQuery(request);
    const html = renderTaskPage({
      locale,
      task: task.type,
      step: { index: record.tasks.indexOf(task) + 1, total: record.tasks.length },
      formAction: `${path}/tasks/${task.type}${query}`,
      scenarios: SCENARIOS[task.type].filter((scenario) => scenario !== GIVE_UP_SCENARIO),
      captureSources: this.captureSources(record, task.type),
      ...(record.documentScan.minimumAge === undefined ? {} : { minimumAge: record.documentScan.minimumAge }),
      giveUpAction: `${path}/give-up${query}`,
      ...(error ? { error } : {}),
    });
    return { kind: 'page', status, html };
  }

  // The document's capture sources come from the settings; a selfie may always be uploaded; face matching
  // compares pictures already taken, so there is nothing to capture.
  private captureSources(record: TransactionRecord, task: EmulatedTaskType): readonly CaptureSource[] {
    if (task === 'document_scan') return record.documentScan.captureSources ?? ['camera', 'file'];
    return task === 'face_liveness' ? ['camera', 'file'] : ['camera'];
  }

  private afterCompletion(record: TransactionRecord, locale: PageLocale, request: FlowRequest): FlowAnswer {
    const redirect = this.redirectTarget(record, flowParameters(request).handoff);
    // Inside an iframe the flow ends on the done page, whose message reaches the embedding page; a redirect would
    // load the host's return URL inside the frame.
    if (redirect && !request.framed) return { kind: 'redirect', location: redirect };
    return this.backToPage(record, locale, request);
  }

  private done(record: TransactionRecord, locale: PageLocale, request: FlowRequest, handoff: boolean): FlowAnswer {
    const redirectUrl = this.redirectTarget(record, handoff);
    if (redirectUrl && !request.framed) return { kind: 'redirect', location: redirectUrl };
    const html = renderDonePage({
      locale,
      message: { type: 'id-scan.completed', transactionId: record.id, resultId: record.resultId ?? '' },
      ...(redirectUrl ? { redirectUrl } : {}),
    });
    return { kind: 'page', status: 200, html };
  }

  private redirectTarget(record: TransactionRecord, handoff: boolean): string | undefined {
    const target = handoff ? record.scanReturnUrl : record.returnUrl;
    return target ? appendCompletion(target, record) : undefined;
  }

  private expired(locale: PageLocale): FlowAnswer {
    return { kind: 'page', status: 410, html: renderExpiredPage({ locale }) };
  }

  private backToPage(record: TransactionRecord, locale: PageLocale, request: FlowRequest): FlowAnswer {
    return { kind: 'redirect', location: `${pagePath(locale, record.pageToken)}${flowQuery(request)}` };
  }
}

// Reads the state afresh: a task that was just performed may have completed the transaction.
function isCompleted(record: TransactionRecord): boolean {
  return record.state === 'completed';
}

function toOutcome(task: EmulatedTaskType, scenario: ScenarioId, photo?: Buffer, photoBack?: Buffer): TaskOutcome {
  switch (task) {
    case 'document_scan':
      return {
        task,
        scenario: scenario as Extract<TaskOutcome, { task: 'document_scan' }>['scenario'],
        ...(photo ? { photo } : {}),
        ...(photoBack ? { photoBack } : {}),
      };
    case 'face_liveness':
      return { task, live: scenario !== 'liveness_fails', ...(photo ? { photo } : {}) };
    case 'face_match':
      return { task, match: scenario !== 'face_mismatch' };
  }
}

function flowParameters(request: FlowRequest): { mobile: boolean; handoff: boolean } {
  return { handoff: request.handoff, mobile: request.handoff || request.deviceMobile };
}

function flowQuery(request: FlowRequest): string {
  const { mobile, handoff } = flowParameters(request);
  const params = new URLSearchParams();
  if (mobile && !handoff) params.set('device', 'mobile');
  if (handoff) params.set('handoff', 'qr');
  const query = params.toString();
  return query ? `?${query}` : '';
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
