import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * On `minimumAge`: it must not be above the object's `maximumAge` when both are integers (each bound's own range is
 * checked by its own decorators).
 */
export function IsAgeRange(maximumProperty = 'maximumAge', options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAgeRange',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [maximumProperty],
      options: { message: `$property must not be above ${maximumProperty}`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const maximum = (args.object as Record<string, unknown>)[maximumProperty];
          return !Number.isInteger(value) || !Number.isInteger(maximum) || (value as number) <= (maximum as number);
        },
      },
    });
}
