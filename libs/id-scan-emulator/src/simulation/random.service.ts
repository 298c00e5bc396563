import { Inject, Injectable } from '@nestjs/common';
import { EMULATOR_OPTIONS } from '../emulator.constants';
import type { ResolvedEmulatorOptions } from '../options/resolved-emulator-options.interface';
import type { RandomSource } from './random-source.interface';
import { createCryptoRandomSource } from './crypto-random-source.util';
import { createRandomSource } from './random-source.util';

/**
 * Hands out deterministic random streams derived from the emulator's seed. Every consumer asks for its own labelled
 * stream (one per transaction, one per fault route, ...), which keeps a seeded run reproducible.
 */
@Injectable()
export class RandomService {
  private readonly streams = new Map<string, RandomSource>();

  constructor(@Inject(EMULATOR_OPTIONS) private readonly options: ResolvedEmulatorOptions) {}

  /** The stream for `label`; the same label returns the same (continuing) stream. */
  stream(label: string): RandomSource {
    let source = this.streams.get(label);
    if (!source) {
      source = createRandomSource(this.options.seed, label);
      this.streams.set(label, source);
    }
    return source;
  }

  /**
   * The stream for identifiers that grant access (ids, page and download tokens): the seeded stream for `label`
   * when the `seed` option was given, so a test can replay them, and `node:crypto` otherwise, so no client can
   * work out another's ids from its own.
   */
  identifiers(label: string): RandomSource {
    return this.options.seeded ? this.stream(label) : createCryptoRandomSource();
  }

  /** Drops a stream that is no longer needed (for example once its transaction is gone). */
  release(label: string): void {
    this.streams.delete(label);
  }
}
