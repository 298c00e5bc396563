import { IdScanUnsafeUrlError } from '../errors/id-scan-unsafe-url.error';
import { IdScanApiPaths } from './id-scan-api-paths';

/**
 * The path of a download URL relative to `baseUrl`, once it is known to be one of the API's downloads: the client
 * sends the bearer token with every request, so a URL taken from an answer must never lead it to another host or to
 * another part of the API.
 * @throws IdScanUnsafeUrlError when the URL is not absolute, not on the API's origin, carries credentials, or is not
 *   under `<baseUrl>downloads/`
 */
export function idScanDownloadPath(baseUrl: string, url: string): string {
  const base = new URL(baseUrl);
  const prefix = `${base.pathname}${IdScanApiPaths.downloads()}`;
  if (!URL.canParse(url)) {
    throw new IdScanUnsafeUrlError(
      'Refused to download: the URL is not absolute. Pass a file (or its url) from a result or transaction.',
    );
  }
  const target = new URL(url);
  if (target.origin !== base.origin) {
    throw new IdScanUnsafeUrlError(
      `Refused to download from ${target.protocol}//${target.host}: downloads are fetched only from the configured ` +
        `API (${base.origin}), so the bearer token never leaves for another host.`,
    );
  }
  if (target.username || target.password || !target.pathname.startsWith(prefix) || target.pathname === prefix) {
    throw new IdScanUnsafeUrlError(
      `Refused to download: the URL is not a download of the configured API (${base.origin}${prefix}...).`,
    );
  }
  return `${target.pathname.slice(base.pathname.length)}${target.search}`;
}
