import { EmulatorConfigurationError } from '../errors';
import { faultProblems, generateCredentials, resolveEmulatorOptions } from './emulator-options.util';

describe('resolveEmulatorOptions', () => {
  it('applies the defaults', () => {
    const resolved = resolveEmulatorOptions();
    expect(resolved).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      publicHost: '127.0.0.1',
      pagePort: undefined,
      webhookRetryDelaysMs: [1000, 2000, 4000, 8000, 16000],
      webhookTimeoutMs: 10_000,
      duplicateDeliveries: false,
      reorderDeliveries: false,
      maxUploadBytes: 5 * 1024 * 1024,
    });
    expect(resolved.credentials).toHaveLength(1);
    expect(resolved.seed).toMatch(/^\d+$/);
  });

  it('advertises localhost when listening on every interface', () => {
    expect(resolveEmulatorOptions({ host: '0.0.0.0' }).publicHost).toBe('localhost');
  });

  it('keeps the origin of a publicUrl and warms the renderers up unless told not to', () => {
    expect(resolveEmulatorOptions().publicUrl).toBeUndefined();
    expect(resolveEmulatorOptions().warmUp).toBe(true);
    expect(resolveEmulatorOptions({ publicUrl: 'http://192.168.1.20:3100/' }).publicUrl).toBe(
      'http://192.168.1.20:3100',
    );
    expect(resolveEmulatorOptions({ warmUp: false }).warmUp).toBe(false);
  });

  it.each(['192.168.1.20:3100', 'ftp://example.test', 'https://user:pw@example.test', 'https://example.test/pages'])(
    'refuses the publicUrl %s',
    (publicUrl) => {
      expect(() => resolveEmulatorOptions({ publicUrl })).toThrow(
        expect.objectContaining({ problems: [expect.stringContaining('publicUrl')] as unknown }) as Error,
      );
    },
  );

  it('lists every problem at once, without echoing secrets', () => {
    const attempt = (): unknown =>
      resolveEmulatorOptions({
        port: -1,
        credentials: [{ keyId: '', secret: 'short-secret-value' }],
        webhookRetryDelaysMs: [-5],
        webhookTimeoutMs: 0,
        faults: { '*': { serverError: 2 } },
      });
    expect(attempt).toThrow(EmulatorConfigurationError);
    expect(attempt).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringContaining('port'),
          expect.stringContaining('credentials[0].keyId'),
          expect.stringContaining('credentials[0].secret'),
          expect.stringContaining('webhookRetryDelaysMs'),
          expect.stringContaining('webhookTimeoutMs'),
          expect.stringContaining('faults.*.serverError'),
        ] as unknown,
        message: expect.not.stringContaining('short-secret-value') as unknown,
      }) as Error,
    );
  });

  it('generates CM-shaped credentials', () => {
    const pair = generateCredentials();
    expect(pair.keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pair.secret).toMatch(/^[A-Za-z0-9]{54}$/);
  });
});

describe('faultProblems', () => {
  it.each([
    [{ '*': { rateLimit: 0.5, serverError: 0.5 } }, 0],
    [{ getResult: { latencyMs: [10, 20] as [number, number], times: 2 } }, 0],
    [{ nowhere: { stall: 1 } }, 1],
    [{ '*': { rateLimit: 0.7, unavailable: 0.7 } }, 1],
    [{ download: { latencyMs: [20, 10] as [number, number] } }, 1],
    [{ download: { retryAfterSeconds: 1.5, times: -1 } }, 2],
  ])('%j has %i problems', (faults, count) => {
    expect(faultProblems(faults as never)).toHaveLength(count);
  });
});
