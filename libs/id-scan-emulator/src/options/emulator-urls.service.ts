import { Inject, Injectable } from '@nestjs/common';
import { API_PREFIX, EMULATOR_ADDRESSES } from '../emulator.constants';
import type { EmulatorAddresses } from './emulator-addresses.interface';

/**
 * The emulator's public addresses. `IdScanEmulator.start()` binds the ports first (port 0 picks a free one) and
 * builds the application with the resulting origins, so they never change while the emulator runs.
 */
@Injectable()
export class EmulatorUrlsService {
  private readonly api: string;
  private readonly pages: string;
  private readonly handoff: string;

  constructor(@Inject(EMULATOR_ADDRESSES) addresses: EmulatorAddresses) {
    this.api = addresses.apiOrigin;
    this.pages = addresses.pageOrigin;
    this.handoff = addresses.handoffOrigin;
  }

  /** Origin of the API, for example `http://127.0.0.1:3100`. */
  get apiOrigin(): string {
    return this.api;
  }

  /** Origin of the hosted pages (the API's unless a separate page port is configured). */
  get pageOrigin(): string {
    return this.pages;
  }

  /** The origin a phone opens the hosted pages at (the QR hand-off): `publicUrl`, else {@link pageOrigin}. */
  get handoffOrigin(): string {
    return this.handoff;
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
