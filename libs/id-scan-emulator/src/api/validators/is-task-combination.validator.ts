import { registerDecorator, type ValidationOptions } from 'class-validator';
import { TASK_TYPES } from '../../emulator.constants';
import type { EmulatedTaskType } from '../../interfaces';

/** The only task lists the API accepts (docs/id-scan-api.md §B3): the prefixes of {@link TASK_TYPES}. */
export const TASK_COMBINATIONS: readonly (readonly EmulatedTaskType[])[] = TASK_TYPES.map((_, i) =>
  TASK_TYPES.slice(0, i + 1),
);

/** Whether `value` is exactly one of {@link TASK_COMBINATIONS}. */
export function isTaskCombination(value: unknown): value is EmulatedTaskType[] {
  return (
    Array.isArray(value) &&
    TASK_COMBINATIONS.some(
      (combination) => combination.length === value.length && combination.every((task, i) => value[i] === task),
    )
  );
}

/** The property must be one of the valid task combinations, in order, without duplicates. */
export function IsTaskCombination(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTaskCombination',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `$property must be one of ${TASK_COMBINATIONS.map((c) => JSON.stringify(c)).join(', ')}`,
        ...options,
      },
      validator: { validate: (value: unknown) => isTaskCombination(value) },
    });
}
