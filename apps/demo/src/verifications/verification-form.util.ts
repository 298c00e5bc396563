import type { VerificationMode } from './verification.interface';

/** A choice of tasks the form offers: exactly the three combinations ID Scan accepts. */
export interface TaskChoice {
  /** The radio button's value: the tasks joined by commas. */
  value: string;
  tasks: readonly string[];
  label: string;
  hint: string;
}

/** The three valid task combinations (id-scan-api.md 3.2), in the form's order. */
export const TASK_CHOICES: readonly TaskChoice[] = [
  {
    value: 'document_scan',
    tasks: ['document_scan'],
    label: 'Document',
    hint: 'Front and back of a passport or ID card',
  },
  {
    value: 'document_scan,face_liveness',
    tasks: ['document_scan', 'face_liveness'],
    label: 'Document and liveness',
    hint: 'Adds a camera check that a real person is present',
  },
  {
    value: 'document_scan,face_liveness,face_match',
    tasks: ['document_scan', 'face_liveness', 'face_match'],
    label: 'Document, liveness and face match',
    hint: 'Also compares the selfie with the document photo',
  },
];

/** Languages of the hosted flow. */
export const LOCALE_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'en-US', label: 'English (United States)' },
  { value: 'nl-NL', label: 'Nederlands (Nederland)' },
  { value: 'fr-FR', label: 'Français (France)' },
];

/** How long the person has to finish, in seconds (1 to 24 hours). */
export const EXPIRY_CHOICES: readonly { value: number; label: string }[] = [1, 2, 4, 8, 12, 24].map((hours) => ({
  value: hours * 3600,
  label: hours === 1 ? '1 hour' : `${hours} hours`,
}));

/** The two ways to run the hosted flow. */
export const MODE_CHOICES: readonly {
  value: VerificationMode;
  label: string;
  hint: string;
}[] = [
  {
    value: 'iframe',
    label: 'Embedded',
    hint: 'The flow runs in a frame on this page',
  },
  {
    value: 'redirect',
    label: 'Redirect',
    hint: 'The browser goes to the flow and comes back here',
  },
];

/** The start form as submitted: raw strings, so that a re-rendered form shows exactly what was sent. */
export interface VerificationForm {
  tasks: string;
  locale: string;
  mobileOnly: boolean;
  expiresIn: string;
  mode: string;
}

/** The form's initial values. */
export const DEFAULT_VERIFICATION_FORM: Readonly<VerificationForm> = {
  tasks: TASK_CHOICES[2].value,
  locale: 'en-US',
  mobileOnly: false,
  expiresIn: String(EXPIRY_CHOICES[0].value),
  mode: 'iframe',
};

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Reads the submitted form (URL-encoded body); anything missing or of the wrong shape reads as empty. */
export function readVerificationForm(body: unknown): VerificationForm {
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return {
    tasks: text(fields, 'tasks') ?? '',
    locale: text(fields, 'locale') ?? '',
    mobileOnly: text(fields, 'mobileOnly') === 'on' || text(fields, 'mobileOnly') === 'true',
    expiresIn: text(fields, 'expiresIn') ?? '',
    mode: text(fields, 'mode') ?? '',
  };
}

/** The form's mode, or `undefined` when it is neither of the two. */
export function formMode(form: VerificationForm): VerificationMode | undefined {
  return MODE_CHOICES.find((choice) => choice.value === form.mode)?.value;
}

/**
 * The transaction request the form describes. Values are passed on as the person chose them, without checks of the
 * demo's own: the package validates every request before any I/O, and the page shows what it reports.
 */
export function transactionRequestOf(
  form: VerificationForm,
  urls: { returnUrl?: string; scanReturnUrl?: string },
): Record<string, unknown> {
  return {
    tasks: form.tasks === '' ? [] : form.tasks.split(','),
    locale: form.locale,
    mobileOnly: form.mobileOnly,
    expiresIn: form.expiresIn === '' ? undefined : Number(form.expiresIn),
    ...urls,
  };
}
