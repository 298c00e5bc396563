import { randomUUID } from 'node:crypto';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { postComplete, startTransactionOn } from './support/host-requests';
import { startHost, type TestHost } from './support/id-scan-host';

describe('the guessed-result limiter and the person’s own signal (e2e)', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({ emulator });
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  it('refuses a flood of guessed result ids after 5 a minute', async () => {
    const transaction = await startTransactionOn(host);
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await postComplete(host, transaction.id, randomUUID())).status);
    expect(answers.slice(5)).toEqual([429, 429]);
  });

  // Known gap (issue #20, item 6): the person's signal is not bound to them yet, so whoever knows only the
  // transaction id can hold it back for a minute at a time. Passes once signals carry a per-transaction binding.
  it.failing('still completes the person’s own iframe signal after a flood of guessed result ids', async () => {
    const transaction = await startTransactionOn(host);
    for (let i = 0; i < 7; i++) await postComplete(host, transaction.id, randomUUID());
    const { resultId } = emulator.completeTransaction(transaction.id);
    const own = await postComplete(host, transaction.id, resultId);
    expect(own.status).toBe(200);
  });
});
