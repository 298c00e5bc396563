import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * The property must not be greater than the sibling property `other` (when both are numbers), for ranges such as
 * `minimumAge` / `maximumAge`. The error is reported on the decorated property.
 */
export function IsNotAbove(other: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotAbove',
      constraints: [other],
      validator: {
        validate: (value, args?: ValidationArguments) => {
          const limit = (args?.object as Record<string, unknown> | undefined)?.[other];
          return typeof value !== 'number' || typeof limit !== 'number' || value <= limit;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be greater than ${other}`,
      },
    },
    options,
  );
}
