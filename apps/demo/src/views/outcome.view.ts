import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES, fieldName, humanize, taskName, type DemoMessages } from '../i18n/demo-messages';
import type {
  Verification,
  VerificationCompletion,
  VerificationHistoryEntry,
} from '../verifications/verification.interface';
import {
  describeOutcome,
  type FieldRow,
  type OutcomeImage,
  type OutcomeReason,
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
const ICON_STOP = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#8a5300"/><rect x="8" y="8" width="8" height="8" rx="1.2" fill="#fff"/></svg>',
);
const ICON_PDF = raw(
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 2.5h8l4.5 4.5v14.5H6z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M14 2.5V7h4.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M9 12.5h6M9 15.5h6M9 18.5h4" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>',
);

/** A verification page renders in the language of the flow the person went through. */
interface PageContext {
  backend: BackendInfo;
  lang: DemoLanguage;
  t: DemoMessages;
}

function contextOf(backend: BackendInfo, lang: DemoLanguage): PageContext {
  return { backend, lang, t: DEMO_MESSAGES[lang] };
}

function documentTypeLabel(t: DemoMessages, type: string | undefined): string {
  if (!type) return '—';
  return t.documentTypes[type.toLowerCase()] ?? humanize(type);
}

function validityBadge(t: DemoMessages, validity: string): SafeHtml {
  if (validity === 'valid') return html`<span class="badge ok">${t.outcome.valid}</span>`;
  if (validity === 'invalid') return html`<span class="badge bad">${t.outcome.invalid}</span>`;
  if (validity === 'not_checked') return html`<span class="badge neutral">${t.outcome.notChecked}</span>`;
  return html`<span class="badge neutral">${humanize(validity)}</span>`;
}

function comparisonText(t: DemoMessages, comparison: string | undefined): SafeHtml | string {
  if (!comparison || comparison === 'not_performed') return '—';
  if (comparison === 'match') return html`<span class="badge ok">${t.outcome.match}</span>`;
  if (comparison === 'no_match' || comparison === 'mismatch') {
    return html`<span class="badge bad">${t.outcome.noMatch}</span>`;
  }
  return humanize(comparison);
}

/** The badge, bar and colour class of a task: all three come from its one verdict. */
const TASK_TONE: Readonly<Record<TaskLine['verdict'], string>> = {
  passed: 'ok',
  failed: 'bad',
  'not-performed': 'neutral',
  'not-relied-on': 'neutral',
};

/** The sentence for a reason the verification is not verified. */
export function reasonText(t: DemoMessages, reason: OutcomeReason): string {
  if (reason.kind === 'not-finished') {
    return t.outcome.notFinishedText(reason.tasks.map((task) => taskName(t, task)).join(', '));
  }
  if (reason.kind === 'under-age') return t.outcome.underAge(String(reason.minimumAge));
  if (reason.kind === 'task-failed') {
    return t.outcome.taskFailed[reason.task] ?? t.outcome.taskFailedOther(taskName(t, reason.task));
  }
  return t.outcome.fieldInvalid[reason.field] ?? t.outcome.fieldInvalidOther(fieldName(t, reason.field));
}

function verdict({ t }: PageContext, outcome: VerificationOutcome): SafeHtml {
  if (outcome.verdict === 'verified') {
    return html`<section class="verdict ok" data-testid="verdict" data-verdict="verified">
      ${ICON_OK}
      <div>
        <h2>${t.outcome.verified}</h2>
        <p>${t.outcome.verifiedText}</p>
      </div>
    </section>`;
  }
  const finished = outcome.verdict !== 'not-finished';
  return html`<section
    class="verdict ${finished ? 'bad' : 'warn'}"
    data-testid="verdict"
    data-verdict="${outcome.verdict}"
  >
    ${finished ? ICON_BAD : ICON_STOP}
    <div>
      <h2>${finished ? t.outcome.notVerified : t.outcome.notFinished}</h2>
      <ul data-testid="verdict-reasons">
        ${outcome.reasons.map((reason) => html`<li>${reasonText(t, reason)}</li>`)}
      </ul>
    </div>
  </section>`;
}

function summary({ t, lang }: PageContext, outcome: VerificationOutcome): SafeHtml {
  const s = outcome.summary;
  const locale = DEMO_MESSAGES[lang].dateLocale;
  const name = [s.givenNames, s.surname].filter(Boolean).join(' ') || '—';
  // Each item, with the fields whose failed validation it shows.
  const items: [string, string, string, string[]][] = [
    [t.outcome.name, name, 'name', ['given_names', 'surname']],
    [fieldName(t, 'document_number'), s.documentNumber ?? '—', 'document-number', ['document_number']],
    [fieldName(t, 'document_type'), documentTypeLabel(t, s.documentType), 'document-type', ['document_type']],
    [fieldName(t, 'date_of_expiry'), formatDocumentDate(s.dateOfExpiry, locale), 'date-of-expiry', ['date_of_expiry']],
    [fieldName(t, 'nationality'), s.nationality ?? '—', 'nationality', ['nationality']],
    [
      fieldName(t, 'date_of_birth'),
      formatDocumentDate(s.dateOfBirth, locale),
      'date-of-birth',
      ['date_of_birth', 'age'],
    ],
  ];
  return html`<section class="card" aria-labelledby="summary-title">
    <h2 id="summary-title">${t.outcome.summary}</h2>
    <dl class="summary" data-testid="summary">
      ${items.map(
        ([label, value, id, fields]) =>
          html`<div>
            <dt>${label}</dt>
            <dd>
              <span data-testid="summary-${id}">${value}</span>${
                fields.some((field) => s.invalidFields.includes(field))
                  ? html`<span class="badge bad">${t.outcome.invalid}</span>`
                  : null
              }
            </dd>
          </div>`,
      )}
    </dl>
  </section>`;
}

