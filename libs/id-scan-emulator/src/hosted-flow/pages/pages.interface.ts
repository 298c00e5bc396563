/**
 * View models of the emulator's hosted end-user pages. The server builds one of these per request and passes it
 * to the matching `render*Page` function, which returns a complete HTML document. Every value is escaped on
 * output, so a view may carry anything the server holds.
 */
import type { SUPPORTED_LOCALES } from '../../emulator.constants';
import type { EmulatedTaskType } from '../../interfaces';
import type { ScenarioId } from './page-i18n.constants';

/** Languages of the hosted flow (docs/id-scan-api.md §B3 `locale`). */
export type PageLocale = (typeof SUPPORTED_LOCALES)[number];

/** How the person may capture a document (`settings.documentScan.captureSources`). */
export type CaptureSource = 'camera' | 'file';

/**
 * Why the server sends the task page back: each code has a translated message.
 * - `scenario_required`: no (or an unknown) scenario was posted;
 * - `unsupported_file`: an upload that is not JPEG or PNG;
 * - `file_too_large`: an upload over the server's limit;
 * - `unreadable_image`: a JPEG/PNG that cannot be decoded;
 * - `upload_in_progress`: another upload for this step is still being received or read (a second tab, a double
 *   submit);
 * - `server_busy`: the emulator is reading as many uploads as it takes at once;
 * - `try_again`: anything else worth a retry.
 */
export type TaskPageError =
  | 'scenario_required'
  | 'unsupported_file'
  | 'file_too_large'
  | 'image_too_large'
  | 'unreadable_image'
  | 'upload_in_progress'
  | 'server_busy'
  | 'try_again';

/** Position of the current task in the transaction's task list, 1-based. */
export interface PageStep {
  index: number;
  total: number;
}

/**
 * One task of the hosted flow. The page has two forms:
 * - the task form: `POST formAction`, `multipart/form-data`, fields named as in `TASK_FORM_FIELDS`
 *   (`scenario`, and when `captureSources` allows `file`: `photo`, plus `photoBack` for `document_scan`);
 * - the give-up form: `POST giveUpAction`, `application/x-www-form-urlencoded`, `scenario=gives_up`.
 * Both forms repeat `hiddenFields`.
 */
export interface TaskPageView {
  locale: PageLocale;
  task: EmulatedTaskType;
  step: PageStep;
  /** URL the task form posts to. */
  formAction: string;
  /**
   * Scenarios offered, in order; the first is pre-selected. `gives_up` is never a radio button: the give-up
   * button stands for it.
   */
  scenarios: readonly ScenarioId[];
  /** `file` shows the upload inputs; `camera` alone explains that the emulator simulates the camera. */
  captureSources: readonly CaptureSource[];
  /**
   * The transaction's `documentScan.minimumAge`: without one, the under-age scenario says that no minimum applies
   * (its holder is then 15 and passes).
   */
  minimumAge?: number;
  /** URL the give-up form posts to. */
  giveUpAction: string;
  /** Extra hidden inputs for both forms (for example an anti-forgery token). */
  hiddenFields?: Readonly<Record<string, string>>;
  error?: TaskPageError;
}

/** `mobileOnly` on a desktop browser: continue on a phone by scanning the QR code. */
export interface QrHandoffPageView {
  locale: PageLocale;
  /** The URL the QR code encodes, also shown as text. */
  url: string;
  /** What `renderQrCode(url)` returned: an SVG document string, shown as an image. */
  qrCode: string;
  /** Link to go on in this browser anyway. */
  continueUrl: string;
  /** The URL's host is a loopback address (`127.0.0.1`, `::1`, `localhost`), which no phone can open. */
  loopback?: boolean;
}

/** The transaction expired before the person finished. */
export interface ExpiredPageView {
  locale: PageLocale;
}

/** The message the done page posts to the parent frame (docs/id-scan-api.md §B5); it carries no personal data. */
export interface CompletionMessage {
  type: 'id-scan.completed';
  transactionId: string;
  resultId: string;
}

/**
 * The last page. In a frame it posts `message` to the parent (target origin `*`); otherwise it goes to
 * `redirectUrl` (the `returnUrl`/`scanReturnUrl` with `trxid` and `resultid` already appended) when there is one,
 * or tells the person they may close the window.
 */
export interface DonePageView {
  locale: PageLocale;
  message: CompletionMessage;
  redirectUrl?: string;
}

/** Any other failure (unknown link, bad request). `message` is shown as given: never put personal data in it. */
export interface ErrorPageView {
  locale: PageLocale;
  status: number;
  message: string;
}
