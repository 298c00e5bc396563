import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** Whether `value` is a snake_case word such as `personal_number` or `advanced`. */
export function isSnakeCase(value: unknown): value is string {
  return typeof value === 'string' && SNAKE_CASE.test(value);
}

/** The property (or, with `{ each: true }`, each element) must be a snake_case word, such as `personal_number`. */
export function IsSnakeCase(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSnakeCase',
      validator: {
        validate: (value) => isSnakeCase(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${options?.each ? `each value in ${args?.property}` : args?.property} must be a snake_case name ` +
          '(lower-case letters and digits joined by "_", such as personal_number)',
      },
    },
    options,
  );
}
