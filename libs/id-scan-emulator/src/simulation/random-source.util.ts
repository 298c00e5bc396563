import type { RandomSource } from './random-source.interface';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Creates a {@link RandomSource} from a seed and a label. Streams with different labels are independent, so the
 * values one part of the emulator draws never depend on how often another part drew (for example on the order in
 * which concurrent requests arrived on different routes).
 */
export function createRandomSource(seed: string, label: string): RandomSource {
  const next = sfc32(...cyrb128(`${seed}\u0000${label}`));
  const integer = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return randomSourceFrom(next, integer, () => {
    const hex = Array.from({ length: 32 }, () => integer(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((integer(0, 15) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  });
}

/**
 * A {@link RandomSource} built on a generator's `next` (a float in [0, 1)) and `integer` (inclusive bounds): the
 * seeded and the cryptographic source differ only in those and in how they make UUIDs.
 */
export function randomSourceFrom(
  next: () => number,
  integer: (min: number, max: number) => number,
  uuid: () => string,
): RandomSource {
  return {
    next,
    integer,
    between: (min, max, decimals) => {
      const factor = 10 ** decimals;
      return Math.round((min + next() * (max - min)) * factor) / factor;
    },
    pick: <T>(items: readonly T[]): T => items[integer(0, items.length - 1)],
    uuid,
    alphanumeric: (length) => Array.from({ length }, () => ALPHANUMERIC[integer(0, ALPHANUMERIC.length - 1)]).join(''),
  };
}

// cyrb128 turns any string into four well-mixed 32-bit words to seed sfc32 (both public-domain, PractRand-clean).
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
