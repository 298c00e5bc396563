import type { DemoLanguage } from '../i18n/demo-language.util';
import type { Verification, VerificationCompletion } from '../verifications/verification.interface';
import { describeOutcome } from '../verifications/verification-outcome.util';
import { formatDateTime } from './format.util';
import { html } from './html.util';
import { ICON_CLOCK } from './icons.util';
import { layout, type BackendInfo } from './layout.view';
import { fields, gallery, reports, scores, summary, verdict } from './outcome-sections.view';
import { contextOf, details, history, pageHead } from './verification-page.view';

/** `GET /verifications/:id` once the completion event has arrived: the whole outcome, in the flow's language. */
export function outcomePage(
  backend: BackendInfo,
  verification: Verification,
  completion: VerificationCompletion,
  lang: DemoLanguage,
): string {
  const page = contextOf(backend, lang);
  const outcome = describeOutcome(completion, verification.minimumAge);
  const name = [outcome.summary.givenNames, outcome.summary.surname].filter(Boolean).join(' ');
  return layout(
    { title: page.t.outcome.title, backend, nav: 'recent', lang },
    html`${pageHead(page, verification, name || page.t.outcome.title)} ${verdict(page, outcome)}
      ${summary(page, outcome)}
      <div class="section">${gallery(page, verification, outcome)}</div>
      <div class="grid grid-halves section">${scores(page, outcome)}${reports(page, verification, outcome)}</div>
      <div class="section">${fields(page, outcome)}</div>
      <div class="grid grid-halves section">
        ${details(page, verification, completion)}${history(page, verification)}
      </div>`,
  );
}

/** `GET /verifications/:id` before the completion event: a page that reloads itself until the result is in. */
export function pendingPage(backend: BackendInfo, verification: Verification, lang: DemoLanguage): string {
  const page = contextOf(backend, lang);
  const { t } = page;
  const resume =
    verification.mode === 'iframe' ? `/verifications/${verification.transactionId}/flow` : verification.url;
  return layout(
    { title: t.pending.title, backend, nav: 'recent', refreshSeconds: 2, lang },
    html`${pageHead(page, verification, t.pending.heading)}
      <div class="grid grid-2">
        <section class="card pending" data-testid="pending" aria-live="polite">
          <div class="spinner" role="presentation"></div>
          <h2>${t.pending.waiting}</h2>
          <p>${t.pending.refreshes}</p>
          <div class="actions center">
            <a class="button secondary" href="${resume}">${t.pending.resume}</a>
          </div>
        </section>
        <div class="stack">${details(page, verification)}${history(page, verification)}</div>
      </div>`,
  );
}

/** `GET /verifications/:id` for a transaction that expired before the person finished. */
export function expiredPage(backend: BackendInfo, verification: Verification, lang: DemoLanguage): string {
  const page = contextOf(backend, lang);
  const { t } = page;
  return layout(
    { title: t.expired.title, backend, nav: 'recent', lang },
    html`${pageHead(page, verification, t.expired.title)}
      <section class="verdict warn" data-testid="verdict" data-verdict="expired">
        ${ICON_CLOCK}
        <div>
          <h2>${t.expired.heading}</h2>
          <p>${t.expired.text(formatDateTime(verification.expiresAt, t.dateLocale))}</p>
        </div>
      </section>
      <div class="grid grid-2">
        <div class="stack">${details(page, verification)}${history(page, verification)}</div>
        <section class="card">
          <h2>${t.expired.whatNow}</h2>
          <p>${t.expired.whatNowText}</p>
          <div class="actions">
            <a class="button" href="/">${t.errors.startNew}</a>
          </div>
        </section>
      </div>`,
  );
}
