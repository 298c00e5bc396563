import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** The only task lists the API accepts (docs/id-scan-api.md §A3, §B3), in this order. */
export const ID_SCAN_TASK_COMBINATIONS = [
  ['document_scan'],
  ['document_scan', 'face_liveness'],
  ['document_scan', 'face_liveness', 'face_match'],
] as const;

/** One of {@link ID_SCAN_TASK_COMBINATIONS}. */
export type IdScanTaskCombination = (typeof ID_SCAN_TASK_COMBINATIONS)[number];

/** Whether `value` is exactly one of the valid task combinations: same tasks, same order, no duplicates. */
export function isTaskCombination(value: unknown): value is IdScanTaskCombination {
  return (
    Array.isArray(value) &&
    ID_SCAN_TASK_COMBINATIONS.some((tasks) => tasks.length === value.length && tasks.every((t, i) => value[i] === t))
  );
}

/** The property must be one of the valid task combinations of the ID Scan API. */
export function IsTaskCombination(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTaskCombination',
      validator: {
        validate: (value) => isTaskCombination(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must be exactly one of ${ID_SCAN_TASK_COMBINATIONS.map((t) => `[${t.join(', ')}]`).join(', ')}, ` +
          'in that order',
      },
    },
    options,
  );
}