function imageLabel(t: DemoMessages, image: OutcomeImage): { label: string; caption: string | undefined } {
  if (image.kind === 'portrait') return { label: t.outcome.imageLabels.portrait, caption: t.outcome.portraitCaption };
  if (image.kind === 'selfie') return { label: t.outcome.imageLabels.selfie, caption: t.outcome.selfieCaption };
  if (image.kind === 'other') return { label: humanize(image.name ?? ''), caption: taskName(t, image.task) };
  return { label: t.outcome.imageLabels[image.kind], caption: image.name };
}

function gallery({ t }: PageContext, verification: Verification, outcome: VerificationOutcome): SafeHtml {
  const body =
    outcome.images.length === 0
      ? html`<p class="empty" data-testid="no-images">${t.outcome.noImages}</p>`
      : html`<div class="gallery">
          ${outcome.images.map((image) => {
            const { label, caption } = imageLabel(t, image);
            return html`<figure>
              <a href="/verifications/${verification.transactionId}/files/${image.key}"
                ><img
                  src="/verifications/${verification.transactionId}/files/${image.key}"
                  alt="${label}"
                  data-testid="image-${image.key}"
              /></a>
              <figcaption>${label}${caption ? html`<small>${caption}</small>` : null}</figcaption>
            </figure>`;
          })}
        </div>`;
  return html`<section class="card" aria-labelledby="images-title">
    <h2 id="images-title">${t.outcome.images}</h2>
    ${body}
  </section>`;
}

function scores({ t }: PageContext, outcome: VerificationOutcome): SafeHtml {
  return html`<section class="card" aria-labelledby="checks-title">
    <h2 id="checks-title">${t.outcome.checksTitle}</h2>
    <div class="scores">
      ${outcome.tasks.map((task) => {
        const tone = TASK_TONE[task.verdict];
        const label = taskName(t, task.type);
        return html`<div data-testid="task-${task.type}" data-verdict="${task.verdict}" data-tone="${tone}">
          <div class="score-label">
            <span>${label} <span class="badge ${tone}">${t.outcome.taskVerdicts[task.verdict]}</span></span
            ><strong>${formatScore(task.score)}</strong>
          </div>
          ${
            task.score === undefined
              ? null
              : html`<progress class="${tone}" max="1" value="${task.score}" aria-label="${t.outcome.score(label)}">
                  ${formatScore(task.score)}
                </progress>`
          }
          ${task.verdict === 'not-relied-on' ? html`<small class="note">${t.outcome.notReliedOn}</small>` : null}
        </div>`;
      })}
    </div>
  </section>`;
}

function reportLinks(t: DemoMessages, href: string, type: string, label: string, hint: string): SafeHtml {
  return html`<li>
    <a href="${href}" data-testid="report-${type}"
      >${ICON_PDF}<span>${label}<small>${hint}</small></span></a
    ><a class="button secondary small" href="${href}?download=1" data-testid="report-${type}-download" download
      >${t.outcome.download}</a
    >
  </li>`;
}

function reports({ t, lang }: PageContext, verification: Verification, outcome: VerificationOutcome): SafeHtml {
  const base = `/verifications/${verification.transactionId}/reports`;
  const until = formatDateTime(verification.expiresAt, DEMO_MESSAGES[lang].dateLocale);
  const documentImages = outcome.images.some((image) => image.kind.startsWith('document-'));
  return html`<section class="card" aria-labelledby="reports-title">
    <h2 id="reports-title">${t.outcome.reports}</h2>
    <ul class="downloads">
      ${reportLinks(t, `${base}/simple`, 'simple', t.outcome.simpleReport, t.outcome.simpleHint)}
      ${reportLinks(
        t,
        `${base}/extended`,
        'extended',
        t.outcome.extendedReport,
        documentImages ? t.outcome.extendedHint(until) : t.outcome.extendedHintNoImages(until),
      )}
    </ul>
  </section>`;
}

function fieldRowHtml(t: DemoMessages, row: FieldRow): SafeHtml {
  return html`<tr
    class="${row.validity === 'invalid' ? 'invalid' : ''}"
    data-testid="field-${row.field}${row.locale ? `-${row.locale}` : ''}"
  >
    <th scope="row">
      ${fieldName(t, row.field)}${row.locale ? html`<span class="sub">${t.outcome.printed(row.locale)}</span>` : null}
    </th>
    <td>
      <strong>${row.value ?? '—'}</strong
      >${row.others.length > 0 ? html`<span class="sub">${row.others.join(', ')}</span>` : null}
    </td>
    <td class="mono">${row.mrz ?? '—'}</td>
    <td>${row.visual ?? '—'}</td>
    <td>${comparisonText(t, row.comparison)}</td>
    <td>${validityBadge(t, row.validity)}</td>
  </tr>`;
}

