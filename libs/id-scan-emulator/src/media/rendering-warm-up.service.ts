import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EMULATOR_OPTIONS } from '../emulator.constants';
import { EmulatorLoggerService } from '../options/emulator-logger.service';
import type { ResolvedEmulatorOptions } from '../options/resolved-emulator-options.interface';
import { warmUpRendering } from './rendering/warm-up.util';

/**
 * Prepares the renderers in the background once the emulator has started (unless the `warmUp` option is off):
 * the first rendering in a process costs seconds (fonts, codecs, document templates), which would otherwise fall
 * on the first download. Stopping the emulator ends the preparation after the rendering in progress.
 */
@Injectable()
export class RenderingWarmUpService implements OnApplicationBootstrap, OnApplicationShutdown {
  private warming: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(EMULATOR_OPTIONS) private readonly options: ResolvedEmulatorOptions,
    private readonly logger: EmulatorLoggerService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.warmUp) return;
    this.warming = warmUpRendering(() => this.stopped).catch((error: unknown) => {
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
    await this.warming;
  }
}
