import { prefersJson } from './accept-json.util';

describe('prefersJson', () => {
  it.each([
    'application/json',
    'application/problem+json',
    'application/json, text/plain, */*',
    'text/html;q=0.5, application/json',
  ])('is true for %s', (header) => {
    expect(prefersJson(header)).toBe(true);
  });

  it.each([
    undefined,
    '',
    '*/*',
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'text/html, application/json',
    'application/json;q=0',
    'application/jsonx',
  ])('is false for %s', (header) => {
    expect(prefersJson(header)).toBe(false);
  });
});
