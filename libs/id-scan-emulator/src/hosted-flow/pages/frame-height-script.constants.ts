import { createHash } from 'node:crypto';

/**
 * The script every hosted page carries: in a frame it posts `{ type: 'id-scan.resize', height }` (CSS pixels, the
 * page's content height) to the parent whenever that height changes, so the host's `client.js` sizes the frame to
 * the page and the person never scrolls inside a scroll. It marks the document `framed`, which drops the body's
 * full-viewport minimum height: otherwise the page would measure the frame's own height and could never shrink.
 * Outside a frame it does nothing. Its text never changes, so a Content-Security-Policy allows it by hash.
 */
export const FRAME_HEIGHT_SCRIPT = `(function(){if(window.parent===window)return;document.documentElement.classList.add("framed");var last=0;function post(){var h=Math.ceil(document.body.getBoundingClientRect().height);if(h!==last){last=h;window.parent.postMessage({type:"id-scan.resize",height:h},"*");}}post();if(window.ResizeObserver){new window.ResizeObserver(post).observe(document.body);}window.addEventListener("load",post);window.addEventListener("resize",post);})();`;

/** CSP source expression (`'sha256-...'`) of {@link FRAME_HEIGHT_SCRIPT}. */
export const FRAME_HEIGHT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(FRAME_HEIGHT_SCRIPT, 'utf8').digest('base64')}'`;
