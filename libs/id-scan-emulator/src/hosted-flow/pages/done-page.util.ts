import { createHash } from 'node:crypto';
import { pageMessages } from './page-i18n.constants';
import { escapeValue, jsonForScript, renderLayout, safeUrl } from './page-layout.util';
import type { DonePageView } from './pages.interface';

// The only script of the hosted pages. It reads its data from a JSON block instead of having it interpolated, so
// its text never changes and a Content-Security-Policy can allow it by hash. Framed: tell the parent (docs/id-scan-api.md §B5);
// otherwise follow the redirect when there is one.
const DONE_SCRIPT = `(function(){var n=document.getElementById("id-scan-completion");if(!n)return;var d=JSON.parse(n.textContent||"{}");if(window.parent!==window){window.parent.postMessage(d.message,"*");return;}if(d.redirectUrl){window.location.replace(d.redirectUrl);}})();`;

/** CSP source expression (`'sha256-...'`) of the done page's inline script. */
export const DONE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(DONE_SCRIPT, 'utf8').digest('base64')}'`;

/**
 * The last page of the flow. In a frame it posts `view.message` (`{ type: 'id-scan.completed', transactionId,
 * resultId }`, nothing else) to the parent with target origin `*`; outside a frame it replaces the location with
 * `redirectUrl` (only an `http(s)` URL or a same-origin path is followed), with a `<noscript>` link as fallback;
 * without a redirect it tells the person they can close the window.
 */
export function renderDonePage(view: DonePageView): string {
  const text = pageMessages(view.locale);
  const redirectUrl = safeUrl(view.redirectUrl);
  const message = {
    type: 'id-scan.completed' as const,
    transactionId: view.message.transactionId,
    resultId: view.message.resultId,
  };
  const data = redirectUrl ? { message, redirectUrl } : { message };
  const status = redirectUrl
    ? `<p class="lead" role="status">${escapeValue(text.doneRedirecting)}</p>
<noscript><p><a class="button primary" href="${escapeValue(redirectUrl)}" data-testid="continue">${escapeValue(text.doneContinue)}</a></p></noscript>`
    : `<p class="lead" role="status">${escapeValue(text.doneClose)}</p>`;
  const body = `<h1 data-testid="done">${escapeValue(text.doneHeading)}</h1>
${status}`;
  const scripts = `<script type="application/json" id="id-scan-completion">${jsonForScript(data)}</script>
<script>${DONE_SCRIPT}</script>`;
  return renderLayout({
    locale: view.locale,
    title: text.doneHeading,
    body,
    scripts,
  });
}
