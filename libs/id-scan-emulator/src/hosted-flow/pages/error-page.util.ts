import { pageMessages } from './page-i18n.constants';
import { escapeValue, renderLayout } from './page-layout.util';
import type { ErrorPageView } from './pages.interface';

/**
 * The page for any other failure of the hosted flow: a translated heading (a "not found" one for 404), the status,
 * and the server's `message`, escaped and shown as given.
 */
export function renderErrorPage(view: ErrorPageView): string {
  const text = pageMessages(view.locale);
  const heading = view.status === 404 ? text.notFoundHeading : text.errorPageHeading;
  const status = Number.isInteger(view.status) ? view.status : 500;
  const body = `<p class="step" data-testid="error-status">${escapeValue(text.errorStatus(status))}</p>
<h1>${escapeValue(heading)}</h1>
<p class="lead" data-testid="error-message">${escapeValue(view.message)}</p>
<p>${escapeValue(text.goBack)}</p>`;
  return renderLayout({ locale: view.locale, title: heading, body });
}
