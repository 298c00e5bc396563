import type { Verification, VerificationCompletion } from '../verifications/verification.interface';
import {
  describeOutcome,
  humanize,
  taskLabel,
  type FieldRow,
  type TaskLine,
  type VerificationOutcome,
} from '../verifications/verification-outcome.util';
import { formatDateTime, formatDocumentDate, formatScore, formatTime } from './format.util';
import { html, raw, type SafeHtml } from './html.util';
import { layout, type BackendInfo } from './layout.view';

const ICON_OK = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#146c43"/><path d="M7 12.5l3.2 3.2L17.2 8.7" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></svg>',
);
const ICON_BAD = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#b42318"/><path d="M8.2 8.2l7.6 7.6M15.8 8.2l-7.6 7.6" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/></svg>',
);
const ICON_CLOCK = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#8a5300"/><path d="M12 6.5V12l3.6 2.2" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
);
const ICON_PDF = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 2.5h8l4.5 4.5v14.5H6z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M14 2.5V7h4.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M9 12.5h6M9 15.5h6M9 18.5h4" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>',
);

const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  passport: 'Passport',
  id_card: 'Identity card',
  driving_license: 'Driving licence',
  residence_permit: 'Residence permit',
};

const VIA_LABELS: Readonly<Record<string, string>> = {
  iframe: 'the embedded flow (browser message)',
  'return-url': 'the return URL',
  webhook: 'an event notification (webhook)',
};

function documentTypeLabel(type: string | undefined): string {
  if (!type) return '—';
  return DOCUMENT_TYPES[type.toLowerCase()] ?? humanize(type);
}

function validityBadge(validity: string): SafeHtml {
  if (validity === 'valid') return html`<span class="badge ok">Valid</span>`;
  if (validity === 'invalid') return html`<span class="badge bad">Invalid</span>`;
  if (validity === 'not_checked') return html`<span class="badge neutral">Not checked</span>`;
  return html`<span class="badge neutral">${humanize(validity)}</span>`;
}

function comparisonText(comparison: string | undefined): SafeHtml | string {
  if (!comparison || comparison === 'not_performed') return '—';
  if (comparison === 'match') return html`<span class="badge ok">Match</span>`;
  if (comparison === 'no_match' || comparison === 'mismatch') return html`<span class="badge bad">No match</span>`;
  return humanize(comparison);
}

function taskBadge(task: TaskLine): SafeHtml {
  if (task.state === 'completed') return html`<span class="badge ok">Passed</span>`;
  if (task.state === 'failed') return html`<span class="badge bad">Failed</span>`;
  return html`<span class="badge neutral">${humanize(task.state)}</span>`;
}

function verdict(outcome: VerificationOutcome): SafeHtml {
  if (outcome.verified) {
    return html`<section class="verdict ok" data-testid="verdict" data-verdict="verified">
      ${ICON_OK}
      <div>
        <h2>Identity verified</h2>
        <p>Every check passed. The document is genuine, valid and belongs to the person.</p>
      </div>
    </section>`;
  }
  return html`<section class="verdict bad" data-testid="verdict" data-verdict="not-verified">
    ${ICON_BAD}
    <div>
      <h2>Not verified</h2>
      <ul data-testid="verdict-reasons">
        ${outcome.reasons.map((reason) => html`<li>${reason}</li>`)}
      </ul>
    </div>
  </section>`;
}

function summary(outcome: VerificationOutcome): SafeHtml {
  const s = outcome.summary;
  const name = [s.givenNames, s.surname].filter(Boolean).join(' ') || '—';
  // Each item, with the fields whose failed validation it shows.
  const items: [string, string, string, string[]][] = [
    ['Name', name, 'name', ['given_names', 'surname']],
    ['Document number', s.documentNumber ?? '—', 'document-number', ['document_number']],
    ['Document type', documentTypeLabel(s.documentType), 'document-type', ['document_type']],
    ['Date of expiry', formatDocumentDate(s.dateOfExpiry), 'date-of-expiry', ['date_of_expiry']],
    ['Nationality', s.nationality ?? '—', 'nationality', ['nationality']],
    ['Date of birth', formatDocumentDate(s.dateOfBirth), 'date-of-birth', ['date_of_birth', 'age']],
  ];
  return html`<section class="card" aria-labelledby="summary-title">
    <h2 id="summary-title">Summary</h2>
    <dl class="summary" data-testid="summary">
      ${items.map(
        ([label, value, id, fields]) =>
          html`<div>
            <dt>${label}</dt>
            <dd>
              <span data-testid="summary-${id}">${value}</span>${
                fields.some((field) => s.invalidFields.includes(field))
                  ? html`<span class="badge bad">Invalid</span>`
                  : null
              }
            </dd>
          </div>`,
      )}
    </dl>
  </section>`;
}

