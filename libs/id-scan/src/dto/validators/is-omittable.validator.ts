import { ValidateIf } from 'class-validator';

/**
 * The property may be left out, but when present it must pass its other rules. Unlike `@IsOptional()`, `null` is
 * not taken for "left out": the API refuses `null` where it expects a value, so the client refuses it first.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
