/**
 * Names of the fields the task page's forms post; the server reads exactly these. The task form is
 * `multipart/form-data`; the give-up form is URL-encoded and posts `scenario=gives_up`.
 */
export const TASK_FORM_FIELDS = {
  /** The chosen scenario id (radio group). */
  scenario: 'scenario',
  /** Uploaded picture: the document's front side for `document_scan`, the face for the face tasks. */
  photo: 'photo',
  /** Uploaded picture of the document's back side (`document_scan` only). */
  photoBack: 'photoBack',
} as const;

/** Media types the upload inputs accept. */
export const ACCEPTED_PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png'];
