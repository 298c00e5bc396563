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
  /** Where the demo is reachable from outside (`PUBLIC_URL`); return URLs are built from the request otherwise. */
  publicUrl?: string;
}