function gallery(verification: Verification, outcome: VerificationOutcome): SafeHtml {
  const body =
    outcome.images.length === 0
      ? html`<p class="empty">
          The result links no images (they may have been left out with
          <code>extractFields</code>).
        </p>`
      : html`<div class="gallery">
          ${outcome.images.map(
            (image) =>
              html`<figure>
                <a href="/verifications/${verification.transactionId}/files/${image.key}"
                  ><img
                    src="/verifications/${verification.transactionId}/files/${image.key}"
                    alt="${image.label}"
                    data-testid="image-${image.key}"
                /></a>
                <figcaption>${image.label}${image.caption ? html`<small>${image.caption}</small>` : null}</figcaption>
              </figure>`,
          )}
        </div>`;
  return html`<section class="card" aria-labelledby="images-title">
    <h2 id="images-title">Images</h2>
    ${body}
  </section>`;
}

function scores(outcome: VerificationOutcome): SafeHtml {
  return html`<section class="card" aria-labelledby="checks-title">
    <h2 id="checks-title">Checks</h2>
    <div class="scores">
      ${outcome.tasks.map(
        (task) =>
          html`<div data-testid="task-${task.type}">
            <div class="score-label">
              <span>${task.label} ${taskBadge(task)}</span><strong>${formatScore(task.score)}</strong>
            </div>
            ${
              typeof task.score === 'number'
                ? html`<meter
                    min="0"
                    max="1"
                    low="0.5"
                    high="0.8"
                    optimum="1"
                    value="${task.score}"
                    aria-label="${task.label} score"
                  >
                    ${formatScore(task.score)}
                  </meter>`
                : null
            }
          </div>`,
      )}
    </div>
  </section>`;
}

function reports(verification: Verification): SafeHtml {
  const base = `/verifications/${verification.transactionId}/reports`;
  return html`<section class="card" aria-labelledby="reports-title">
    <h2 id="reports-title">Audit reports</h2>
    <ul class="downloads">
      <li>
        <a href="${base}/simple" data-testid="report-simple"
          >${ICON_PDF}<span>Simple report (PDF)<small>Made at completion; always available</small></span></a
        >
      </li>
      <li>
        <a href="${base}/extended" data-testid="report-extended"
          >${ICON_PDF}<span
            >Extended report (PDF)<small
              >With the document images, sealed; until ${formatDateTime(verification.expiresAt)}</small
            ></span
          ></a
        >
      </li>
    </ul>
  </section>`;
}

function fieldRowHtml(row: FieldRow): SafeHtml {
  return html`<tr
    class="${row.validity === 'invalid' ? 'invalid' : ''}"
    data-testid="field-${row.field}${row.locale ? `-${row.locale}` : ''}"
  >
    <th scope="row">${row.label}${row.locale ? html`<span class="sub">Printed text, ${row.locale}</span>` : null}</th>
    <td>
      <strong>${row.value ?? '—'}</strong
      >${row.others.length > 0 ? html`<span class="sub">${row.others.join(', ')}</span>` : null}
    </td>
    <td class="mono">${row.mrz ?? '—'}</td>
    <td>${row.visual ?? '—'}</td>
    <td>${comparisonText(row.comparison)}</td>
    <td>${validityBadge(row.validity)}</td>
  </tr>`;
}

