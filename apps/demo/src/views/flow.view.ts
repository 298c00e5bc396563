import type { Verification } from '../verifications/verification.interface';
import { taskLabel } from '../verifications/verification-outcome.util';
import { html } from './html.util';
import { layout, type BackendInfo } from './layout.view';

/**
 * `GET /verifications/:id/flow`: the hosted flow in a frame, mounted by the package's `client.js`. The page itself
 * carries no inline script: `/assets/verification.js` reads the `data-*` attributes and calls `IdScan.mount`.
 */
export function flowPage(backend: BackendInfo, verification: Verification): string {
  const outcomeUrl = `/verifications/${verification.transactionId}`;
  return layout(
    { title: 'Verify your identity', backend, nav: 'new' },
    html`<div class="page-head">
        <div>
          <p class="eyebrow">${verification.tasks.map(taskLabel).join(' · ')}</p>
          <h1>Verify your identity</h1>
          <p>Follow the steps below. When you are done, this page shows the result.</p>
        </div>
        ${
          verification.mobileOnly
            ? html`<a class="button secondary" href="${outcomeUrl}">Finished on your phone? See the result</a>`
            : null
        }
      </div>
      <div class="alert error" role="alert" id="id-scan-error" data-testid="flow-error" hidden></div>
      <div
        class="frame-wrap"
        id="id-scan-flow"
        data-testid="flow-frame"
        data-url="${verification.url}"
        data-transaction-id="${verification.transactionId}"
        data-outcome-url="${outcomeUrl}"
      >
        <noscript
          ><p>
            The verification needs JavaScript.
            <a href="${verification.url}">Open the verification on its own page</a>.
          </p></noscript
        >
      </div>
      <script src="/id-scan/client.js"></script>
      <script src="/assets/verification.js"></script>`,
  );
}
