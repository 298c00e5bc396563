// Each class straight from its own file, never through the barrel: the mapping must not depend on what else was loaded.
import { createIdScanApiError } from './create-id-scan-api-error.util';
import { IdScanApiError } from './id-scan-api.error';
import { IdScanAuthenticationError } from './id-scan-authentication.error';
import { IdScanBadRequestError } from './id-scan-bad-request.error';
import { IdScanError } from './id-scan.error';
import { IdScanGoneError } from './id-scan-gone.error';
import { IdScanNotFoundError } from './id-scan-not-found.error';
import { IdScanRateLimitError } from './id-scan-rate-limit.error';
import { IdScanServerError } from './id-scan-server.error';

describe('createIdScanApiError', () => {
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
    const error = createIdScanApiError({ status, body: { code: 'some_code', message: 'Something.' } });
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(IdScanApiError);
    expect(error).toBeInstanceOf(IdScanError);
    expect(error.constructor).toBe(type);
    expect(error.name).toBe(type.name);
    expect(error.status).toBe(status);
  });

  it('reads the body of docs/id-scan-api.md §B6, the request id and the request summary', () => {
    const details = [{ property: 'tasks', message: 'invalid combination' }];
    const error = createIdScanApiError(
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
    const error = createIdScanApiError({ status: 418, statusText: 'Teapot', body });
    expect(error.message).toContain(expected);
  });

  it('falls back to http_<status> when the body has no code', () => {
    expect(createIdScanApiError({ status: 502, body: '' }).code).toBe('http_502');
    expect(createIdScanApiError({ status: 401, body: { error: { code: 'bad_kid' } } }).code).toBe('bad_kid');
  });

  const NOW = Date.parse('2026-03-01T12:00:00Z');

  it.each([
    ['seconds', '7', 7000],
    ['an HTTP-date', new Date(NOW + 30_000).toUTCString(), 30_000],
    ['an HTTP-date already past', new Date(NOW - 5_000).toUTCString(), 0],
  ])('reads Retry-After as %s, against the time it is given', (_form, header, expected) => {
    const error = createIdScanApiError({ status: 429, headers: { 'retry-after': header }, body: {} }, undefined, NOW);
    expect(error).toBeInstanceOf(IdScanRateLimitError);
    expect(error.retryAfterMs).toBe(expected);
    expect(error.message).toContain(`wait ${expected / 1000} s`);
  });

  it('keeps Retry-After on a 503 too, and leaves it out when the API did not say', () => {
    const unavailable = createIdScanApiError({ status: 503, headers: { 'retry-after': '4' } }, undefined, NOW);
    expect(unavailable).toBeInstanceOf(IdScanServerError);
    expect(unavailable.retryAfterMs).toBe(4000);
    expect(createIdScanApiError({ status: 429, headers: { 'retry-after': 'soon' } }).retryAfterMs).toBeUndefined();
  });

  it('keeps a long or multi-line explanation to one bounded line', () => {
    const error = createIdScanApiError({
      status: 500,
      body: { message: `line one\nline two ${'x'.repeat(1000)}` },
    });
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(500);
  });
});
