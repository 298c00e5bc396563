import type { VerificationMode } from './verification.interface';

/** A choice of tasks the form offers: exactly the three combinations ID Scan accepts. */
export interface TaskChoice {
  /** The radio button's value: the tasks joined by commas. */
  value: string;
  tasks: readonly string[];
}

/** The three valid task combinations (docs/id-scan-api.md §A3), in the form's order. */
export const TASK_CHOICES: readonly TaskChoice[] = [
  { value: 'document_scan', tasks: ['document_scan'] },
  { value: 'document_scan,face_liveness', tasks: ['document_scan', 'face_liveness'] },
  { value: 'document_scan,face_liveness,face_match', tasks: ['document_scan', 'face_liveness', 'face_match'] },
];

/** Locales of the hosted flow: the person's language, chosen per verification, apart from the operator's. */
export const LOCALE_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'en-US', label: 'English (United States)' },
  { value: 'nl-NL', label: 'Nederlands (Nederland)' },
  { value: 'fr-FR', label: 'Français (France)' },
];

/** How long the person has to finish, in hours (1 to 24). */
export const EXPIRY_HOURS: readonly number[] = [1, 2, 4, 8, 12, 24];

/** Minimum ages the form offers; none by default, so that no minimum applies. */
export const MINIMUM_AGE_CHOICES: readonly number[] = [16, 18, 21];

/** The two ways to run the hosted flow. */
export const MODE_CHOICES: readonly VerificationMode[] = ['iframe', 'redirect'];

/** The start form as submitted: raw strings, so that a re-rendered form shows exactly what was sent. */
export interface VerificationForm {
  tasks: string;
  locale: string;
  mobileOnly: boolean;
  expiresIn: string;
  mode: string;
  /** `''` for no minimum, or one of {@link MINIMUM_AGE_CHOICES}. */
  minimumAge: string;
}

/** The form's initial values. */
export const DEFAULT_VERIFICATION_FORM: Readonly<VerificationForm> = {
  tasks: TASK_CHOICES[2].value,
  locale: 'en-US',
  mobileOnly: false,
  expiresIn: String(EXPIRY_HOURS[0] * 3600),
  mode: 'iframe',
  minimumAge: '',
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
    minimumAge: text(fields, 'minimumAge') ?? '',
  };
}

/** The form's mode, or `undefined` when it is neither of the two. */
export function formMode(form: VerificationForm): VerificationMode | undefined {
  return MODE_CHOICES.find((mode) => mode === form.mode);
}

/**
 * The transaction request the form describes; a minimum age becomes `settings.documentScan.minimumAge`. Values are passed on as the person chose them, without checks of the
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
    ...(form.minimumAge === '' ? {} : { settings: { documentScan: { minimumAge: Number(form.minimumAge) } } }),
    ...urls,
  };
}
