import type { LoggerService, LogLevel } from '@nestjs/common';
import type { EmulatorFaults, IdScanEmulatorCredentials } from '../interfaces';

/** {@link IdScanEmulatorOptions} with every default applied; what the emulator's providers inject. */
export interface ResolvedEmulatorOptions {
  port: number;
  host: string;
  pagePort: number | undefined;
  publicHost: string;
  /** The origin a phone reaches the hosted pages at, when it differs from theirs. */
  publicUrl: string | undefined;
  warmUp: boolean;
  credentials: readonly IdScanEmulatorCredentials[];
  faults: EmulatorFaults;
  webhookRetryDelaysMs: readonly number[];
  webhookTimeoutMs: number;
  duplicateDeliveries: boolean;
  reorderDeliveries: boolean;
  authClock: 'wall' | 'emulated';
  seed: string;
  /** Whether the caller gave the seed (then ids and tokens are seeded too, for replay; else they are cryptographic). */
  seeded: boolean;
  maxUploadBytes: number;
  /** `undefined`: the emulator writes through the process's Nest logger. */
  logger: false | LogLevel[] | LoggerService | undefined;
}
