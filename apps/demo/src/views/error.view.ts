import { html } from './html.util';
import { layout, type BackendInfo } from './layout.view';

/** What an error page says. Never put personal data in any of it. */
export interface ErrorPageView {
  status: number;
  title: string;
  message: string;
  /** A way forward; the start page by default. */
  link?: { href: string; label: string };
}

/** A friendly error page (unknown page, unknown verification, the ID Scan service failing). */
export function errorPage(backend: BackendInfo, view: ErrorPageView): string {
  const link = view.link ?? { href: '/', label: 'Start a new verification' };
  return layout(
    { title: view.title, backend },
    html`<section class="card error-page" data-testid="error-page" data-status="${view.status}">
      <p class="code" aria-hidden="true">${view.status}</p>
      <h1>${view.title}</h1>
      <p>${view.message}</p>
      <div class="actions center">
        <a class="button" href="${link.href}">${link.label}</a>
      </div>
    </section>`,
  );
}
