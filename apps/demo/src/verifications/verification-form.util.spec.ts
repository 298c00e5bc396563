import {
  DEFAULT_VERIFICATION_FORM,
  formMode,
  MINIMUM_AGE_CHOICES,
  readVerificationForm,
  TASK_CHOICES,
  transactionRequestOf,
} from './verification-form.util';

describe('verification form', () => {
  it('offers exactly the three task combinations ID Scan accepts', () => {
    expect(TASK_CHOICES.map((choice) => choice.tasks)).toEqual([
      ['document_scan'],
      ['document_scan', 'face_liveness'],
      ['document_scan', 'face_liveness', 'face_match'],
    ]);
    expect(TASK_CHOICES.map((choice) => choice.value)).toContain(DEFAULT_VERIFICATION_FORM.tasks);
  });

  it('reads a submitted form, the checkbox only when ticked', () => {
    const body = {
      tasks: 'document_scan',
      locale: 'nl-NL',
      mobileOnly: 'on',
      expiresIn: '7200',
      mode: 'redirect',
      minimumAge: '18',
    };
    expect(readVerificationForm(body)).toEqual({ ...body, mobileOnly: true });
    expect(readVerificationForm({ ...body, mobileOnly: undefined }).mobileOnly).toBe(false);
  });

  it('reads anything that is not a string (arrays, objects, no body) as empty', () => {
    expect(readVerificationForm({ tasks: ['a', 'b'], locale: { x: 1 } })).toEqual({
      tasks: '',
      locale: '',
      mobileOnly: false,
      expiresIn: '',
      mode: '',
      minimumAge: '',
    });
    expect(readVerificationForm(undefined).mode).toBe('');
  });

  it('accepts only the two modes', () => {
    expect(formMode({ ...DEFAULT_VERIFICATION_FORM, mode: 'iframe' })).toBe('iframe');
    expect(formMode({ ...DEFAULT_VERIFICATION_FORM, mode: 'redirect' })).toBe('redirect');
    expect(formMode({ ...DEFAULT_VERIFICATION_FORM, mode: 'popup' })).toBeUndefined();
  });

  it('passes the choices on unchanged, for the package to validate', () => {
    const form = {
      tasks: 'face_match',
      locale: 'de-DE',
      mobileOnly: true,
      expiresIn: 'soon',
      mode: 'iframe',
      minimumAge: '',
    };
    const request = transactionRequestOf(form, {
      returnUrl: 'http://localhost:3000/id-scan/return',
    });
    expect(request).toEqual({
      tasks: ['face_match'],
      locale: 'de-DE',
      mobileOnly: true,
      expiresIn: NaN,
      returnUrl: 'http://localhost:3000/id-scan/return',
    });
    expect(transactionRequestOf({ ...form, tasks: '', expiresIn: '' }, {})).toMatchObject({
      tasks: [],
      expiresIn: undefined,
    });
  });

  it('asks for a minimum age only when one is chosen, and leaves its checks to the package', () => {
    expect(transactionRequestOf({ ...DEFAULT_VERIFICATION_FORM, minimumAge: '18' }, {}).settings).toEqual({
      documentScan: { minimumAge: 18 },
    });
    expect(transactionRequestOf({ ...DEFAULT_VERIFICATION_FORM, minimumAge: '' }, {})).not.toHaveProperty('settings');
    expect(MINIMUM_AGE_CHOICES).toEqual([16, 18, 21]);
    expect(DEFAULT_VERIFICATION_FORM.minimumAge).toBe('');
  });
});
