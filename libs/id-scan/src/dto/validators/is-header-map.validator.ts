import { isHeaderName } from '../../utils/is-header-name.util';
import { isRecord } from '../../utils/is-record.util';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Header values must not break out of their line. */
// eslint-disable-next-line no-control-regex
const HEADER_VALUE = /^[^\r\n\u0000]*$/;
const MAX_HEADERS = 20;

/** Whether `value` is an object of at most 20 headers: valid header names, single-line string values. */
export function isHeaderMap(value: unknown): value is Record<string, string> {
  if (!isRecord(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_HEADERS &&
    entries.every(([name, text]) => isHeaderName(name) && typeof text === 'string' && HEADER_VALUE.test(text))
  );
}

/** The property must be a map of HTTP headers: valid names, single-line string values, at most 20 entries. */
export function IsHeaderMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHeaderMap',
      validator: {
        validate: (value) => isHeaderMap(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must be an object of at most ${MAX_HEADERS} headers with valid names and single-line string values`,
      },
    },
    options,
  );
}
