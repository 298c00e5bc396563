import { pageMessages } from './page-i18n.constants';
import { escapeValue, renderLayout } from './page-layout.util';
import type { ExpiredPageView } from './pages.interface';

/** The page of a transaction that expired before the person finished (serve it with status 410). */
export function renderExpiredPage(view: ExpiredPageView): string {
  const text = pageMessages(view.locale);
  const body = `<h1 data-testid="expired">${escapeValue(text.expiredHeading)}</h1>
<p class="lead">${escapeValue(text.expiredBody)}</p>
<p>${escapeValue(text.goBack)}</p>`;
  return renderLayout({
    locale: view.locale,
    title: text.expiredHeading,
    body,
  });
}
