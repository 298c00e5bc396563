import { pageMessages } from './page-i18n.constants';
import { escapeValue, renderLayout } from './page-layout.util';
import type { QrHandoffPageView } from './pages.interface';

/**
 * The `mobileOnly` hand-off page for desktop browsers: the QR code (shown as an `<img>` with a `data:` URL, so
 * nothing in the SVG can run), the same URL as text with the note that the phone must be able to reach it (and a
 * warning when it is a loopback address), and a "continue on this device" link
 * (`data-testid="continue-here"`). The server may add a `Refresh` header so the page notices when the phone is done.
 */
export function renderQrHandoffPage(view: QrHandoffPageView): string {
  const text = pageMessages(view.locale);
  const qrSource = `data:image/svg+xml;base64,${Buffer.from(view.qrCode, 'utf8').toString('base64')}`;
  const body = `<h1>${escapeValue(text.qrHeading)}</h1>
<p class="lead">${escapeValue(text.qrLead)}</p>
<img class="qr" src="${qrSource}" alt="${escapeValue(text.qrAlt)}" width="256" height="256" data-testid="qr-code">
<p>${escapeValue(text.qrUrlLabel)}</p>
<p><code class="url" data-testid="handoff-url">${escapeValue(view.url)}</code></p>
<p class="hint" data-testid="handoff-reachable">${escapeValue(text.qrReachable)}</p>${
    view.loopback
      ? `\n<p class="error" role="note" data-testid="handoff-loopback">${escapeValue(text.qrLoopback)}</p>`
      : ''
  }
<p class="status" role="status">${escapeValue(text.qrWaiting)}</p>
<p class="center"><a class="button tertiary" href="${escapeValue(view.continueUrl)}" data-testid="continue-here">${escapeValue(text.continueHere)}</a></p>
<p class="hint center">${escapeValue(text.continueHereHint)}</p>`;
  return renderLayout({ locale: view.locale, title: text.qrHeading, body });
}
