import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.util';

function nested(depth: number, kind: 'array' | 'object'): unknown {
  const text =
    kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return JSON.parse(text);
}

describe('exceedsJsonDepth', () => {
  it.each(['array', 'object'] as const)('accepts %s nesting up to the bound and refuses one level more', (kind) => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH, kind))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1, kind))).toBe(true);
  });

  it('walks 50 000 levels without overflowing the stack', () => {
    expect(exceedsJsonDepth({ resultId: nested(50_000, 'array') })).toBe(true);
  });

  it('finds the deep branch among wide siblings, and takes scalars and flat values as shallow', () => {
    const wide = Array.from({ length: 10_000 }, (_, index) => ({ index }));
    expect(exceedsJsonDepth(wide)).toBe(false);
    expect(exceedsJsonDepth([...wide, nested(40, 'object')])).toBe(true);
    expect(exceedsJsonDepth('text')).toBe(false);
    expect(exceedsJsonDepth(null)).toBe(false);
    expect(exceedsJsonDepth({ a: 1, b: [1, 2, 3] })).toBe(false);
  });

  it('honours a smaller bound', () => {
    expect(exceedsJsonDepth({ a: { b: {} } }, 2)).toBe(true);
    expect(exceedsJsonDepth({ a: { b: 1 } }, 2)).toBe(false);
  });
});
