import { Logger } from '@nestjs/common';

/** CM.com production (docs/id-scan-api.md §B1). */
export const DEFAULT_BASE_URL = 'https://api.cm.com/id-scan/v1/';
/** How the path of every ID Scan base URL ends (docs/id-scan-api.md §B1). */
export const API_PATH_SUFFIX = '/id-scan/v1/';

/**
 * The base URL as the client uses it: the default when none is given, else checked, stripped of any query and
 * fragment, and ending in `/` so the API paths can be appended to it.
 * @param problems collects what is wrong, for the one configuration error
 */
export function resolveBaseUrl(value: unknown, problems: string[]): string {
  if (value === undefined) return DEFAULT_BASE_URL;
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problems.push(`baseUrl must be an absolute https URL, such as ${DEFAULT_BASE_URL}.`);
    return DEFAULT_BASE_URL;
  }
  checkBaseUrlSafety(url, problems);
  // Without its query and fragment, so that an address refused above is never echoed with what followed it.
  const href = `${url.origin}${url.pathname}`;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * The base URL rules of issue #16: the bearer token, and then every result and document image, travel to it, so it
 * must be private (https) and a plain prefix that the API paths can be appended to.
 */
function checkBaseUrlSafety(url: URL, problems: string[]): void {
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    problems.push(
      'baseUrl must use https: over http the bearer token, every result and every document image would cross ' +
        'the network in plaintext. Plain http is accepted only for a loopback host (localhost, 127.0.0.0/8, ' +
        `[::1]), as emulators and tests use. Use ${DEFAULT_BASE_URL} for CM.com.`,
    );
  }
  if (url.username || url.password) {
    problems.push('baseUrl must not contain credentials (user:password@); the module authenticates with keyId.');
  }
  // `https://host/?` has an empty `search` but still ends its path there: check the text, not just the parts.
  if (url.search || url.hash || url.href.includes('?') || url.href.includes('#')) {
    problems.push(
      'baseUrl must not have a query (?...) or a fragment (#...): the API paths are appended to it. ' +
        `Remove them, as in ${DEFAULT_BASE_URL}.`,
    );
  }
}

/** `localhost`, 127.0.0.0/8 or `[::1]`; `URL` has already normalised forms such as `127.1` and `[0::1]`. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Gateways and proxies may map paths, so a base URL that does not end in the API's own path is only warned about:
 * against CM.com itself every call would answer 404.
 */
export function warnAboutBaseUrlPath(baseUrl: string): void {
  if (new URL(baseUrl).pathname.endsWith(API_PATH_SUFFIX)) return;
  new Logger('IdScanModule').warn(
    `baseUrl ${baseUrl} does not end in ${API_PATH_SUFFIX}; CM.com's base URL is ${DEFAULT_BASE_URL}. ` +
      'Unless a gateway in front of the API maps the paths, every call will answer 404.',
  );
}
