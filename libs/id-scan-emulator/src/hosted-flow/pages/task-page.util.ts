import { GIVE_UP_SCENARIO, pageMessages } from './page-i18n.constants';
import { escapeValue, renderLayout } from './page-layout.util';
import type { TaskPageView } from './pages.interface';
import { ACCEPTED_PHOTO_TYPES, TASK_FORM_FIELDS } from './task-form.constants';

function hiddenInputs(fields: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(fields ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeValue(name)}" value="${escapeValue(value)}">`)
    .join('\n');
}

function fileInput(id: string, label: string, hint: string, testId: string): string {
  return `<div class="field">
<label for="${id}">${escapeValue(label)}</label>
<input type="file" id="${id}" name="${id}" accept="${ACCEPTED_PHOTO_TYPES.join(',')}" aria-describedby="${id}-hint" data-testid="${testId}">
<p class="hint" id="${id}-hint">${escapeValue(hint)}</p>
</div>`;
}

/**
 * The page of one task: step indicator, heading, the scenario picker (the first scenario pre-selected), the
 * upload inputs when `captureSources` allows files (otherwise a note that the camera is simulated), the submit
 * button, and a separate give-up form. Test hooks: `data-testid` `scenario-<id>`, `photo`, `photo-back`,
 * `submit`, `give-up`.
 */
export function renderTaskPage(view: TaskPageView): string {
  const text = pageMessages(view.locale);
  const task = text.tasks[view.task];
  const total = Math.max(1, Math.floor(view.step.total));
  const index = Math.min(total, Math.max(1, Math.floor(view.step.index)));
  const stepText = text.step(index, total);
  const scenarios = view.scenarios.filter((scenario) => scenario !== GIVE_UP_SCENARIO);
  const hidden = hiddenInputs(view.hiddenFields);

  const error = view.error
    ? `<div class="alert" role="alert" id="form-error" data-testid="error">
<strong>${escapeValue(text.errorHeading)}</strong>
${escapeValue(text.errors[view.error])}
</div>`
    : '';

  const options = scenarios
    .map((scenario, position) => {
      const id = `scenario-${scenario}`;
      const scenarioText =
        scenario === 'under_minimum_age' && view.minimumAge === undefined
          ? { ...text.scenarios[scenario], description: text.noMinimumAge }
          : text.scenarios[scenario];
      // The whole card is the label, so a click anywhere on it picks the scenario, while the radio button stays
      // uncovered: it is what keyboards, assistive technology and test scripts operate.
      return `<label class="option" for="${escapeValue(id)}">
<input type="radio" id="${escapeValue(id)}" name="${TASK_FORM_FIELDS.scenario}" value="${escapeValue(scenario)}"${position === 0 ? ' checked' : ''} aria-labelledby="${escapeValue(id)}-label" aria-describedby="${escapeValue(id)}-description" data-testid="${escapeValue(id)}">
<span><strong id="${escapeValue(id)}-label">${escapeValue(scenarioText.label)}</strong><small id="${escapeValue(id)}-description">${escapeValue(scenarioText.description)}</small></span>
</label>`;
    })
    .join('\n');

  const allowsFiles = view.captureSources.includes('file');
  let capture: string;
  if (view.task === 'face_match') {
    capture = `<p class="camera">${escapeValue(text.nothingToCapture)}</p>`;
  } else if (allowsFiles) {
    capture =
      view.task === 'document_scan'
        ? fileInput(TASK_FORM_FIELDS.photo, text.photoFront, text.photoHint, 'photo') +
          '\n' +
          fileInput(TASK_FORM_FIELDS.photoBack, text.photoBack, text.photoHint, 'photo-back')
        : fileInput(TASK_FORM_FIELDS.photo, text.photoFace, text.photoHint, 'photo');
  } else {
    capture = `<p class="camera" data-testid="camera-simulated">${escapeValue(text.cameraSimulated)}</p>`;
  }

  const body = `<p class="step" data-testid="step">${escapeValue(stepText)}</p>
<progress value="${index}" max="${total}" aria-hidden="true"></progress>
<h1>${escapeValue(task.heading)}</h1>
<p class="lead">${escapeValue(task.lead)}</p>
${error}
<form method="post" action="${escapeValue(view.formAction)}" enctype="multipart/form-data" data-testid="task-form"${view.error ? ' aria-describedby="form-error"' : ''}>
${hidden}
<fieldset>
<legend>${escapeValue(text.scenarioLegend)}</legend>
<p class="help">${escapeValue(text.scenarioHelp)}</p>
${options}
</fieldset>
${capture}
<button type="submit" class="primary" data-testid="submit">${escapeValue(text.submit)}</button>
</form>`;

  const after = `<form method="post" action="${escapeValue(view.giveUpAction)}" class="give-up" data-testid="give-up-form">
${hidden}
<input type="hidden" name="${TASK_FORM_FIELDS.scenario}" value="${GIVE_UP_SCENARIO}">
<button type="submit" class="secondary" data-testid="give-up" aria-describedby="give-up-hint">${escapeValue(text.giveUp)}</button>
<p id="give-up-hint">${escapeValue(text.giveUpHint)}</p>
</form>`;

  return renderLayout({
    locale: view.locale,
    title: `${task.heading} (${stepText})`,
    body,
    after,
  });
}
