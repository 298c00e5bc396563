import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { isUUID, validate, type ValidationError } from 'class-validator';
import { IdScanValidationError, type IdScanValidationProblem } from '../errors/id-scan-validation.error';
import { flattenValidationErrors } from './flatten-validation-errors.util';
import { isRecord } from './is-record.util';

/**
 * Turns `input` (a DTO instance or a plain object) into a validated instance of `type`: nested objects become their
 * DTO classes, unknown keys are refused, and every problem is reported at once with its property path.
 *
 * @param subject what is validated, for the error message (`createTransaction request`)
 * @param moreProblems problems found in other arguments, reported in the same error
 * @throws IdScanValidationError listing every problem; the rejected values are never repeated
 */
export async function validateInput<T extends object>(
  type: ClassConstructor<T>,
  input: unknown,
  subject: string,
  moreProblems: IdScanValidationProblem[] = [],
): Promise<T> {
  if (!isRecord(input)) {
    throw new IdScanValidationError(subject, [
      { property: '(root)', constraints: [`the ${subject} must be an object`] },
      ...moreProblems,
    ]);
  }
  let instance: T;
  let errors: ValidationError[];
  try {
    instance = plainToInstance(type, input);
    errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
  } catch (cause) {
    // class-transformer throws on values JSON cannot hold (a Map with object keys, say): still the caller's input.
    throw new IdScanValidationError(
      subject,
      [{ property: '(root)', constraints: [`the ${subject} must hold only JSON values`] }, ...moreProblems],
      { cause },
    );
  }
  const problems = [...flattenValidationErrors(errors), ...moreProblems];
  if (problems.length > 0) throw new IdScanValidationError(subject, problems);
  return instance;
}

/** The problems with named identifier arguments: each must be a UUID, as every ID Scan identifier is. */
export function uuidProblems(ids: Record<string, unknown>): IdScanValidationProblem[] {
  return Object.entries(ids)
    .filter(([, value]) => typeof value !== 'string' || !isUUID(value))
    .map(([property]) => ({ property, constraints: [`${property} must be a UUID`] }));
}

/**
 * Throws when there are problems.
 * @throws IdScanValidationError listing them
 */
export function throwIfProblems(subject: string, problems: IdScanValidationProblem[]): void {
  if (problems.length > 0) throw new IdScanValidationError(subject, problems);
}

/** The problem with an `options.signal` that is not an `AbortSignal`, if any. */
export function signalProblems(signal: unknown): IdScanValidationProblem[] {
  return signal === undefined || signal instanceof AbortSignal
    ? []
    : [{ property: 'options.signal', constraints: ['options.signal must be an AbortSignal'] }];
}

/** The longest `options.reference` a host may give a transaction. */
export const MAX_REFERENCE_LENGTH = 256;

/** The problem with an `options.reference` that is not a string of 1 to {@link MAX_REFERENCE_LENGTH} characters. */
export function referenceProblems(reference: unknown): IdScanValidationProblem[] {
  const valid =
    reference === undefined ||
    (typeof reference === 'string' && reference !== '' && reference.length <= MAX_REFERENCE_LENGTH);
  return valid
    ? []
    : [
        {
          property: 'options.reference',
          constraints: [`options.reference must be a string of 1 to ${MAX_REFERENCE_LENGTH} characters`],
        },
      ];
}
