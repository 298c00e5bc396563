import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES, type DemoMessages } from '../i18n/demo-messages';
import { html, raw, type SafeHtml } from './html.util';

/** Which service the demo talks to, shown in the header and the footer of every page. */
export interface BackendInfo {
  kind: 'emulator' | 'cm';
  /** The API base URL. */
  apiUrl: string;
}

/** What the layout needs besides the page body. */
export interface LayoutOptions {
  title: string;
  backend: BackendInfo;
  /** The page's language. */
  lang: DemoLanguage;
  /**
   * Where the language switch leads, with `?lang=` appended: the page itself by default (`''`), or another path
   * (the start page re-rendered after a failed post lives at `/verifications`, whose list is another page);
   * `false` for a page that its query string makes (it would be lost). The operator's language is theirs: no
   * verification's flow language changes it.
   */
  languageSwitch?: string | false;
  /** The navigation entry to mark as current. */
  nav?: 'new' | 'recent';
  /** Reload the page after this many seconds (pages waiting for something). */
  refreshSeconds?: number;
}

/** The logo, also served as the favicon (`/assets/favicon.svg`). */
export const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect x="2" y="5" width="28" height="22" rx="4" fill="#3347c4"/>' +
  '<circle cx="11" cy="14" r="3.6" fill="#fff"/><path d="M5.8 23c.8-3.3 2.8-5 5.2-5s4.4 1.7 5.2 5z" fill="#fff"/>' +
  '<rect x="18" y="11" width="8.5" height="2.2" rx="1.1" fill="#c9d0ff"/><rect x="18" y="15.5" width="6" height="2.2" rx="1.1" fill="#c9d0ff"/>' +
  '<rect x="18" y="20" width="7.5" height="2.2" rx="1.1" fill="#c9d0ff"/></svg>';

const LOGO = raw(LOGO_SVG);

function navLink(href: string, label: string, current: boolean): SafeHtml {
  return current ? html`<a href="${href}" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`;
}

const LANGUAGE_NAMES: Readonly<Record<DemoLanguage, string>> = { en: 'English', nl: 'Nederlands', fr: 'Français' };

function languageSwitch(t: DemoMessages, current: DemoLanguage, base: string): SafeHtml {
  return html`<nav class="lang-switch" aria-label="${t.layout.language}">
    ${(Object.keys(LANGUAGE_NAMES) as DemoLanguage[]).map((lang) =>
      lang === current
        ? html`<a href="${base}?lang=${lang}" lang="${lang}" aria-current="true">${LANGUAGE_NAMES[lang]}</a>`
        : html`<a href="${base}?lang=${lang}" lang="${lang}">${LANGUAGE_NAMES[lang]}</a>`,
    )}
  </nav>`;
}

/** The one page layout: header with navigation, the page body, footer naming the service in use. */
export function layout(options: LayoutOptions, body: SafeHtml): string {
  const t = DEMO_MESSAGES[options.lang];
  const backendName = options.backend.kind === 'emulator' ? t.layout.emulator : t.layout.cm;
  return html`<!doctype html>
    <html lang="${t.htmlLang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        ${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}" />` : null}
        <title>${options.title} · ${t.layout.appName}</title>
        <link rel="stylesheet" href="/assets/demo.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">${t.layout.skip}</a>
        <header class="site-header">
          <div class="container">
            <a class="brand" href="/">${LOGO}<span>${t.layout.appName}</span></a>
            <nav class="site-nav" aria-label="${t.layout.mainNav}">
              ${navLink('/', t.layout.navNew, options.nav === 'new')}
              ${navLink('/verifications', t.layout.navRecent, options.nav === 'recent')}
            </nav>
            <span class="env-badge" title="${options.backend.apiUrl}"
              >${t.layout.service} <strong>${backendName}</strong></span
            >
            ${options.languageSwitch === false ? null : languageSwitch(t, options.lang, options.languageSwitch ?? '')}
          </div>
        </header>
        <main id="main">
          <div class="container">${body}</div>
        </main>
        <footer class="site-footer">
          <div class="container">
            ${t.layout.footer} <code>nestjs-id-scan</code>. ${t.layout.api}
            <code class="break">${options.backend.apiUrl}</code>
          </div>
        </footer>
      </body>
    </html> `.toString();
}
