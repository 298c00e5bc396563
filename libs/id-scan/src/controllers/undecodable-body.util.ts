import { HttpException, HttpStatus } from '@nestjs/common';
import { isRecord } from '../utils/is-record.util';
import type { IdScanHttpErrorBody } from './id-scan-http-error.util';

/**
 * What the body parsers raise when a body cannot be read: body-parser and raw-body (Express) tag their errors with a
 * `type`; a failed inflate is a zlib error (`Z_...`); Fastify's content-type parser errors have `FST_ERR_CTP_...`
 * codes, and its JSON parser raises a `SyntaxError` with a 400 status. A host's own `verify` hook failing
 * (`entity.verify.failed`) is the host's decision and is left out.
 */
const BODY_ERROR_TYPES = new Set([
  'charset.unsupported',
  'encoding.unsupported',
  'entity.parse.failed',
  'entity.too.large',
  'request.aborted',
  'request.size.invalid',
]);

/** The parser's error behind `exception` (Nest's Express adapter wraps it in an `HttpException` as `cause`). */
function parserErrorOf(exception: unknown): Record<string, unknown> | undefined {
  const error: unknown = exception instanceof HttpException ? exception.cause : exception;
  return isRecord(error) ? error : undefined;
}

/** The 4xx status of a body parser's failure behind `exception`, or `undefined` for anything else. */
export function undecodableBodyStatus(exception: unknown): number | undefined {
  const error = parserErrorOf(exception);
  if (!error) return undefined;
  const status = typeof error.statusCode === 'number' ? error.statusCode : error.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const { type, code } = error;
  const fromParser =
    (typeof type === 'string' && BODY_ERROR_TYPES.has(type)) ||
    (typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('FST_ERR_CTP_'))) ||
    error instanceof SyntaxError;
  return fromParser ? status : undefined;
}

/**
 * Matches, in `@Catch()`, only a body parser's failure, so the filter that catches it never takes any other error
 * from the host's own filters.
 */
export class UndecodableBody {
  static [Symbol.hasInstance](exception: unknown): boolean {
    return undecodableBodyStatus(exception) !== undefined;
  }
}

const UTF_8 = new Set(['utf-8', 'utf8']);

/** Whether a `Content-Type` declares a charset other than UTF-8 (JSON between systems is UTF-8, RFC 8259 §8.1). */
export function declaresOtherCharsetThanUtf8(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  return charset !== undefined && !UTF_8.has(charset);
}

/** The answer to a JSON body in a charset other than UTF-8. */
export const UNSUPPORTED_CHARSET: IdScanHttpErrorBody = Object.freeze({
  statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  code: 'unsupported_charset',
  message: 'This route accepts JSON in UTF-8 only: send Content-Type application/json, with no other charset.',
});

/**
 * The package's own answer to a body its route could not decode: a fixed message per kind of failure, never the
 * parser's, which quotes the start of the body.
 * @param contentType the request's `Content-Type`, to tell a charset the route does not take from malformed JSON
 */
export function undecodableBodyAnswer(exception: unknown, contentType: string | undefined): IdScanHttpErrorBody {
  const status = undecodableBodyStatus(exception) ?? HttpStatus.BAD_REQUEST;
  const type = parserErrorOf(exception)?.type;
  if (type === 'charset.unsupported' || declaresOtherCharsetThanUtf8(contentType)) return { ...UNSUPPORTED_CHARSET };
  if (type === 'encoding.unsupported') {
    return {
      statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      code: 'unsupported_content_encoding',
      message: "The body's Content-Encoding is not accepted here; send it uncompressed.",
    };
  }
  if (status === 415) {
    return {
      statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      code: 'unsupported_media_type',
      message: 'This route accepts a JSON body only: send it with Content-Type application/json.',
    };
  }
  if (status === 413) {
    return {
      statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
      code: 'payload_too_large',
      message: 'The body is too large for this route.',
    };
  }
  return {
    statusCode: HttpStatus.BAD_REQUEST,
    code: 'malformed_body',
    message: 'The body could not be read as JSON.',
  };
}
