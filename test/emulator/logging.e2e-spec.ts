import { ConsoleLogger, Injectable, Logger, Module, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { EmulatorApi } from './support/emulator-client';
import { WebhookReceiver } from './support/webhook-receiver';

interface LogLine {
  level: LogLevel;
  context: string;
  message: string;
}

/** A host application's logger: Nest's console logger with its levels, keeping lines instead of printing them. */
class HostLogger extends ConsoleLogger {
  readonly lines: LogLine[] = [];
  private waiters: { matches: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  /** Resolves with the first line, logged already or later, that `matches`. */
  waitFor(matches: (line: LogLine) => boolean): Promise<LogLine> {
    const logged = this.lines.find(matches);
    if (logged) return Promise.resolve(logged);
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }

  protected override printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    for (const message of messages) {
      const line = { level: logLevel, context, message: String(message) };
      this.lines.push(line);
      for (const waiter of this.waiters.filter((candidate) => candidate.matches(line))) waiter.resolve(line);
    }
  }
}

// Nest's logger is process-wide (one per Jest test file here): every test installs the host's own first.
describe('Emulator logging inside a host process', () => {
  let host: HostLogger;
  let emulator: IdScanEmulator | undefined;
  let receiver: WebhookReceiver | undefined;

  beforeEach(() => {
    host = new HostLogger({ logLevels: ['log', 'warn', 'error'] });
    Logger.overrideLogger(host);
  });

  afterEach(async () => {
    await emulator?.stop();
    await receiver?.stop();
    emulator = undefined;
    receiver = undefined;
  });

  it("leaves the host's logger and log levels as they were, and logs its own warnings through them", async () => {
    receiver = await WebhookReceiver.start();
    emulator = await IdScanEmulator.start({ webhookRetryDelaysMs: [5] });

    expect(Logger.isLevelEnabled('log')).toBe(true);
    expect(host.isLevelEnabled('log')).toBe(true);
    new Logger('HostService').log('host message');
    expect(host.lines).toContainEqual({ level: 'log', context: 'HostService', message: 'host message' });

    // A receiver that keeps failing makes the emulator give up on a delivery, which it reports as a warning.
    receiver.answer(500, 500, 500, 500);
    const api = new EmulatorApi(emulator);
    expect(
      (await api.json('POST', 'webhooks', { url: receiver.url, events: ['transaction.state.updated'] })).status,
    ).toBe(201);
    const trx = await api.createTransaction({ tasks: ['document_scan'] });
    emulator.completeTransaction(trx.id);
    await expect(host.waitFor((line) => line.context === 'IdScanEmulatorWebhooks')).resolves.toMatchObject({
      level: 'warn',
      message: expect.stringMatching(/^Gave up delivering event/) as unknown,
    });
  });

  // A receiver that keeps failing makes the emulator give up on a delivery, which it reports as a warning.
  async function emulatorGivesUpADelivery(target: IdScanEmulator): Promise<void> {
    receiver = await WebhookReceiver.start();
    receiver.answer(500, 500);
    const api = new EmulatorApi(target);
    await api.json('POST', 'webhooks', { url: receiver.url, events: ['transaction.state.updated'] });
    target.completeTransaction((await api.createTransaction({ tasks: ['document_scan'] })).id);
  }

  it('with logger: false stays silent itself, while a host app in the same process keeps its logs and levels', async () => {
    emulator = await IdScanEmulator.start({ logger: false, webhookRetryDelaysMs: [5] });
    const app = await NestFactory.create(HostModule, { logger: host });
    try {
      await app.init();
      app.get(HostService).greet();

      expect(host.lines).toContainEqual({ level: 'log', context: 'HostService', message: 'host is running' });
      expect(host.lines).toContainEqual(expect.objectContaining({ context: 'InstanceLoader', level: 'log' }));
      expect(host.isLevelEnabled('log')).toBe(true);
      expect(Logger.isLevelEnabled('log')).toBe(true);
      // Nest's start-up lines for the emulator's own routes went nowhere.
      expect(host.lines.filter((line) => line.message.includes('/id-scan/v1/'))).toEqual([]);

      // The emulator's own warning (a delivery it gives up on) is not written to the host's logger either.
      await emulatorGivesUpADelivery(emulator);
      await emulator.waitForDelivery((delivery) => delivery.outcome === 'gave_up');
      expect(host.lines.filter((line) => line.context.startsWith('IdScanEmulator'))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('writes its own lines, start-up included, to a logger instance it is given and never to the host', async () => {
    const own = new HostLogger({ logLevels: ['log', 'warn', 'error'] });
    emulator = await IdScanEmulator.start({ logger: own, webhookRetryDelaysMs: [5] });
    new Logger('HostService').log('after the emulator started');

    expect(own.lines).toContainEqual(
      expect.objectContaining({
        context: 'RouterExplorer',
        message: expect.stringContaining('/id-scan/v1/transactions') as unknown,
      }),
    );
    expect(host.lines).toContainEqual({ level: 'log', context: 'HostService', message: 'after the emulator started' });
    expect(host.lines.filter((line) => line.message.includes('/id-scan/v1/'))).toEqual([]);

    await emulatorGivesUpADelivery(emulator);
    await expect(own.waitFor((line) => line.context === 'IdScanEmulatorWebhooks')).resolves.toMatchObject({
      level: 'warn',
    });
    expect(host.lines.filter((line) => line.context.startsWith('IdScanEmulator'))).toEqual([]);
  });

  it("keeps the host's log levels when given levels of its own", async () => {
    emulator = await IdScanEmulator.start({ logger: ['error'] });
    expect(host.isLevelEnabled('log')).toBe(true);
    expect(Logger.isLevelEnabled('log')).toBe(true);
    expect(Logger.isLevelEnabled('warn')).toBe(true);
  });
});

@Injectable()
class HostService {
  private readonly logger = new Logger(HostService.name);

  greet(): void {
    this.logger.log('host is running');
  }
}

@Module({ providers: [HostService] })
class HostModule {}
