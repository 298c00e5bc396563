import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Longest URL accepted (docs/id-scan-api.md §B3). */
export const MAX_URL_LENGTH = 2048;
/** Hosts for which plain `http:` is allowed, so a developer can run everything on one machine. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** Whether `value` is an absolute `https:` URL (or `http:` on localhost / 127.0.0.1) of at most 2048 characters. */
export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}

/**
 * The property must be an absolute `https:` URL of at most 2048 characters; `http:` is accepted only for
 * `localhost` and `127.0.0.1` (docs/id-scan-api.md §B3: `returnUrl`, `scanReturnUrl`).
 */
export function IsHttpsUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpsUrl',
      validator: {
        validate: (value) => isHttpsUrl(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must be an absolute https URL of at most ${MAX_URL_LENGTH} characters ` +
          '(http is accepted only for localhost and 127.0.0.1)',
      },
    },
    options,
  );
}
