import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES, taskName } from '../i18n/demo-messages';
import type { Verification } from '../verifications/verification.interface';
import { html } from './html.util';
import { layout, type BackendInfo } from './layout.view';

/** The narrowest frame the package's `client.js` mounts (its iframe's `min-width`). */
const FRAME_MIN_WIDTH = 650;

/**
 * `GET /verifications/:id/flow`: the hosted flow in a frame, mounted by the package's `client.js`, around it the
 * operator's language (the flow inside speaks its own `locale`). The page itself carries no inline script: `/assets/verification.js` reads the `data-*` attributes
 * (texts included) and calls `IdScan.mount`.
 */
export function flowPage(backend: BackendInfo, verification: Verification, lang: DemoLanguage): string {
  const t = DEMO_MESSAGES[lang];
  const outcomeUrl = `/verifications/${verification.transactionId}`;
  const flowOrigin = new URL(verification.url).origin;
  return layout(
    { title: t.flow.title, backend, nav: 'new', lang },
    html`<div class="page-head">
        <div>
          <p class="eyebrow">${verification.tasks.map((task) => taskName(t, task)).join(' · ')}</p>
          <h1>${t.flow.title}</h1>
          <p>${t.flow.intro}</p>
          ${verification.mobileOnly ? html`<p class="hint" data-testid="phone-reach">${t.flow.phoneReach(flowOrigin)}</p>` : null}
        </div>
        ${
          verification.mobileOnly
            ? html`<a class="button secondary" href="${outcomeUrl}">${t.flow.finishedOnPhone}</a>`
            : null
        }
      </div>
      <div class="alert error" role="alert" id="id-scan-error" data-testid="flow-error" hidden></div>
      <div
        class="frame-wrap"
        id="id-scan-flow"
        data-testid="flow-frame"
        data-url="${verification.url}"
        data-min-width="${FRAME_MIN_WIDTH}"
        data-transaction-id="${verification.transactionId}"
        data-outcome-url="${outcomeUrl}"
        data-frame-title="${t.flow.frameTitle}"
        data-load-failed="${t.flow.loadFailed}"
        data-confirm-failed="${t.flow.confirmFailed}"
        data-check-status="${t.flow.checkStatus}"
      >
        <noscript
          ><p>${t.flow.needsJs} <a href="${verification.url}">${t.flow.openAlone}</a>.</p></noscript
        >
      </div>
      <script src="/id-scan/client.js"></script>
      <script src="/assets/verification.js"></script>`,
  );
}
