import type { LoggerService, LogLevel } from '@nestjs/common';
import type { IdScanEmulatorCredentials } from './id-scan-emulator-credentials.interface';
import type { EmulatorFaults } from './emulator-faults.interface';

/** Options of `IdScanEmulator.start()`. Every one is optional. */
export interface IdScanEmulatorOptions {
  /** TCP port of the API (and, unless {@link pagePort} is set, of the hosted pages); 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /**
   * Serve the hosted end-user pages from a second origin on this port (0 picks a free one), the way CM.com serves
   * them from a host of their own. When absent the pages share the API's origin under `/{locale}/identifications/`.
   * A second origin lets tests prove that a client checks the `postMessage` origin against the transaction `url`.
   * @default undefined (same origin)
   */
  pagePort?: number;
  /**
   * Host name written into `url`, download URLs and page URLs. Needed when the emulator listens on a wildcard
   * address or runs behind a container name.
   * @default {@link host}, or `localhost` when `host` is a wildcard (`0.0.0.0`, `::`)
   */
  publicHost?: string;
  /**
   * The address at which a phone reaches the hosted pages, for the QR code a `mobileOnly` transaction shows on a
   * desktop browser: an `http:` or `https:` origin such as `http://192.168.1.20:3100` (the machine's address on the
   * local network, with `host: '0.0.0.0'`) or a tunnel's public URL. The QR page tells the person that the phone
   * must be able to reach it.
   * @default the origin of the hosted pages (a loopback address no phone can open unless {@link host} says otherwise)
   */
  publicUrl?: string;
  /**
   * Prepare the renderers (fonts, image codecs, document templates) in the background as soon as the emulator
   * starts, so that the first download does not pay for it. Turn it off to save that CPU time in a process that
   * never downloads a file.
   * @default true
   */
  warmUp?: boolean;
  /**
   * Key pairs accepted for bearer tokens. Each is an account of its own: what one creates (transactions, webhooks)
   * the others cannot see, as if it did not exist.
   * @default one generated pair (see `IdScanEmulator.credentials`)
   */
  credentials?: IdScanEmulatorCredentials[];
  /** Fault injection rules; change them later with `setFaults()`. @default none */
  faults?: EmulatorFaults;
  /** Delay before each webhook retry; its length is the number of retries. @default [1000, 2000, 4000, 8000, 16000] */
  webhookRetryDelaysMs?: number[];
  /** How long a webhook receiver may take to answer before the attempt counts as failed. @default 10000 */
  webhookTimeoutMs?: number;
  /** Deliver every event twice (docs/id-scan-api.md §B5: the same event may arrive more than once). @default false */
  duplicateDeliveries?: boolean;
  /** Deliver the events raised together (for example a task and then its transaction) in reverse order. @default false */
  reorderDeliveries?: boolean;
  /**
   * Which clock bearer-token times (`iat`, `nbf`, `exp`) are checked against. `wall`: the machine's clock, because
   * the application under test signs tokens with it, so `advanceClock()` never invalidates its tokens. `emulated`:
   * the emulator's movable clock, so a test can let a token expire with `advanceClock()`.
   * @default 'wall'
   */
  authClock?: 'wall' | 'emulated';
  /**
   * Seed of every random choice (ids, tokens, identities, scores, fault draws); the same seed replays the same run.
   * For reproducible tests only: without it, ids and tokens (which grant access) come from `node:crypto`, and the
   * random seed drawn for the rest replays identities, scores and fault draws but not ids.
   * @default random
   */
  seed?: string | number;
  /**
   * Largest photo the hosted flow accepts, in bytes. Whatever the file size, a picture over 25 megapixels or 8000
   * pixels a side is refused (413).
   * @default 5242880 (5 MiB)
   */
  maxUploadBytes?: number;
  /**
   * Where the emulator's own output goes (its warnings and errors, and Nest's start-up lines for its application):
   * `false` for silence, log levels for a console logger of its own, or a logger instance. It applies to the
   * emulator only: a host application in the same process keeps its logger and levels. Left out, the emulator
   * writes through the process's Nest logger, with the levels the host set.
   * @default undefined (the process's Nest logger)
   */
  logger?: false | LogLevel[] | LoggerService;
}
