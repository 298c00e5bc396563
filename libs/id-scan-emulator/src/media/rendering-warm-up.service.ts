import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EMULATOR_OPTIONS } from '../emulator.constants';
import { EmulatorLoggerService } from '../options/emulator-logger.service';
import type { ResolvedEmulatorOptions } from '../options/resolved-emulator-options.interface';
import { RequestActivityService } from '../state/request-activity.service';
import { warmUpRendering } from './rendering/warm-up.util';

/** How long the servers must have been quiet before the next step of the preparation runs. */
const QUIET_MS = 250;

/**
 * Prepares the renderers in the background once the emulator has started (unless the `warmUp` option is off):
 * the first rendering in a process costs seconds (fonts, codecs, document templates), which would otherwise fall
 * on the first download. Each step waits until no request has been in flight for a moment, so the preparation
 * never holds up an answer for longer than one step. Stopping the emulator ends it after the step in progress.
 */
@Injectable()
export class RenderingWarmUpService implements OnApplicationBootstrap, OnApplicationShutdown {
  private warming: Promise<void> | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    @Inject(EMULATOR_OPTIONS) private readonly options: ResolvedEmulatorOptions,
    private readonly logger: EmulatorLoggerService,
    private readonly activity: RequestActivityService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.warmUp) return;
    this.warming = warmUpRendering(() => this.quietTurn()).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Preparing the renderers failed; the first download will do it: ${reason}`, 'IdScanEmulator');
    });
  }

  /** Resolves once the preparation has ended (at once when there is none). */
  ready(): Promise<void> {
    return this.warming ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.warming;
  }

  // Resolves `true` once the servers have been quiet for QUIET_MS, `false` when the emulator stops first.
  private quietTurn(): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (): void => {
        this.wake = undefined;
        if (this.stopped) return resolve(false);
        if (this.activity.isIdle(QUIET_MS)) return resolve(true);
        this.wake = () => resolve(false);
        this.timer = setTimeout(check, QUIET_MS);
        this.timer.unref();
      };
      // A macrotask first, so that whatever the start-up queued (the first requests) goes before each step.
      this.timer = setTimeout(check, 0);
      this.wake = () => resolve(false);
    });
  }
}
