import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Hosts for which plain `http:` is accepted, so a developer can point URLs at a local server. */
export const LOCAL_HTTP_HOSTS: readonly string[] = ['localhost', '127.0.0.1'];

/**
 * Whether `value` is an absolute `https:` URL, or an `http:` URL on a local host (docs/id-scan-api.md §B3 for `returnUrl` and
 * `scanReturnUrl`; the emulator applies the same rule to webhook URLs, see the webhooks controller).
 */
export function isAllowedUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HTTP_HOSTS.includes(url.hostname));
}

/** The property must be an absolute `https:` URL (`http:` only for `localhost`/`127.0.0.1`), without credentials. */
export function IsAllowedUrl(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAllowedUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: '$property must be an absolute https: URL (http: only for localhost or 127.0.0.1)',
        ...options,
      },
      validator: { validate: (value: unknown) => isAllowedUrl(value) },
    });
}
