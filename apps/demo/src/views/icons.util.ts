import { raw } from './html.util';

// Inline icons of the verification pages: decorative, so hidden from assistive technology.

/** A green check: verified. */
export const ICON_OK = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#146c43"/><path d="M7 12.5l3.2 3.2L17.2 8.7" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></svg>',
);

/** A red cross: not verified. */
export const ICON_BAD = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#b42318"/><path d="M8.2 8.2l7.6 7.6M15.8 8.2l-7.6 7.6" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/></svg>',
);

/** A clock: expired. */
export const ICON_CLOCK = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#8a5300"/><path d="M12 6.5V12l3.6 2.2" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
);

/** A stop sign: not finished. */
export const ICON_STOP = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#8a5300"/><rect x="8" y="8" width="8" height="8" rx="1.2" fill="#fff"/></svg>',
);

/** A document: a PDF report. */
export const ICON_PDF = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 2.5h8l4.5 4.5v14.5H6z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M14 2.5V7h4.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M9 12.5h6M9 15.5h6M9 18.5h4" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>',
);
