import type { Verification } from '../verifications/verification.interface';
import {
  EXPIRY_CHOICES,
  LOCALE_CHOICES,
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
  form: VerificationForm;
  /** Problems with the last submission, in plain words. */
  errors?: readonly string[];
  recent: readonly Verification[];
}

function checked(on: boolean): string | null {
  return on ? 'checked' : null;
}

/** `GET /`: the form that starts a verification, and the latest verifications. */
export function startPage(view: StartPageView): string {
  const { form } = view;
  const errors = view.errors ?? [];
  return layout(
    { title: 'New verification', backend: view.backend, nav: 'new' },
    html`<div class="page-head">
        <div>
          <h1>Verify an identity document</h1>
          <p>Choose the checks, start the flow, and see what your application receives.</p>
        </div>
      </div>
      <div class="grid grid-2 top">
        <section class="card" aria-labelledby="start-title">
          <h2 id="start-title">New verification</h2>
          ${
            errors.length > 0
              ? html`<div class="alert error" role="alert" data-testid="form-errors" tabindex="-1">
                  <h2>The verification could not be started</h2>
                  <ul>
                    ${errors.map((error) => html`<li>${error}</li>`)}
                  </ul>
                </div>`
              : null
          }
          <form method="post" action="/verifications" novalidate>
            <fieldset>
              <legend>Checks</legend>
              <div class="choices">
                ${TASK_CHOICES.map(
                  (choice) =>
                    html`<label class="choice"
                      ><input
                        type="radio"
                        name="tasks"
                        value="${choice.value}"
                        ${checked(form.tasks === choice.value)}
                      />
                      <span>${choice.label}<small>${choice.hint}</small></span></label
                    >`,
                )}
              </div>
            </fieldset>
            <fieldset>
              <legend>How the person goes through the flow</legend>
              <div class="choices inline">
                ${MODE_CHOICES.map(
                  (choice) =>
                    html`<label class="choice"
                      ><input type="radio" name="mode" value="${choice.value}" ${checked(form.mode === choice.value)} />
                      <span>${choice.label}<small>${choice.hint}</small></span></label
                    >`,
                )}
              </div>
            </fieldset>
            <div class="field-row">
              <div class="field">
                <label class="label" for="locale">Language of the flow</label>
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
                <label class="label" for="expiresIn">Link valid for</label>
                <select id="expiresIn" name="expiresIn">
                  ${EXPIRY_CHOICES.map(
                    (choice) =>
                      html`<option
                        value="${choice.value}"
                        ${form.expiresIn === String(choice.value) ? 'selected' : null}
                      >
                        ${choice.label}
                      </option>`,
                  )}
                </select>
              </div>
            </div>
            <fieldset>
              <legend class="visually-hidden">Device</legend>
              <label class="check"
                ><input type="checkbox" name="mobileOnly" value="on" ${checked(form.mobileOnly)} />
                <span
                  >Mobile only<small>On a computer the flow shows a QR code to continue on a phone</small></span
                ></label
              >
            </fieldset>
            <div class="actions">
              <button class="button" type="submit" data-testid="start-verification">Start verification</button>
            </div>
          </form>
        </section>
        <div class="stack">
          <section class="card" aria-labelledby="recent-title">
            <h2 id="recent-title">Latest verifications</h2>
            ${verificationDigest(view.recent)}
            ${view.recent.length > 0 ? html`<p class="more-link"><a href="/verifications">All recent verifications</a></p>` : null}
          </section>
          <section class="card" aria-labelledby="how-title">
            <h2 id="how-title">How it works</h2>
            <ol class="steps">
              <li>
                The application creates a transaction with
                <code>IdScanService.createTransaction</code>.
              </li>
              <li>The person goes through the hosted flow, in a frame or after a redirect.</li>
              <li>
                The package hears that they finished: from the frame, the return URL or an event notification, whichever
                comes first.
              </li>
              <li>
                It fetches the result and emits
                <code>id-scan.transaction.completed</code> once; this application's listener records it.
              </li>
            </ol>
          </section>
        </div>
      </div>`,
  );
}
