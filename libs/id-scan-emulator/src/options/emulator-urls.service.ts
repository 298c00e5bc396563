import { Injectable } from '@nestjs/common';
import { API_PREFIX } from '../emulator.constants';

/**
 * The emulator's public addresses. They are known only once the servers listen (port 0 picks a free port), so
 * `IdScanEmulator.start()` sets them right after listening and before the first request can arrive.
 */
@Injectable()
export class EmulatorUrlsService {
  private api = '';
  private pages = '';

  /** Records the origins (`http://host:port`) the API and the hosted pages are reachable on. */
  configure(apiOrigin: string, pageOrigin: string): void {
    this.api = apiOrigin;
    this.pages = pageOrigin;
  }

  /** Origin of the API, for example `http://127.0.0.1:3100`. */
  get apiOrigin(): string {
    return this.api;
  }

  /** Origin of the hosted pages (the API's unless a separate page port is configured). */
  get pageOrigin(): string {
    return this.pages;
  }

  /** The base URL to give the client, ending in `/id-scan/v1/`. */
  get apiBaseUrl(): string {
    return `${this.api}/${API_PREFIX}/`;
  }

  /** Download URL of a file token. */
  downloadUrl(token: string): string {
    return `${this.apiBaseUrl}downloads/${token}`;
  }

  /** Absolute URL of a transaction's hosted flow (`/{locale lower-case}/identifications/{token}`). */
  pageUrl(locale: string, pageToken: string): string {
    return `${this.pages}${pagePath(locale, pageToken)}`;
  }
}

/** Path of a transaction's hosted flow on the page origin. */
export function pagePath(locale: string, pageToken: string): string {
  return `/${locale.toLowerCase()}/identifications/${pageToken}`;
}
