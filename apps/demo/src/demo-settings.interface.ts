import type { IdScanTransactionStore } from 'nestjs-id-scan';
import type { BackendInfo } from './views/layout.view';

/** Injection token of {@link DemoSettings}. */
export const DEMO_SETTINGS = Symbol('DEMO_SETTINGS');

/** How this run of the demo is set up; decided by `createDemoApp` before the Nest application is built. */
export interface DemoSettings {
  /** Which service the demo talks to, for the pages. */
  backend: BackendInfo;
  /**
   * The embedded emulator's API URL and credentials. Absent when the demo talks to CM.com, where the package reads
   * `ID_SCAN_KEY_ID`, `ID_SCAN_SECRET` and `ID_SCAN_BASE_URL` through `idScanConfig`.
   */
  emulatorApi?: { baseUrl: string; keyId: string; secret: string };
  /** The secret event deliveries must carry; generated at start-up. */
  webhookSecret: string;
  /** The store of transaction records; the package's in-memory default when absent. */
  store?: IdScanTransactionStore;
  /** Where the demo is reachable from outside (`PUBLIC_URL`); return URLs are built from it when set. */
  publicUrl?: string;
  /**
   * The demo's own address (`http://127.0.0.1:3000`), filled in once it listens: return URLs are built from it when
   * there is no `PUBLIC_URL`, never from a request's `Host` header, which the visitor chooses.
   */
  localOrigin: string;
  /**
   * The address a phone opens after the QR code hand-off: the hosted flow's origin on the embedded emulator, this
   * application's on CM.com (the phone comes back to `/id-scan/scan-return`). Filled in once the demo listens.
   */
  handoffOrigin: string;
  /** How many verifications a session (per hour) and an address (per ten minutes) may start; defaults apply. */
  startLimits?: DemoStartLimits;
  /** Key of the session cookies' HMAC; random at every start, so old cookies simply start a new session. */
  sessionKey: Buffer;
}

/** Bounds on starting verifications (see `StartLimitsService`). */
export interface DemoStartLimits {
  /** Per browser session and hour. @default 20 */
  perSession?: number;
  /** Per network address and ten minutes. @default 30 */
  perAddress?: number;
}
