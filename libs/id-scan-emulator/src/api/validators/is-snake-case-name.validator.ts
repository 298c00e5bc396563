import { registerDecorator, type ValidationOptions } from 'class-validator';

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** Whether `value` is a snake_case name such as `personal_number` (at most 64 characters). */
export function isSnakeCaseName(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 64 && SNAKE_CASE.test(value);
}

/** The property (or, with `each`, every element) must be a snake_case name. */
export function IsSnakeCaseName(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSnakeCaseName',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: options?.each
          ? 'each value in $property must be a snake_case name'
          : '$property must be a snake_case word',
        ...options,
      },
      validator: { validate: (value: unknown) => isSnakeCaseName(value) },
    });
}
