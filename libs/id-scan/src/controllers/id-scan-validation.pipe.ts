import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { flattenValidationErrors } from '../utils/flatten-validation-errors.util';
import type { IdScanHttpErrorBody } from './id-scan-http-error.util';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.util';

/** Options of {@link createIdScanValidationPipe}. */
export interface IdScanValidationPipeOptions {
  /** Refuse unknown keys (400) rather than drop them. @default true */
  forbidUnknown?: boolean;
}

/**
 * A `ValidationPipe` that first refuses input nesting deeper than {@link MAX_JSON_DEPTH} levels with a 400:
 * class-transformer and class-validator walk a value recursively, so a deep enough body (the host's JSON parser
 * takes thousands of levels within its size limit) would overflow the stack and answer 500.
 */
class DepthBoundedValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (exceedsJsonDepth(value, MAX_JSON_DEPTH)) {
      const body: IdScanHttpErrorBody = {
        statusCode: 400,
        code: 'validation_failed',
        message: `The request nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels.`,
        details: [{ property: metadata.type, constraints: [`must not nest deeper than ${MAX_JSON_DEPTH} levels`] }],
      };
      throw new BadRequestException(body);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * The `ValidationPipe` each package route uses, whatever the host configured globally: a bound on nesting depth
 * checked before anything transforms the input, whitelisting, conversion to the DTO, and a 400 listing each invalid
 * property and rule, without echoing the rejected values.
 */
export function createIdScanValidationPipe(options: IdScanValidationPipeOptions = {}): ValidationPipe {
  return new DepthBoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: options.forbidUnknown ?? true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const body: IdScanHttpErrorBody = {
        statusCode: 400,
        code: 'validation_failed',
        message: 'The request is invalid.',
        details: flattenValidationErrors(errors),
      };
      return new BadRequestException(body);
    },
  });
}
