import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '../utils/flatten-validation-errors.util';
import type { IdScanHttpErrorBody } from './id-scan-http-error.util';

/** Options of {@link createIdScanValidationPipe}. */
export interface IdScanValidationPipeOptions {
  /** Refuse unknown keys (400) rather than drop them. @default true */
  forbidUnknown?: boolean;
}

/**
 * The `ValidationPipe` each package route uses, whatever the host configured globally: whitelisting, conversion to
 * the DTO, and a 400 listing each invalid property and rule, without echoing the rejected values.
 */
export function createIdScanValidationPipe(options: IdScanValidationPipeOptions = {}): ValidationPipe {
  return new ValidationPipe({
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
