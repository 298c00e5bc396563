import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES, taskName, type DemoMessages } from '../i18n/demo-messages';
import { languageName } from '../i18n/display-names.util';
import type { Verification } from '../verifications/verification.interface';
import { summarizeResult } from 'nestjs-id-scan';
import { verdictName } from '../verifications/verification-outcome.util';
import { formatDateTime } from './format.util';
import { html, type SafeHtml } from './html.util';
import { layout, type BackendInfo } from './layout.view';

/** The status badge of a verification: verified, not verified, not finished, in progress or expired. */
export function statusBadge(verification: Verification, t: DemoMessages): SafeHtml {
  if (verification.status === 'expired') return html`<span class="badge warn">${t.list.statusExpired}</span>`;
  if (!verification.completion) return html`<span class="badge neutral">${t.list.statusPending}</span>`;
  const verdict = verdictName(verification.completion.verdict);
  if (verdict === 'verified') return html`<span class="badge ok">${t.list.statusVerified}</span>`;
  if (verdict === 'not-finished') return html`<span class="badge warn">${t.list.statusNotFinished}</span>`;
  return html`<span class="badge bad">${t.list.statusNotVerified}</span>`;
}

function holderOf(verification: Verification): string | undefined {
  if (!verification.completion) return undefined;
  const { givenNames, surname } = summarizeResult(verification.completion.result);
  return [givenNames, surname].filter(Boolean).join(' ') || undefined;
}

function flowOf(verification: Verification, t: DemoMessages): string {
  const mode = verification.mode === 'iframe' ? t.list.embedded : t.list.redirect;
  return `${mode}${verification.mobileOnly ? `, ${t.list.mobileOnly}` : ''}`;
}

function checksOf(verification: Verification, t: DemoMessages): string {
  return verification.tasks.map((task) => taskName(t, task)).join(', ');
}

function empty(t: DemoMessages): SafeHtml {
  return html`<p class="empty">${t.list.empty}</p>`;
}

/** A short list of verifications for the start page, newest first. */
export function verificationDigest(verifications: readonly Verification[], lang: DemoLanguage): SafeHtml {
  const t = DEMO_MESSAGES[lang];
  if (verifications.length === 0) return empty(t);
  return html`<ul class="digest" data-testid="recent-verifications">
    ${verifications.map(
      (verification) =>
        html`<li>
          <a href="/verifications/${verification.transactionId}">
            <span class="digest-main"
              ><strong>${holderOf(verification) ?? t.list.awaiting}</strong>${statusBadge(verification, t)}</span
            >
            <small
              >${formatDateTime(verification.createdAt, t.dateLocale)} · ${checksOf(verification, t)} ·
              ${flowOf(verification, t)}</small
            >
          </a>
        </li>`,
    )}
  </ul>`;
}

/** A table of verifications, newest first; an empty list explains itself. */
export function verificationTable(verifications: readonly Verification[], lang: DemoLanguage): SafeHtml {
  const t = DEMO_MESSAGES[lang];
  if (verifications.length === 0) return empty(t);
  return html`<div class="table-wrap" role="region" tabindex="0" aria-label="${t.list.title}">
    <table class="cards" data-testid="recent-verifications">
      <thead>
        <tr>
          <th scope="col">${t.list.started}</th>
          <th scope="col">${t.list.holder}</th>
          <th scope="col">${t.list.checks}</th>
          <th scope="col">${t.list.flow}</th>
          <th scope="col">${t.list.status}</th>
        </tr>
      </thead>
      <tbody>
        ${verifications.map(
          (verification) =>
            html`<tr>
              <td class="nowrap" data-label="${t.list.started}">
                <a href="/verifications/${verification.transactionId}"
                  >${formatDateTime(verification.createdAt, t.dateLocale)}</a
                >
              </td>
              <td data-label="${t.list.holder}">${holderOf(verification) ?? '—'}</td>
              <td data-label="${t.list.checks}">${checksOf(verification, t)}</td>
              <td data-label="${t.list.flow}">
                ${flowOf(verification, t)}, ${languageName(verification.locale, lang)}
              </td>
              <td data-label="${t.list.status}">${statusBadge(verification, t)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** `GET /verifications`: the verifications this browser started that this instance remembers. */
export function verificationListPage(
  backend: BackendInfo,
  verifications: readonly Verification[],
  lang: DemoLanguage,
): string {
  const t = DEMO_MESSAGES[lang];
  return layout(
    { title: t.list.title, backend, nav: 'recent', lang },
    html`<div class="page-head">
        <div>
          <h1>${t.list.title}</h1>
          <p>${t.list.intro}</p>
        </div>
        <a class="button" href="/">${t.layout.navNew}</a>
      </div>
      <section class="card" aria-label="${t.list.title}">${verificationTable(verifications, lang)}</section>`,
  );
}
