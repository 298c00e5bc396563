import {
  IdScanApiError,
  IdScanAuthenticationError,
  IdScanBadRequestError,
  IdScanError,
  IdScanGoneError,
  IdScanNotFoundError,
  IdScanRateLimitError,
  IdScanServerError,
} from '.';

describe('IdScanApiError.fromResponse', () => {
  it.each([
    [400, IdScanBadRequestError],
    [401, IdScanAuthenticationError],
    [403, IdScanAuthenticationError],
    [404, IdScanNotFoundError],
    [410, IdScanGoneError],
    [429, IdScanRateLimitError],
    [500, IdScanServerError],
    [502, IdScanServerError],
    [503, IdScanServerError],
    [504, IdScanServerError],
    [409, IdScanApiError],
    [422, IdScanApiError],
    [302, IdScanApiError],
  ])('maps %i to %p', (status, type) => {
    const error = IdScanApiError.fromResponse({ status, body: { code: 'some_code', message: 'Something.' } });
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(IdScanApiError);
    expect(error).toBeInstanceOf(IdScanError);
    expect(error.constructor).toBe(type);
    expect(error.name).toBe(type.name);
    expect(error.status).toBe(status);
  });

  it('reads the Part B6 body, the request id and the request summary', () => {
    const details = [{ property: 'tasks', message: 'invalid combination' }];
    const error = IdScanApiError.fromResponse(
      {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'x-request-id': 'req-123' },
        body: JSON.stringify({ code: 'validation_failed', message: 'The request is invalid.', details }),
      },
      { method: 'POST', path: 'transactions' },
    );
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', requestId: 'req-123', details });
    expect(error.message).toContain('400 (validation_failed) to POST transactions: The request is invalid.');
    expect(error.cause).toEqual({ method: 'POST', path: 'transactions', status: 400 });
  });

  it.each([
    ['error', { error: 'invalid_token' }, 'invalid_token'],
    ['nested error object', { error: { code: 'token_expired', message: 'Token expired' } }, 'Token expired'],
    ['title', { title: 'Conflict', detail: 'ignored when a title exists' }, 'Conflict'],
    ['detail', { detail: 'The transaction is locked' }, 'The transaction is locked'],
    ['status text', '<html>bad gateway</html>', 'Teapot'],
  ])('falls back to %s for the explanation', (_source, body, expected) => {
    const error = IdScanApiError.fromResponse({ status: 418, statusText: 'Teapot', body });
    expect(error.message).toContain(expected);
  });

  it('falls back to http_<status> when the body has no code', () => {
    expect(IdScanApiError.fromResponse({ status: 502, body: '' }).code).toBe('http_502');
    expect(IdScanApiError.fromResponse({ status: 401, body: { error: { code: 'bad_kid' } } }).code).toBe('bad_kid');
  });

  it.each([
    ['seconds', '7', 7000],
    ['an HTTP-date', new Date(Date.now() + 30_000).toUTCString(), 30_000],
  ])('reads Retry-After as %s', (_form, header, expected) => {
    const error = IdScanApiError.fromResponse({ status: 429, headers: { 'retry-after': header }, body: {} });
    expect(error).toBeInstanceOf(IdScanRateLimitError);
    const { retryAfterMs } = error as IdScanRateLimitError;
    expect(retryAfterMs).toBeGreaterThan(expected - 2000);
    expect(retryAfterMs).toBeLessThanOrEqual(expected);
    expect(error.message).toMatch(/wait \d+ s/);
  });

  it('keeps a long or multi-line explanation to one bounded line', () => {
    const error = IdScanApiError.fromResponse({
      status: 500,
      body: { message: `line one\nline two ${'x'.repeat(1000)}` },
    });
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(500);
  });
});