function fields({ t }: PageContext, outcome: VerificationOutcome): SafeHtml {
  return html`<section class="card" aria-labelledby="fields-title">
    <h2 id="fields-title">${t.outcome.fieldsTitle}</h2>
    ${
      outcome.fields.length === 0
        ? html`<p class="empty">${t.outcome.noFields}</p>`
        : html`<div class="table-wrap">
            <table data-testid="fields">
              <thead>
                <tr>
                  <th scope="col">${t.outcome.field}</th>
                  <th scope="col">${t.outcome.valueUsed}</th>
                  <th scope="col">${t.outcome.mrz}</th>
                  <th scope="col">${t.outcome.visual}</th>
                  <th scope="col">${t.outcome.comparison}</th>
                  <th scope="col">${t.outcome.validity}</th>
                </tr>
              </thead>
              <tbody>
                ${outcome.fields.map((row) => fieldRowHtml(t, row))}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

function details({ t, lang }: PageContext, verification: Verification, completion?: VerificationCompletion): SafeHtml {
  const locale = DEMO_MESSAGES[lang].dateLocale;
  return html`<section class="card" aria-labelledby="details-title">
    <h2 id="details-title">${t.outcome.received}</h2>
    <dl class="meta">
      <dt>${t.outcome.transaction}</dt>
      <dd class="mono" data-testid="transaction-id">${verification.transactionId}</dd>
      ${
        completion
          ? html`<dt>${t.outcome.result}</dt>
              <dd class="mono">${completion.resultId}</dd>`
          : null
      }
      <dt>${t.outcome.reference}</dt>
      <dd class="mono">${verification.reference}</dd>
      ${
        completion
          ? html`<dt>${t.outcome.via}</dt>
              <dd data-testid="completed-via">${t.outcome.vias[completion.via] ?? completion.via}</dd>`
          : null
      }
      <dt>${t.outcome.flowKind}</dt>
      <dd>
        ${verification.mode === 'iframe' ? t.list.embedded : t.list.redirect},
        ${verification.locale}${verification.mobileOnly ? `, ${t.list.mobileOnly}` : ''}
      </dd>
      <dt>${t.outcome.checks}</dt>
      <dd>${verification.tasks.map((task) => taskName(t, task)).join(', ')}</dd>
      <dt>${t.outcome.startedAt}</dt>
      <dd>${formatDateTime(verification.createdAt, locale)}</dd>
      <dt>${t.outcome.validUntil}</dt>
      <dd>${formatDateTime(verification.expiresAt, locale)}</dd>
    </dl>
  </section>`;
}

/** A line of history in `t`'s language. */
export function historyText(t: DemoMessages, entry: VerificationHistoryEntry): string {
  switch (entry.kind) {
    case 'created':
      return t.outcome.historyCreated[entry.mode];
    case 'task':
      return t.outcome.historyTask(taskName(t, entry.task), t.outcome.taskStates[entry.state] ?? humanize(entry.state));
    case 'completed':
      return t.outcome.historyCompleted(
        t.outcome.vias[entry.via] ?? entry.via,
        t.outcome.historyVerdicts[entry.outcome],
      );
    case 'expired':
      return t.outcome.historyExpired;
  }
}

function history({ t, lang }: PageContext, verification: Verification): SafeHtml {
  const locale = DEMO_MESSAGES[lang].dateLocale;
  return html`<section class="card" aria-labelledby="history-title">
    <h2 id="history-title">${t.outcome.history}</h2>
    <ol class="timeline" data-testid="history">
      ${verification.history.map(
        (entry) =>
          html`<li data-kind="${entry.kind}">
            <time datetime="${entry.at.toISOString()}">${formatTime(entry.at, locale)}</time
            ><span>${historyText(t, entry)}</span>
          </li>`,
      )}
    </ol>
  </section>`;
}

function pageHead({ t, lang }: PageContext, verification: Verification, title: string): SafeHtml {
  return html`<div class="page-head">
    <div>
      <p class="eyebrow">
        ${t.outcome.started(formatDateTime(verification.createdAt, DEMO_MESSAGES[lang].dateLocale))}
      </p>
      <h1>${title}</h1>
    </div>
    <div class="actions">
      <a class="button secondary" href="/verifications">${t.outcome.all}</a
      ><a class="button" href="/">${t.outcome.newOne}</a>
    </div>
  </div>`;
}

/** `GET /verifications/:id` once the completion event has arrived: the whole outcome, in the flow's language. */
export function outcomePage(
  backend: BackendInfo,
  verification: Verification,
  completion: VerificationCompletion,
  lang: DemoLanguage,
): string {
  const page = contextOf(backend, lang);
  const outcome = describeOutcome(completion.result, verification.minimumAge);
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
