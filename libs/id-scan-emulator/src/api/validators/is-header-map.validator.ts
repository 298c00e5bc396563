import { registerDecorator, type ValidationOptions } from 'class-validator';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers the emulator sets itself or that would break the HTTP framing of a delivery.
const RESERVED = new Set([
  'content-type',
  'content-length',
  'host',
  'connection',
  'transfer-encoding',
  'te',
  'upgrade',
]);

/** Whether `value` is a map of at most 20 custom HTTP headers with string values. */
export function isHeaderMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= 20 &&
    entries.every(
      ([name, headerValue]) =>
        name.length <= 256 &&
        TOKEN.test(name) &&
        !RESERVED.has(name.toLowerCase()) &&
        typeof headerValue === 'string' &&
        headerValue.length <= 4096 &&
        !/[\r\n\0]/.test(headerValue),
    )
  );
}

/** The property must be an object of at most 20 custom headers: token names (not framing headers), string values. */
export function IsHeaderMap(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isHeaderMap',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message:
          '$property must be an object of at most 20 headers with token names (not Content-Type, Content-Length, ' +
          'Host or other framing headers) and string values without line breaks',
        ...options,
      },
      validator: { validate: (value: unknown) => isHeaderMap(value) },
    });
}
