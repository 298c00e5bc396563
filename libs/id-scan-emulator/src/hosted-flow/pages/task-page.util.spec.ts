import { SUPPORTED_LOCALES } from '../../emulator.constants';
import type { TaskPageView } from './pages.interface';
import { PAGE_MESSAGES, SCENARIOS } from './page-i18n.constants';
import { escapeValue } from './page-layout.util';
import { renderTaskPage } from './task-page.util';

const view: TaskPageView = {
  locale: 'en-US',
  task: 'document_scan',
  step: { index: 1, total: 3 },
  formAction: '/en-us/identifications/abc/tasks/document_scan',
  scenarios: SCENARIOS.document_scan,
  captureSources: ['camera', 'file'],
  giveUpAction: '/en-us/identifications/abc/give-up',
};

function forms(html: string): string[] {
  return [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map(([form]) => form);
}

function radio(html: string, scenario: string): string | undefined {
  return html.match(new RegExp(`<input[^>]*data-testid="scenario-${scenario}"[^>]*>`))?.[0];
}

describe('renderTaskPage', () => {
  it('offers every scenario but gives_up as a radio button, the first one checked', () => {
    const html = renderTaskPage(view);
    const offered = SCENARIOS.document_scan.filter((scenario) => scenario !== 'gives_up');
    offered.forEach((scenario, index) => {
      const input = radio(html, scenario);
      expect(input).toContain('type="radio"');
      expect(input).toContain('name="scenario"');
      expect(input).toContain(`value="${scenario}"`);
      expect(input?.includes(' checked')).toBe(index === 0);
    });
    expect(radio(html, 'gives_up')).toBeUndefined();
  });

  it.each(SUPPORTED_LOCALES)(
    'describes the under-age scenario by the minimum age: the rule with one, "no minimum applies" without (%s)',
    (locale) => {
      const description = (html: string) =>
        html.match(/<small id="scenario-under_minimum_age-description">([^<]*)<\/small>/)?.[1];
      const messages = PAGE_MESSAGES[locale];
      expect(description(renderTaskPage({ ...view, locale, minimumAge: 18 }))).toBe(
        escapeValue(messages.scenarios.under_minimum_age.description),
      );
      expect(description(renderTaskPage({ ...view, locale }))).toBe(escapeValue(messages.noMinimumAge));
      expect(messages.noMinimumAge).not.toBe(messages.scenarios.under_minimum_age.description);
    },
  );

  it('puts each radio button inside its card-sized label, named by the scenario and described by its help', () => {
    const html = renderTaskPage(view);
    const { label, description } = PAGE_MESSAGES['en-US'].scenarios.expired_document;
    const card = html.match(/<label class="option" for="scenario-expired_document">([\s\S]*?)<\/label>/)?.[1];
    expect(card).toContain(radio(html, 'expired_document'));
    expect(radio(html, 'expired_document')).toContain(
      'aria-labelledby="scenario-expired_document-label" aria-describedby="scenario-expired_document-description"',
    );
    expect(card).toContain(
      `<strong id="scenario-expired_document-label">${label}</strong><small id="scenario-expired_document-description">${description}</small>`,
    );
  });

  it('posts the task form as multipart to formAction, with a typed submit button', () => {
    const [taskForm] = forms(renderTaskPage(view));
    expect(taskForm).toMatch(/^<form method="post" action="\/en-us\/identifications\/abc\/tasks\/document_scan"/);
    expect(taskForm).toContain('enctype="multipart/form-data"');
    expect(taskForm).toMatch(/<button type="submit" class="primary" data-testid="submit">Continue<\/button>/);
  });

  it('gives up through a separate form that posts scenario=gives_up', () => {
    const [, giveUp] = forms(renderTaskPage(view));
    expect(giveUp).toContain('action="/en-us/identifications/abc/give-up"');
    expect(giveUp).toContain('<input type="hidden" name="scenario" value="gives_up">');
    expect(giveUp).toMatch(/<button type="submit"[^>]*data-testid="give-up"/);
    expect(giveUp).not.toContain('multipart');
  });

  it('shows front and back upload inputs for a document when files are allowed', () => {
    const html = renderTaskPage(view);
    expect(html).toMatch(
      /<input type="file" id="photo" name="photo" accept="image\/jpeg,image\/png"[^>]*data-testid="photo"/,
    );
    expect(html).toMatch(/<input type="file" id="photoBack" name="photoBack"[^>]*data-testid="photo-back"/);
    expect(html).toContain('<label for="photo">');
    expect(html).toContain('<label for="photoBack">');
  });

  it('shows one face upload input for the liveness check', () => {
    const html = renderTaskPage({
      ...view,
      task: 'face_liveness',
      scenarios: SCENARIOS.face_liveness,
    });
    expect(html).toContain('data-testid="photo"');
    expect(html).not.toContain('data-testid="photo-back"');
    expect(html).toContain('Photo of your face');
    expect(radio(html, 'live_person')).toContain(' checked');
  });

  it('explains the simulated camera when only the camera is allowed', () => {
    const html = renderTaskPage({ ...view, captureSources: ['camera'] });
    expect(html).not.toContain('type="file"');
    expect(html).toContain('data-testid="camera-simulated"');
    expect(html).toContain(PAGE_MESSAGES['en-US'].cameraSimulated);
  });

  it('has nothing to capture for the face match', () => {
    const html = renderTaskPage({
      ...view,
      task: 'face_match',
      scenarios: SCENARIOS.face_match,
    });
    expect(html).not.toContain('type="file"');
    expect(html).toContain(PAGE_MESSAGES['en-US'].nothingToCapture);
    expect(radio(html, 'same_person')).toContain(' checked');
    expect(radio(html, 'face_mismatch')).not.toContain(' checked');
  });

  it('shows the step and a progress bar', () => {
    const html = renderTaskPage({ ...view, step: { index: 2, total: 3 } });
    expect(html).toContain('<p class="step" data-testid="step">Step 2 of 3</p>');
    expect(html).toContain('<progress value="2" max="3" aria-hidden="true"></progress>');
  });

  it.each(['scenario_required', 'unsupported_file', 'file_too_large', 'unreadable_image', 'try_again'] as const)(
    'announces the %s error',
    (error) => {
      const html = renderTaskPage({ ...view, error });
      expect(html).toContain('role="alert"');
      expect(html).toContain(PAGE_MESSAGES['en-US'].errors[error]);
      expect(html).toContain('aria-describedby="form-error"');
    },
  );

  it('repeats hidden fields in both forms', () => {
    const html = renderTaskPage({ ...view, hiddenFields: { csrf: 'token-1' } });
    for (const form of forms(html)) {
      expect(form).toContain('<input type="hidden" name="csrf" value="token-1">');
    }
  });

  it.each(SUPPORTED_LOCALES)('speaks %s', (locale) => {
    const text = PAGE_MESSAGES[locale];
    const html = renderTaskPage({ ...view, locale });
    expect(html).toContain(`<html lang="${locale}">`);
    for (const expected of [
      text.tasks.document_scan.heading,
      text.scenarios.genuine_passport.label,
      text.submit,
      text.giveUp,
      text.badge,
    ]) {
      expect(html).toContain(expected.replace(/'/g, '&#39;'));
    }
  });
});
