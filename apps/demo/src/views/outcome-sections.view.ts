import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES, fieldName, humanize, taskName, type DemoMessages } from '../i18n/demo-messages';
import { countryName, documentCaption, languageName } from '../i18n/display-names.util';
import type { Verification } from '../verifications/verification.interface';
import type {
  FieldRow,
  OutcomeImage,
  OutcomeReason,
  TaskLine,
  VerificationOutcome,
} from '../verifications/verification-outcome.util';
import { formatDateTime, formatDocumentDate, formatScore } from './format.util';
import { html, type SafeHtml } from './html.util';
import { ICON_BAD, ICON_OK, ICON_PDF, ICON_STOP } from './icons.util';
import type { PageContext } from './verification-page.view';

function documentTypeLabel(t: DemoMessages, type: string | undefined): string {
  if (!type) return '—';
  return t.documentTypes[type.toLowerCase()] ?? humanize(type);
}

function validityBadge(t: DemoMessages, row: FieldRow): SafeHtml {
  if (row.validity === 'valid') return html`<span class="badge ok">${t.outcome.valid}</span>`;
  if (row.validity === 'not_checked') return html`<span class="badge neutral">${t.outcome.notChecked}</span>`;
  // `invalid`, or a judgement the documentation does not name: it counts against the verification, as in the summary.
  const label =
    row.validity === 'invalid' || typeof row.validity !== 'string' ? t.outcome.invalid : humanize(row.validity);
  return html`<span class="badge bad">${label}</span>`;
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
  if (reason.kind === 'under-age') {
    // Without a minimum age in the request, the age fell outside some other limit (a maximum).
    return reason.minimumAge === undefined ? t.outcome.fieldInvalid.age : t.outcome.underAge(String(reason.minimumAge));
  }
  if (reason.kind === 'task-failed') {
    return t.outcome.taskFailed[reason.task] ?? t.outcome.taskFailedOther(taskName(t, reason.task));
  }
  return t.outcome.fieldInvalid[reason.field] ?? t.outcome.fieldInvalidOther(fieldName(t, reason.field));
}

/**
 * The verdict at the top of the outcome: verified, or why not and whether trying again can help. It claims the
 * person's identity only when the face match passed; otherwise only the document is verified.
 */
export function verdict({ t }: PageContext, outcome: VerificationOutcome): SafeHtml {
  if (outcome.verdict === 'verified') {
    const identity = outcome.identityShown;
    return html`<section
      class="verdict ok"
      data-testid="verdict"
      data-verdict="verified"
      data-identity="${identity ? 'shown' : 'not-shown'}"
    >
      ${ICON_OK}
      <div>
        <h2>${identity ? t.outcome.verified : t.outcome.documentVerified}</h2>
        <p>${identity ? t.outcome.verifiedText : t.outcome.documentVerifiedText}</p>
      </div>
    </section>`;
  }
  const finished = outcome.verdict !== 'not-finished';
  return html`<section
    class="verdict ${finished ? 'bad' : 'warn'}"
    data-testid="verdict"
    data-verdict="${outcome.verdict}"
    data-retryable="${outcome.retryable ? 'yes' : 'no'}"
  >
    ${finished ? ICON_BAD : ICON_STOP}
    <div>
      <h2>${finished ? t.outcome.notVerified : t.outcome.notFinished}</h2>
      <ul data-testid="verdict-reasons">
        ${outcome.reasons.map((reason) => html`<li>${reasonText(t, reason)}</li>`)}
      </ul>
      <p class="retry" data-testid="verdict-retry">
        ${outcome.retryable ? t.outcome.retryable : t.outcome.notRetryable}
      </p>
    </div>
  </section>`;
}

/**
 * The person and document at a glance, each item marked when the verdict judged its own field invalid (the fields
 * table marks the same entries): an age outside the limits marks the age, never the date of birth.
 */
export function summary({ t, lang }: PageContext, outcome: VerificationOutcome): SafeHtml {
  const { age } = outcome;
  const s = outcome.summary;
  const locale = DEMO_MESSAGES[lang].dateLocale;
  const name = [s.givenNames, s.surname].filter(Boolean).join(' ') || '—';
  // Each item, with the fields whose failed validation it shows.
  const items: [string, string, string, string[]][] = [
    [t.outcome.name, name, 'name', ['given_names', 'surname']],
    [fieldName(t, 'document_number'), s.documentNumber ?? '—', 'document-number', ['document_number']],
    [fieldName(t, 'document_type'), documentTypeLabel(t, s.documentType), 'document-type', ['document_type']],
    [fieldName(t, 'date_of_expiry'), formatDocumentDate(s.dateOfExpiry, locale), 'date-of-expiry', ['date_of_expiry']],
    [
      fieldName(t, 'nationality'),
      s.nationality ? countryName(s.nationality, lang) : '—',
      'nationality',
      ['nationality'],
    ],
    [fieldName(t, 'date_of_birth'), formatDocumentDate(s.dateOfBirth, locale), 'date-of-birth', ['date_of_birth']],
    ...(age === undefined ? [] : [[fieldName(t, 'age'), age, 'age', ['age']] as [string, string, string, string[]]]),
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
                fields.some((field) => outcome.invalidFields.has(field))
                  ? html`<span class="badge bad">${t.outcome.invalid}</span>`
                  : null
              }
            </dd>
          </div>`,
      )}
    </dl>
  </section>`;
}

