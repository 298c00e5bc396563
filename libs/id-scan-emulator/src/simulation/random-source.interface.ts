/** A stream of random values: deterministic when seeded (the same seed and label give the same sequence), or cryptographic. */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  integer(min: number, max: number): number;
  /** A float in [min, max), rounded to `decimals` places. */
  between(min: number, max: number, decimals: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A lowercase hyphenated UUID version 4 (random bits from this stream). */
  uuid(): string;
  /** `length` characters of `[A-Za-z0-9]`. */
  alphanumeric(length: number): string;
}
