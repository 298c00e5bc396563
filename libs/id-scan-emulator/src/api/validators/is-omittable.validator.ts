import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The property may be left out, but not sent as `null`: unlike `@IsOptional()`, a `null` still runs the other
 * validators, so it is reported instead of being taken for "absent".
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