function imageLabel(
  t: DemoMessages,
  lang: DemoLanguage,
  image: OutcomeImage,
): { label: string; caption: string | undefined } {
  if (image.kind === 'portrait') return { label: t.outcome.imageLabels.portrait, caption: t.outcome.portraitCaption };
  if (image.kind === 'selfie') return { label: t.outcome.imageLabels.selfie, caption: t.outcome.selfieCaption };
  if (image.kind === 'other') return { label: humanize(image.name ?? ''), caption: taskName(t, image.task) };
  const caption = image.name && documentCaption(image.name, lang, { ...t, documentBack: t.outcome.documentBack });
  return { label: t.outcome.imageLabels[image.kind], caption };
}

/** The result's images, each linking to the full file; a note when the result has none. */
export function gallery({ t, lang }: PageContext, verification: Verification, outcome: VerificationOutcome): SafeHtml {
  const body =
    outcome.images.length === 0
      ? html`<p class="empty" data-testid="no-images">${t.outcome.noImages}</p>`
      : html`<div class="gallery">
          ${outcome.images.map((image) => {
            const { label, caption } = imageLabel(t, lang, image);
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

/** Each task's verdict and score, toned by the verdict. */
export function scores({ t }: PageContext, outcome: VerificationOutcome): SafeHtml {
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

/** Links to open or download the simple and the extended PDF report, with when the extended one stops. */
export function reports({ t, lang }: PageContext, verification: Verification, outcome: VerificationOutcome): SafeHtml {
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

// Fields whose values are English country names, and fields whose values are `YYYY-MM-DD` dates: shown as the
// page's language writes them. Printed (localised) entries are the document's own text and stay as printed.
const COUNTRY_FIELDS: ReadonlySet<string> = new Set(['nationality', 'issuing_country']);
const DATE_FIELDS: ReadonlySet<string> = new Set(['date_of_birth', 'date_of_expiry', 'date_of_issue']);

function displayValue(lang: DemoLanguage, row: FieldRow, value: string | undefined): string | undefined {
  if (value === undefined || row.locale) return value;
  if (COUNTRY_FIELDS.has(row.field)) return countryName(value, lang);
  if (DATE_FIELDS.has(row.field)) return formatDocumentDate(value, DEMO_MESSAGES[lang].dateLocale);
  return value;
}

function fieldRowHtml(t: DemoMessages, lang: DemoLanguage, row: FieldRow): SafeHtml {
  const shown = (value: string | undefined) => displayValue(lang, row, value);
  return html`<tr
    class="${row.invalid ? 'invalid' : ''}"
    data-testid="field-${row.field}${row.locale ? `-${row.locale}` : ''}"
  >
    <th scope="row">
      ${fieldName(t, row.field)}${row.locale ? html`<span class="sub">${t.outcome.printed(languageName(row.locale, lang))}</span>` : null}
    </th>
    <td data-label="${t.outcome.valueUsed}">
      <strong>${shown(row.value) ?? '—'}</strong
      >${row.others.length > 0 ? html`<span class="sub">${row.others.join(', ')}</span>` : null}
    </td>
    <td class="mono" data-label="${t.outcome.mrz}">${shown(row.mrz) ?? '—'}</td>
    <td data-label="${t.outcome.visual}">${shown(row.visual) ?? '—'}</td>
    <td data-label="${t.outcome.comparison}">${comparisonText(t, row.comparison)}</td>
    <td data-label="${t.outcome.validity}">${validityBadge(t, row)}</td>
  </tr>`;
}

/** Every field of the result: its value, the MRZ and visual readings, their comparison and the validation. */
export function fields({ t, lang }: PageContext, outcome: VerificationOutcome): SafeHtml {
  return html`<section class="card" aria-labelledby="fields-title">
    <h2 id="fields-title">${t.outcome.fieldsTitle}</h2>
    ${
      outcome.fields.length === 0
        ? html`<p class="empty">${t.outcome.noFields}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="fields-title">
            <table class="cards" data-testid="fields">
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
                ${outcome.fields.map((row) => fieldRowHtml(t, lang, row))}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}
