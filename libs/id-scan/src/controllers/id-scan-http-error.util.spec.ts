import { BadRequestException, UnauthorizedException } from '@nestjs/common';
import { IdScanTransactionNotCompletedError } from '../completion/id-scan-transaction-not-completed.error';
import { IdScanUnknownTransactionError } from '../completion/id-scan-unknown-transaction.error';
import {
  createIdScanApiError,
  IdScanConfigurationError,
  IdScanConnectionError,
  IdScanStoreUnavailableError,
  IdScanTimeoutError,
  IdScanValidationError,
} from '../errors';
import { toIdScanHttpError } from './id-scan-http-error.util';

const request = { method: 'GET' as const, path: 'transactions/x/results/y' };
const api = (status: number, headers: Record<string, string> = {}) =>
  createIdScanApiError({ status, headers, body: { code: 'c', message: 'Jane Doe was here' } }, request);

describe('toIdScanHttpError', () => {
  it.each<[string, unknown, number, string]>([
    ['an unknown transaction', new IdScanUnknownTransactionError('t'), 404, 'transaction_unknown'],
    ['a pending transaction', new IdScanTransactionNotCompletedError('t', 'pending'), 409, 'transaction_not_completed'],
    ['a 404 from the API', api(404), 404, 'result_not_found'],
    ['a 410 from the API', api(410), 410, 'transaction_expired'],
    ['a 400 from the API', api(400), 502, 'upstream_error'],
    ['a 401 from the API', api(401), 502, 'upstream_authentication_failed'],
    ['a 500 from the API', api(500), 502, 'upstream_error'],
    ['a 503 from the API', api(503), 503, 'upstream_unavailable'],
    ['a 429 from the API', api(429, { 'retry-after': '3' }), 503, 'upstream_rate_limited'],
    ['a 418 from the API', api(418), 502, 'upstream_error'],
    [
      'a connection error',
      new IdScanConnectionError({ ...request, code: 'ECONNREFUSED' }),
      502,
      'upstream_unreachable',
    ],
    ['a timeout', new IdScanTimeoutError(request, 100), 504, 'upstream_timeout'],
    ['an unreachable store', new IdScanStoreUnavailableError('Redis is down'), 503, 'store_unavailable'],
    ['a configuration error', new IdScanConfigurationError('x'), 500, 'internal_error'],
    ['anything else', new Error('boom'), 500, 'internal_error'],
    ['a thrown string', 'boom', 500, 'internal_error'],
  ])('maps %s to %i %s', (_, error, status, code) => {
    const { body, serverSide } = toIdScanHttpError(error);
    expect(body).toEqual({ statusCode: status, code, message: expect.any(String) as string });
    expect(serverSide).toBe(status >= 500);
    expect(body.message).not.toContain('Jane');
  });

  it('asks to retry after the API’s Retry-After when throttled', () => {
    expect(toIdScanHttpError(api(429, { 'retry-after': '3' })).retryAfterSeconds).toBe(3);
    expect(toIdScanHttpError(api(429)).retryAfterSeconds).toBe(1);
  });

  it('asks to retry after a few seconds when the store is unreachable', () => {
    expect(toIdScanHttpError(new IdScanStoreUnavailableError('x')).retryAfterSeconds).toBe(5);
  });

  it('lists client-side validation problems', () => {
    const error = new IdScanValidationError('x', [{ property: 'resultId', constraints: ['must be a UUID'] }]);
    expect(toIdScanHttpError(error).body).toEqual({
      statusCode: 400,
      code: 'validation_failed',
      message: 'The request is invalid.',
      details: [{ property: 'resultId', constraints: ['must be a UUID'] }],
    });
  });

  it('keeps the body of the routes’ own exceptions, and gives a code to plain ones', () => {
    const own = new BadRequestException({ statusCode: 400, code: 'validation_failed', message: 'm', details: [] });
    expect(toIdScanHttpError(own).body).toEqual({
      statusCode: 400,
      code: 'validation_failed',
      message: 'm',
      details: [],
    });
    expect(toIdScanHttpError(new UnauthorizedException()).body).toMatchObject({
      statusCode: 401,
      code: 'unauthorized',
    });
  });
});
