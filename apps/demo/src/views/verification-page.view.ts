import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES, humanize, taskName, type DemoMessages } from '../i18n/demo-messages';
import { languageName } from '../i18n/display-names.util';
import type {
  Verification,
  VerificationCompletion,
  VerificationHistoryEntry,
} from '../verifications/verification.interface';
import { formatDateTime, formatTime } from './format.util';
import { html, type SafeHtml } from './html.util';
import type { BackendInfo } from './layout.view';

/** A verification page renders in the operator's language, whatever the flow's language (its `locale`). */
export interface PageContext {
  backend: BackendInfo;
  lang: DemoLanguage;
  t: DemoMessages;
}

/** The context of a page for `backend` in `lang`. */
export function contextOf(backend: BackendInfo, lang: DemoLanguage): PageContext {
  return { backend, lang, t: DEMO_MESSAGES[lang] };
}

/** What the demo knows of the verification: ids, reference, the kind of flow, the checks and the times. */
export function details(
  { t, lang }: PageContext,
  verification: Verification,
  completion?: VerificationCompletion,
): SafeHtml {
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
        ${languageName(verification.locale, lang)}${verification.mobileOnly ? `, ${t.list.mobileOnly}` : ''}
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
      return t.outcome.historyCompleted[entry.outcome](t.outcome.vias[entry.via] ?? entry.via);
    case 'expired':
      return t.outcome.historyExpired;
  }
}

/** The verification's history, as the demo recorded it. */
export function history({ t, lang }: PageContext, verification: Verification): SafeHtml {
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

/** The heading of a verification page, with the way back to the list and to a new verification. */
export function pageHead({ t, lang }: PageContext, verification: Verification, title: string): SafeHtml {
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
