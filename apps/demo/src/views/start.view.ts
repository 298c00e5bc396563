import type { DemoLanguage } from '../i18n/demo-language.util';
import { DEMO_MESSAGES } from '../i18n/demo-messages';
import type { Verification } from '../verifications/verification.interface';
import {
  EXPIRY_HOURS,
  LOCALE_CHOICES,
  MINIMUM_AGE_CHOICES,
  MODE_CHOICES,
  TASK_CHOICES,
  type VerificationForm,
} from '../verifications/verification-form.util';
import { html } from './html.util';
import { layout, type BackendInfo } from './layout.view';
import { verificationDigest } from './verification-list.view';

/** What the start page shows. */
export interface StartPageView {
  backend: BackendInfo;
  lang: DemoLanguage;
  form: VerificationForm;
  /** Problems with the last submission, in plain words. */
  errors?: readonly string[];
  /** This browser session's latest verifications. */
  recent: readonly Verification[];
  /**
   * The address a phone opens after the QR code hand-off, and whether it can (`false` when it is on this computer
   * only, such as `127.0.0.1`).
   */
  handoff: { origin: string; reachable: boolean };
}

function checked(on: boolean): string | null {
  return on ? 'checked' : null;
}

/** `GET /`: the form that starts a verification, and this browser's latest verifications. */
export function startPage(view: StartPageView): string {
  const { form, lang } = view;
  const t = DEMO_MESSAGES[lang];
  const errors = view.errors ?? [];
  return layout(
    { title: t.start.title, backend: view.backend, nav: 'new', lang, languageSwitch: '/' },
    html`<div class="page-head">
        <div>
          <h1>${t.start.heading}</h1>
          <p>${t.start.intro}</p>
        </div>
      </div>
      <div class="grid grid-2 top">
        <section class="card" aria-labelledby="start-title">
          <h2 id="start-title">${t.start.formTitle}</h2>
          ${
            errors.length > 0
              ? html`<div class="alert error" role="alert" data-testid="form-errors" tabindex="-1">
                  <h2>${t.start.errorsTitle}</h2>
                  <ul>
                    ${errors.map((error) => html`<li>${error}</li>`)}
                  </ul>
                </div>`
              : null
          }
          <form method="post" action="/verifications" novalidate ${errors.length > 0 ? 'data-submitted' : null}>
            <fieldset>
              <legend>${t.start.checks}</legend>
              <div class="choices">
                ${TASK_CHOICES.map((choice) => {
                  const text = t.start.taskChoices[choice.value];
                  return html`<label class="choice"
                    ><input type="radio" name="tasks" value="${choice.value}" ${checked(form.tasks === choice.value)} />
                    <span>${text.label}<small>${text.hint}</small></span></label
                  >`;
                })}
              </div>
            </fieldset>
            <fieldset>
              <legend>${t.start.modeLegend}</legend>
              <div class="choices inline">
                ${MODE_CHOICES.map(
                  (mode) =>
                    html`<label class="choice"
                      ><input type="radio" name="mode" value="${mode}" ${checked(form.mode === mode)} />
                      <span>${t.start.modes[mode].label}<small>${t.start.modes[mode].hint}</small></span></label
                    >`,
                )}
              </div>
              <p class="hint" id="narrow-hint" data-testid="narrow-hint" aria-live="polite" hidden>
                ${t.start.narrowHint}
              </p>
              <p class="hint" id="narrow-embedded" data-testid="narrow-embedded" aria-live="polite" hidden>
                ${t.start.narrowEmbedded}
              </p>
            </fieldset>
            <div class="field-row">
              <div class="field">
                <label class="label" for="locale">${t.start.flowLanguage}</label>
                <select id="locale" name="locale">
                  ${LOCALE_CHOICES.map(
                    (choice) =>
                      html`<option value="${choice.value}" ${form.locale === choice.value ? 'selected' : null}>
                        ${choice.label}
                      </option>`,
                  )}
                </select>
              </div>
              <div class="field">
                <label class="label" for="expiresIn">${t.start.validFor}</label>
                <select id="expiresIn" name="expiresIn">
                  ${EXPIRY_HOURS.map(
                    (hours) =>
                      html`<option
                        value="${hours * 3600}"
                        ${form.expiresIn === String(hours * 3600) ? 'selected' : null}
                      >
                        ${t.start.hours(hours)}
                      </option>`,
                  )}
                </select>
              </div>
              <div class="field">
                <label class="label" for="minimumAge">${t.start.minimumAge}</label>
                <select id="minimumAge" name="minimumAge" aria-describedby="minimum-age-hint">
                  <option value="" ${form.minimumAge === '' ? 'selected' : null}>${t.start.noMinimumAge}</option>
                  ${MINIMUM_AGE_CHOICES.map(
                    (age) =>
                      html`<option value="${age}" ${form.minimumAge === String(age) ? 'selected' : null}>
                        ${t.start.ageOption(String(age))}
                      </option>`,
                  )}
                </select>
                <small class="hint" id="minimum-age-hint">${t.start.ageHint}</small>
              </div>
            </div>
            <fieldset>
              <legend class="visually-hidden">${t.start.device}</legend>
              <label class="check"
                ><input type="checkbox" name="mobileOnly" value="on" ${checked(form.mobileOnly)} />
                <span
                  >${t.start.mobileOnly}<small>${t.start.mobileOnlyHint}</small
                  ><small data-testid="phone-reach"
                    >${view.handoff.reachable ? t.start.phoneReach(view.handoff.origin) : t.start.phoneLocalOnly}</small
                  ></span
                ></label
              >
            </fieldset>
            <div class="actions">
              <button class="button" type="submit" data-testid="start-verification">${t.start.submit}</button>
            </div>
          </form>
        </section>
        <div class="stack">
          <section class="card" aria-labelledby="recent-title">
            <h2 id="recent-title">${t.start.latest}</h2>
            ${verificationDigest(view.recent, lang)}
            ${view.recent.length > 0 ? html`<p class="more-link"><a href="/verifications">${t.start.allRecent}</a></p>` : null}
          </section>
          <section class="card" aria-labelledby="how-title">
            <h2 id="how-title">${t.start.howTitle}</h2>
            <ol class="steps">
              ${t.start.how.map((step) => html`<li>${step}</li>`)}
            </ol>
          </section>
        </div>
      </div>
      <script src="/assets/start.js"></script>`,
  );
}
