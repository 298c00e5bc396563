import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES } from '../i18n/demo-messages';
import { html } from './html.util';
import { layout, type BackendInfo } from './layout.view';

/** What an error page says. Never put personal data in any of it. */
export interface ErrorPageView {
  status: number;
  title: string;
  message: string;
  /** A way forward; the start page by default. */
  link?: { href: string; label: string };
  /** A name for tests and scripts (`data-kind`), such as `not-finished`. */
  kind?: string;
  /** The page's query string makes it (the return route's): no language switch, which would drop it. */
  queryBound?: boolean;
}

/** A friendly error page (unknown page, unknown verification, the ID Scan service failing). */
export function errorPage(backend: BackendInfo, view: ErrorPageView, lang: DemoLanguage = 'en'): string {
  const link = view.link ?? { href: '/', label: DEMO_MESSAGES[lang].errors.startNew };
  return layout(
    { title: view.title, backend, lang, ...(view.queryBound ? { languageSwitch: false as const } : {}) },
    html`<section
      class="card error-page"
      data-testid="error-page"
      data-status="${view.status}"
      data-kind="${view.kind ?? 'error'}"
    >
      <p class="code" aria-hidden="true">${view.status}</p>
      <h1>${view.title}</h1>
      <p>${view.message}</p>
      <div class="actions center">
        <a class="button" href="${link.href}">${link.label}</a>
      </div>
    </section>`,
  );
}
