import type { Verification } from '../verifications/verification.interface';
import { describeOutcome, taskLabel } from '../verifications/verification-outcome.util';
import { formatDateTime } from './format.util';
import { html, type SafeHtml } from './html.util';
import { layout, type BackendInfo } from './layout.view';

/** The status badge of a verification: verified, not verified, in progress or expired. */
export function statusBadge(verification: Verification): SafeHtml {
  if (verification.status === 'expired') return html`<span class="badge warn">Expired</span>`;
  if (!verification.completion) return html`<span class="badge neutral">In progress</span>`;
  return describeOutcome(verification.completion.result).verified
    ? html`<span class="badge ok">Verified</span>`
    : html`<span class="badge bad">Not verified</span>`;
}

function holderOf(verification: Verification): string | undefined {
  if (!verification.completion) return undefined;
  const { givenNames, surname } = describeOutcome(verification.completion.result).summary;
  return [givenNames, surname].filter(Boolean).join(' ') || undefined;
}

function flowOf(verification: Verification): string {
  return `${verification.mode === 'iframe' ? 'Embedded' : 'Redirect'}${verification.mobileOnly ? ', mobile only' : ''}`;
}

const EMPTY = html`<p class="empty">No verifications yet. Start one with the form.</p>`;

/** A short list of verifications for the start page, newest first. */
export function verificationDigest(verifications: readonly Verification[]): SafeHtml {
  if (verifications.length === 0) return EMPTY;
  return html`<ul class="digest" data-testid="recent-verifications">
    ${verifications.map(
      (verification) =>
        html`<li>
          <a href="/verifications/${verification.transactionId}">
            <span class="digest-main"
              ><strong>${holderOf(verification) ?? 'Awaiting the person'}</strong>${statusBadge(verification)}</span
            >
            <small
              >${formatDateTime(verification.createdAt)} · ${verification.tasks.map(taskLabel).join(', ')} ·
              ${flowOf(verification)}</small
            >
          </a>
        </li>`,
    )}
  </ul>`;
}

/** A table of verifications, newest first; an empty list explains itself. */
export function verificationTable(verifications: readonly Verification[]): SafeHtml {
  if (verifications.length === 0) return EMPTY;
  return html`<div class="table-wrap">
    <table data-testid="recent-verifications">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Holder</th>
          <th scope="col">Checks</th>
          <th scope="col">Flow</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        ${verifications.map(
          (verification) =>
            html`<tr>
              <td class="nowrap">
                <a href="/verifications/${verification.transactionId}">${formatDateTime(verification.createdAt)}</a>
              </td>
              <td>${holderOf(verification) ?? '—'}</td>
              <td>${verification.tasks.map(taskLabel).join(', ')}</td>
              <td>${flowOf(verification)}, ${verification.locale}</td>
              <td>${statusBadge(verification)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** `GET /verifications`: every verification this instance remembers. */
export function verificationListPage(backend: BackendInfo, verifications: readonly Verification[]): string {
  return layout(
    { title: 'Recent verifications', backend, nav: 'recent' },
    html`<div class="page-head">
        <div>
          <h1>Recent verifications</h1>
          <p>
            Recorded by the application's listener of
            <code>id-scan.transaction.completed</code>, kept in memory.
          </p>
        </div>
        <a class="button" href="/">New verification</a>
      </div>
      <section class="card" aria-label="Verifications">${verificationTable(verifications)}</section>`,
  );
}
