import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { IdScanConnectionError, IdScanError, IdScanModule, IdScanService } from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';

const MAX_RETRIES = 3;

/**
 * A creation whose answer is lost after the API made the transaction is the one failure a client must not retry on
 * its own: it cannot know whether its call took effect, and a second POST would make a second transaction.
 */
describe('createTransaction when the answer is lost after processing (e2e, emulator over loopback HTTP)', () => {
  let emulator: IdScanEmulator;
  let app: INestApplicationContext;
  let service: IdScanService;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ seed: 'ambiguous-create', logger: false });
    const [credentials] = emulator.credentials;
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        IdScanModule.forRoot({
          keyId: credentials.keyId,
          secret: credentials.secret,
          baseUrl: emulator.url,
          maxRetries: MAX_RETRIES,
          routes: false,
        }),
      ],
    })
    class AmbiguousCreateModule {}
    app = await NestFactory.createApplicationContext(AmbiguousCreateModule, { logger: false });
    service = app.get(IdScanService);
  });

  afterEach(() => emulator.setFaults());

  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  function createdSince(before: ReadonlySet<string>, returnUrl: string): string[] {
    return emulator
      .transactions()
      .filter((transaction) => !before.has(transaction.id) && transaction.returnUrl === returnUrl)
      .map((transaction) => transaction.id);
  }

  it('rejects with a connection error and leaves exactly one transaction: the POST is not retried', async () => {
    // Every attempt would be dropped after processing, so each retry would leave one more transaction behind.
    emulator.setFaults({ createTransaction: { dropAfterProcessing: 1 } });
    const before = new Set(emulator.transactions().map((transaction) => transaction.id));
    const returnUrl = 'http://127.0.0.1/ambiguous/return';

    const outcome = service.createTransaction({ tasks: ['document_scan'], returnUrl });
    await expect(outcome).rejects.toBeInstanceOf(IdScanError);
    await expect(outcome).rejects.toBeInstanceOf(IdScanConnectionError);

    expect(createdSince(before, returnUrl)).toHaveLength(1);
  });

  it('does retry a creation the API refused before processing, so the single transaction above is no accident', async () => {
    emulator.setFaults({ createTransaction: { rateLimit: 1, retryAfterSeconds: 0, times: MAX_RETRIES } });
    const before = new Set(emulator.transactions().map((transaction) => transaction.id));
    const returnUrl = 'http://127.0.0.1/refused/return';

    const transaction = await service.createTransaction({ tasks: ['document_scan'], returnUrl });

    expect(createdSince(before, returnUrl)).toEqual([transaction.id]);
  });
});
