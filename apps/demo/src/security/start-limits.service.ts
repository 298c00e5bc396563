import { Inject, Injectable } from '@nestjs/common';
import { DEMO_SETTINGS, type DemoSettings } from '../demo-settings.interface';
import { DemoRefusalException } from './demo-refusal.exception';
import { SlidingWindow } from './sliding-window.util';

/** Verifications one browser session may start per hour, by default. */
export const DEFAULT_SESSION_STARTS_PER_HOUR = 20;
/** Verifications one network address may start per ten minutes, by default (several sessions, or none). */
export const DEFAULT_ADDRESS_STARTS_PER_10_MINUTES = 30;

const HOUR_MS = 60 * 60 * 1000;
const TEN_MINUTES_MS = 10 * 60 * 1000;

/**
 * Bounds how many verifications are started, since on CM.com each one is a billed transaction and each one takes
 * room in the demo's memory: per browser session, and per address (a new session is only a dropped cookie away).
 * The address is the connection's (`req.ip`): behind a proxy, every visitor shares the proxy's.
 */
@Injectable()
export class StartLimitsService {
  private readonly perSession: SlidingWindow;
  private readonly perAddress: SlidingWindow;

  constructor(@Inject(DEMO_SETTINGS) settings: DemoSettings) {
    this.perSession = new SlidingWindow(settings.startLimits?.perSession ?? DEFAULT_SESSION_STARTS_PER_HOUR, HOUR_MS);
    this.perAddress = new SlidingWindow(
      settings.startLimits?.perAddress ?? DEFAULT_ADDRESS_STARTS_PER_10_MINUTES,
      TEN_MINUTES_MS,
    );
  }

  /**
   * Counts one start (only when neither bound refuses it) for the session and the address.
   * @throws DemoRefusalException `addressLimit` or `sessionLimit` (429) when either has started its share already.
   */
  take(sessionId: string, address: string): void {
    const now = Date.now();
    const addressWait = this.perAddress.waitFor(address, now);
    if (addressWait !== undefined) throw new DemoRefusalException('addressLimit', addressWait);
    const sessionWait = this.perSession.waitFor(sessionId, now);
    if (sessionWait !== undefined) throw new DemoRefusalException('sessionLimit', sessionWait);
    this.perAddress.record(address, now);
    this.perSession.record(sessionId, now);
  }
}
