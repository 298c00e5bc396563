import { createRandomSource } from './random-source.util';

describe('createRandomSource', () => {
  it('replays the same sequence for the same seed and label', () => {
    const a = createRandomSource('42', 'ids');
    const b = createRandomSource('42', 'ids');
    expect(Array.from({ length: 5 }, () => a.uuid())).toEqual(Array.from({ length: 5 }, () => b.uuid()));
  });

  it('gives independent streams for other labels and seeds', () => {
    const base = createRandomSource('42', 'ids').alphanumeric(50);
    expect(createRandomSource('42', 'tokens').alphanumeric(50)).not.toBe(base);
    expect(createRandomSource('43', 'ids').alphanumeric(50)).not.toBe(base);
  });

  it('makes UUID v4 strings and alphanumeric tokens', () => {
    const source = createRandomSource('seed', 'shape');
    for (let i = 0; i < 50; i++) {
      expect(source.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(source.alphanumeric(50)).toMatch(/^[A-Za-z0-9]{50}$/);
    }
  });

  it('keeps integers and floats within their bounds', () => {
    const source = createRandomSource('seed', 'bounds');
    for (let i = 0; i < 500; i++) {
      const integer = source.integer(3, 7);
      expect(integer).toBeGreaterThanOrEqual(3);
      expect(integer).toBeLessThanOrEqual(7);
      const float = source.between(0.5, 0.6, 2);
      expect(float).toBeGreaterThanOrEqual(0.5);
      expect(float).toBeLessThanOrEqual(0.6);
    }
  });
});
