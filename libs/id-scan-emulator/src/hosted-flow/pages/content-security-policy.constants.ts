import { DONE_SCRIPT_HASH } from './done-page.util';
import { FRAME_HEIGHT_SCRIPT_HASH } from './frame-height-script.constants';
import { PAGE_STYLE_HASH } from './page-layout.util';

/**
 * A `Content-Security-Policy` that every hosted page satisfies: nothing external, the one inline stylesheet and
 * the two inline scripts (the frame-height one of every page, the done page's) allowed by hash, images only as `data:` URLs (the QR code). `form-action` is
 * left open on purpose: a task form's answer may redirect to the host's `returnUrl`, and browsers apply
 * `form-action` to that redirect. `frame-ancestors` is left open too, since any host may frame the flow.
 */
export const HOSTED_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${PAGE_STYLE_HASH}`,
  `script-src ${DONE_SCRIPT_HASH} ${FRAME_HEIGHT_SCRIPT_HASH}`,
  'img-src data:',
  "base-uri 'none'",
].join('; ');
