import { createCryptoRandomSource } from './crypto-random-source.util';

describe('createCryptoRandomSource', () => {
  it('makes UUID v4 strings and alphanumeric tokens that do not repeat across sources', () => {
    const a = createCryptoRandomSource();
    const b = createCryptoRandomSource();
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const [first, second] = [a.uuid(), b.uuid()];
      expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(first).add(second);
      expect(a.alphanumeric(50)).toMatch(/^[A-Za-z0-9]{50}$/);
    }
    expect(ids.size).toBe(400);
    expect(a.alphanumeric(32)).not.toBe(b.alphanumeric(32));
  });

  it('keeps integers, floats and picks within their bounds, reaching both ends', () => {
    const source = createCryptoRandomSource();
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const integer = source.integer(3, 5);
      seen.add(integer);
      const float = source.between(0.5, 0.6, 2);
      expect(float).toBeGreaterThanOrEqual(0.5);
      expect(float).toBeLessThanOrEqual(0.6);
      const unit = source.next();
      expect(unit).toBeGreaterThanOrEqual(0);
      expect(unit).toBeLessThan(1);
      expect(['x', 'y']).toContain(source.pick(['x', 'y']));
    }
    expect([...seen].sort()).toEqual([3, 4, 5]);
  });
});