function fields(outcome: VerificationOutcome): SafeHtml {
  return html`<section class="card" aria-labelledby="fields-title">
    <h2 id="fields-title">Document fields</h2>
    ${
      outcome.fields.length === 0
        ? html`<p class="empty">The document scan returned no fields.</p>`
        : html`<div class="table-wrap">
            <table data-testid="fields">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Value used</th>
                  <th scope="col">MRZ</th>
                  <th scope="col">Visual</th>
                  <th scope="col">MRZ vs visual</th>
                  <th scope="col">Validity</th>
                </tr>
              </thead>
              <tbody>
                ${outcome.fields.map(fieldRowHtml)}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

function details(verification: Verification, completion?: VerificationCompletion): SafeHtml {
  return html`<section class="card" aria-labelledby="details-title">
    <h2 id="details-title">What the application received</h2>
    <dl class="meta">
      <dt>Transaction</dt>
      <dd class="mono" data-testid="transaction-id">${verification.transactionId}</dd>
      ${
        completion
          ? html`<dt>Result</dt>
              <dd class="mono">${completion.resultId}</dd>`
          : null
      }
      <dt>Reference</dt>
      <dd class="mono">${verification.reference}</dd>
      ${
        completion
          ? html`<dt>Completed via</dt>
              <dd data-testid="completed-via">${VIA_LABELS[completion.via] ?? completion.via}</dd>`
          : null
      }
      <dt>Flow</dt>
      <dd>
        ${verification.mode === 'iframe' ? 'Embedded' : 'Redirect'},
        ${verification.locale}${verification.mobileOnly ? ', mobile only' : ''}
      </dd>
      <dt>Checks</dt>
      <dd>${verification.tasks.map(taskLabel).join(', ')}</dd>
      <dt>Started</dt>
      <dd>${formatDateTime(verification.createdAt)}</dd>
      <dt>Valid until</dt>
      <dd>${formatDateTime(verification.expiresAt)}</dd>
    </dl>
  </section>`;
}

function history(verification: Verification): SafeHtml {
  return html`<section class="card" aria-labelledby="history-title">
    <h2 id="history-title">History</h2>
    <ol class="timeline" data-testid="history">
      ${verification.history.map((entry) => html`<li><time datetime="${entry.at.toISOString()}">${formatTime(entry.at)}</time><span>${entry.text}</span></li>`)}
    </ol>
  </section>`;
}

function pageHead(verification: Verification, title: string): SafeHtml {
  return html`<div class="page-head">
    <div>
      <p class="eyebrow">Verification started ${formatDateTime(verification.createdAt)}</p>
      <h1>${title}</h1>
    </div>
    <div class="actions">
      <a class="button secondary" href="/verifications">All verifications</a
      ><a class="button" href="/">New verification</a>
    </div>
  </div>`;
}

/** `GET /verifications/:id` once the completion event has arrived: the whole outcome. */
export function outcomePage(
  backend: BackendInfo,
  verification: Verification,
  completion: VerificationCompletion,
): string {
  const outcome = describeOutcome(completion.result);
  const name = [outcome.summary.givenNames, outcome.summary.surname].filter(Boolean).join(' ');
  return layout(
    { title: 'Verification result', backend, nav: 'recent' },
    html`${pageHead(verification, name || 'Verification result')} ${verdict(outcome)} ${summary(outcome)}
      <div class="section">${gallery(verification, outcome)}</div>
      <div class="grid grid-halves section">${scores(outcome)}${reports(verification)}</div>
      <div class="section">${fields(outcome)}</div>
      <div class="grid grid-halves section">${details(verification, completion)}${history(verification)}</div>`,
  );
}

/** `GET /verifications/:id` before the completion event: a page that reloads itself until the result is in. */
export function pendingPage(backend: BackendInfo, verification: Verification): string {
  const resume =
    verification.mode === 'iframe' ? `/verifications/${verification.transactionId}/flow` : verification.url;
  return layout(
    {
      title: 'Waiting for the result',
      backend,
      nav: 'recent',
      refreshSeconds: 2,
    },
    html`${pageHead(verification, 'Verification in progress')}
      <div class="grid grid-2">
        <section class="card pending" data-testid="pending" aria-live="polite">
          <div class="spinner" role="presentation"></div>
          <h2>Waiting for the result…</h2>
          <p>This page refreshes by itself. It changes as soon as the application hears that the person finished.</p>
          <div class="actions center">
            <a class="button secondary" href="${resume}">Continue the verification</a>
          </div>
        </section>
        <div class="stack">${details(verification)}${history(verification)}</div>
      </div>`,
  );
}

/** `GET /verifications/:id` for a transaction that expired before the person finished. */
export function expiredPage(backend: BackendInfo, verification: Verification): string {
  return layout(
    { title: 'Verification expired', backend, nav: 'recent' },
    html`${pageHead(verification, 'Verification expired')}
      <section class="verdict warn" data-testid="verdict" data-verdict="expired">
        ${ICON_CLOCK}
        <div>
          <h2>This verification expired</h2>
          <p>
            The person did not finish before ${formatDateTime(verification.expiresAt)}. Start a new verification to try
            again.
          </p>
        </div>
      </section>
      <div class="grid grid-2">
        <div class="stack">${details(verification)}${history(verification)}</div>
        <section class="card">
          <h2>What now?</h2>
          <p>
            An expired transaction cannot be resumed, and its files are gone. The simple audit report of a completed
            verification stays available; an unfinished one has none.
          </p>
          <div class="actions">
            <a class="button" href="/">Start a new verification</a>
          </div>
        </section>
      </div>`,
  );
}
