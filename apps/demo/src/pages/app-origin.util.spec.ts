import { appOrigin } from './app-origin.util';

describe('appOrigin', () => {
  it('takes PUBLIC_URL’s origin when set, dropping any path', () => {
    expect(appOrigin({ publicUrl: 'https://demo.example.com/base/', localOrigin: 'http://127.0.0.1:3000' })).toBe(
      'https://demo.example.com',
    );
  });

  it('falls back to the address the demo listens on', () => {
    expect(appOrigin({ localOrigin: 'http://127.0.0.1:3000' })).toBe('http://127.0.0.1:3000');
  });
});
