import { createServer } from 'node:net';
import { EmulatorConfigurationError, IdScanEmulator } from 'nestjs-id-scan-emulator';
import { EmulatorApi } from './support/emulator-client';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('IdScanEmulator lifecycle', () => {
  it('starts on a free port with generated credentials and the /id-scan/v1/ base URL', async () => {
    const emulator = await IdScanEmulator.start({ logger: false });
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/id-scan\/v1\/$/);
    expect(emulator.origin).toBe(new URL(emulator.url).origin);
    expect(emulator.pageOrigin).toBe(emulator.origin);
    expect(emulator.credentials).toEqual([
      {
        keyId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        secret: expect.stringMatching(/^[A-Za-z0-9]{54}$/) as unknown,
      },
    ]);
    expect(emulator.seed).toMatch(/^\d+$/);
    expect((await new EmulatorApi(emulator).request('GET', 'webhooks')).status).toBe(200);
    await emulator.stop();
    await emulator.stop();
    await expect(fetch(emulator.url)).rejects.toThrow('fetch failed');
  });

  it('keeps idle connections open for 65 s, as the real API does, so that a slow client never reuses a closed one', async () => {
    const emulator = await IdScanEmulator.start({ logger: false });
    try {
      const response = await fetch(`${emulator.origin}/en-us/identifications/unknown`);
      await response.arrayBuffer();
      expect(response.headers.get('keep-alive')).toBe('timeout=65');
    } finally {
      await emulator.stop();
    }
  });

  it('listens on the given port with the given credentials and public host', async () => {
    const port = await freePort();
    const credentials = [{ keyId: 'local-key', secret: 'a-local-secret-of-at-least-32-chars' }];
    const emulator = await IdScanEmulator.start({ port, credentials, publicHost: 'localhost', logger: false });
    try {
      expect(emulator.url).toBe(`http://localhost:${port}/id-scan/v1/`);
      expect(emulator.credentials).toEqual(credentials);
      const trx = await new EmulatorApi(emulator).createTransaction();
      expect(trx.url.startsWith(`http://localhost:${port}/en-us/identifications/`)).toBe(true);
    } finally {
      await emulator.stop();
    }
  });

  it('fails to start on a port in use and leaves nothing open', async () => {
    const first = await IdScanEmulator.start({ logger: false });
    const port = Number(new URL(first.url).port);
    await expect(IdScanEmulator.start({ port, logger: false })).rejects.toThrow(/EADDRINUSE/);
    await first.stop();
  });

  it('refuses unusable options with every problem listed', async () => {
    await expect(
      IdScanEmulator.start({ port: 70_000, pagePort: -1, credentials: [], webhookTimeoutMs: -1 }),
    ).rejects.toThrow(EmulatorConfigurationError);
    await expect(IdScanEmulator.start({ credentials: [{ keyId: 'k', secret: 'too-short' }] })).rejects.toThrow(
      expect.objectContaining({ problems: [expect.stringContaining('credentials[0].secret')] }) as Error,
    );
  });

  it('moves its clock forward only, and snapshots transactions', async () => {
    const emulator = await IdScanEmulator.start({ logger: false });
    try {
      const before = emulator.now().getTime();
      emulator.advanceClock(86_400_000);
      expect(emulator.now().getTime() - before).toBeGreaterThanOrEqual(86_400_000);
      expect(() => emulator.advanceClock(-1)).toThrow(RangeError);
      expect(() => emulator.advanceClock(Number.NaN)).toThrow(RangeError);

      const api = new EmulatorApi(emulator);
      const trx = await api.createTransaction({
        tasks: ['document_scan'],
        returnUrl: 'https://shop.example/r',
        locale: 'fr-FR',
      });
      // Timestamps follow the emulated clock.
      expect(Date.parse(trx.created)).toBeGreaterThanOrEqual(before + 86_400_000 - 1000);
      expect(emulator.transactions()).toEqual([
        {
          id: trx.id,
          state: 'pending',
          tasks: [{ type: 'document_scan', state: 'pending' }],
          url: trx.url,
          locale: 'fr-FR',
          mobileOnly: false,
          returnUrl: 'https://shop.example/r',
          scanReturnUrl: null,
          created: trx.created,
          expires: trx.expires,
          completed: null,
          resultId: null,
          scenarios: [],
        },
      ]);
      emulator.advanceClock(3600_000);
      expect(emulator.transaction(trx.id)?.state).toBe('expired');
      expect(emulator.transaction('unknown')).toBeUndefined();
    } finally {
      await emulator.stop();
    }
  });
});
