import { Injectable, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { EmulatorApiError, type EmulatorErrorDetail } from '../errors';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.util';

/**
 * class-validator on request bodies: unknown keys refused, no type coercion (a string is never taken for a number),
 * and one 400 `validation_failed` whose `details` list every problem with its dotted path. A body nesting deeper
 * than {@link MAX_JSON_DEPTH} levels is refused before class-transformer, whose recursion it would overflow.
 */
@Injectable()
export class EmulatorValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ValidationError[]) => EmulatorApiError.validation(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw EmulatorApiError.validation([{ field: 'body', message: 'body must be a JSON object' }]);
    }
    if (exceedsJsonDepth(value, MAX_JSON_DEPTH)) {
      throw EmulatorApiError.validation(
        [{ field: 'body', message: `body must not nest deeper than ${MAX_JSON_DEPTH} levels` }],
        `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
      );
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** Every constraint failure of a validation tree, with the full path of its property. */
export function flatten(errors: ValidationError[], parent = ''): EmulatorErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`${error.property} `) ? `${field}${message.slice(error.property.length)}` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
