import { appendQuery } from './append-query.util';

describe('appendQuery', () => {
  it.each([
    ['/verified', '/verified?transactionId=t-1'],
    ['/', '/?transactionId=t-1'],
    ['/done?step=2', '/done?step=2&transactionId=t-1'],
    ['/done?', '/done?transactionId=t-1'],
    ['/done?a=1&', '/done?a=1&transactionId=t-1'],
    ['/done#top', '/done?transactionId=t-1#top'],
    ['/done?step=2#top', '/done?step=2&transactionId=t-1#top'],
  ])('appends to %s', (path, expected) => {
    expect(appendQuery(path, { transactionId: 't-1' })).toBe(expected);
  });

  it('encodes values and keeps the path exactly as configured', () => {
    expect(appendQuery('/a\\b/../c', { transactionId: 'x&y=z', error: 'a b' })).toBe(
      '/a\\b/../c?transactionId=x%26y%3Dz&error=a+b',
    );
  });
});
