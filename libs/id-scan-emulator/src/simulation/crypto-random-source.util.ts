import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { RandomSource } from './random-source.interface';
import { randomSourceFrom } from './random-source.util';

/**
 * A {@link RandomSource} drawing from `node:crypto`: unpredictable and never replayable. Used for the identifiers
 * that grant access (transaction and result ids, hosted-page and download tokens, webhook and event ids) when no
 * seed was given, because a seeded generator's next values follow from the ones a client has already seen.
 */
export function createCryptoRandomSource(): RandomSource {
  // 48 random bits scaled to [0, 1): as fine-grained as the seeded source's floats need.
  const next = (): number => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
  const integer = (min: number, max: number): number => randomInt(min, max + 1);
  return randomSourceFrom(next, integer, () => randomUUID());
}
