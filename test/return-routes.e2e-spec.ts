import { randomUUID } from 'node:crypto';
import type { IdScanTransaction } from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { startHost, type TestHost } from './support/id-scan-host';

// The two routes a person's browser lands on, /id-scan/return and /id-scan/scan-return: every failure ends on a
// page (a redirect to failureRedirect, or the scan-return page), never on a JSON body; a client that asks for JSON
// keeps the JSON error.

/** What Chromium sends when it follows a link or a redirect. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

function get(url: string, accept = BROWSER_ACCEPT): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers: { accept } });
}

/** The redirect target's path and query, as an object. */
function redirectOf(response: Response): { path: string; query: Record<string, string> } {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '', 'http://host.invalid');
  return { path: location.pathname, query: Object.fromEntries(location.searchParams) };
}

describe('browser return routes (e2e, emulator over loopback HTTP)', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;
  let other: TestHost;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({ emulator });
    // Same API account, its own store: the emulator knows its transactions, `host`'s store does not.
    other = await startHost({ emulator });
  });

  afterAll(async () => {
    await other?.close();
    await host?.close();
    await emulator?.stop();
  });

  afterEach(() => emulator.setFaults({}));

  function startVerification(on: TestHost = host): Promise<IdScanTransaction> {
    return on.idScan.createTransaction({
      tasks: ['document_scan'],
      returnUrl: `${on.origin}/id-scan/return`,
      scanReturnUrl: `${on.origin}/id-scan/scan-return`,
    });
  }

  const returnUrl = (trxid: string, resultid: string) =>
    `${host.origin}/id-scan/return?trxid=${trxid}&resultid=${resultid}`;
  const scanReturnUrl = (trxid: string, resultid: string) =>
    `${host.origin}/id-scan/scan-return?trxid=${trxid}&resultid=${resultid}`;

  async function expectScanReturnPage(response: Response, status: number, kind: string): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await expect(response.text()).resolves.toContain(`data-id-scan-page="${kind}"`);
  }

  it.each([
    ['no parameters', '', undefined],
    ['a trxid that is not a UUID', `?trxid=abc&resultid=${randomUUID()}`, undefined],
    ['a missing resultid', `?trxid=00000000-0000-4000-8000-000000000001`, '00000000-0000-4000-8000-000000000001'],
    ['a repeated trxid', `?trxid=${randomUUID()}&trxid=${randomUUID()}&resultid=${randomUUID()}`, undefined],
  ])('sends a browser with %s to failureRedirect with validation_failed', async (_, query, transactionId) => {
    const { path, query: params } = redirectOf(await get(`${host.origin}/id-scan/return${query}`));
    expect(path).toBe('/verification-failed');
    expect(params).toEqual({
      ...(transactionId ? { transactionId } : {}),
      error: 'validation_failed',
    });
    await expectScanReturnPage(await get(`${host.origin}/id-scan/scan-return${query}`), 400, 'problem');
  });

  it('sends a browser with a transaction this application did not start to failureRedirect, asking the API nothing', async () => {
    const transaction = await startVerification(other);
    const { resultId } = emulator.completeTransaction(transaction.id, 'genuine_passport');
    // Any call to the API would now fail and turn the code into an upstream one.
    emulator.setFaults({ '*': { serverError: 1 } });

    const { path, query } = redirectOf(await get(returnUrl(transaction.id, resultId)));
    expect(path).toBe('/verification-failed');
    expect(query).toEqual({ transactionId: transaction.id, error: 'transaction_unknown' });
    await expectScanReturnPage(await get(scanReturnUrl(transaction.id, resultId)), 404, 'problem');
    expect(host.events.completionsOf(transaction.id)).toHaveLength(0);
  });

  it('tells a person who has not finished (an invented result id) just that, never a server error', async () => {
    const transaction = await startVerification();
    const invented = randomUUID();
    const { path, query } = redirectOf(await get(returnUrl(transaction.id, invented)));
    expect(path).toBe('/verification-failed');
    expect(query).toEqual({ transactionId: transaction.id, error: 'result_not_found' });
    const page = await get(scanReturnUrl(transaction.id, invented), BROWSER_ACCEPT);
    await expectScanReturnPage(page, 404, 'unfinished');
    expect(host.logger.lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  });

  it('sends a browser to failureRedirect with the upstream code when the API is unavailable', async () => {
    const transaction = await startVerification();
    const { resultId } = emulator.completeTransaction(transaction.id, 'genuine_passport');
    emulator.setFaults({ getResult: { unavailable: 1 } });
    const { query } = redirectOf(await get(returnUrl(transaction.id, resultId)));
    expect(query).toEqual({ transactionId: transaction.id, error: 'upstream_unavailable' });
    await expectScanReturnPage(await get(scanReturnUrl(transaction.id, resultId)), 503, 'problem');
  });

  it('treats a client that sends */* (a webview, curl) like a browser', async () => {
    const { query } = redirectOf(await get(`${host.origin}/id-scan/return?trxid=abc`, '*/*'));
    expect(query).toEqual({ error: 'validation_failed' });
  });

  it('keeps the JSON error for a client that asks for JSON', async () => {
    const transaction = await startVerification(other);
    const { resultId } = emulator.completeTransaction(transaction.id, 'genuine_passport');
    for (const route of ['return', 'scan-return']) {
      const bad = await get(`${host.origin}/id-scan/${route}?trxid=abc`, 'application/json');
      expect(bad.status).toBe(400);
      await expect(bad.json()).resolves.toMatchObject({ code: 'validation_failed' });
      const unknown = await get(
        `${host.origin}/id-scan/${route}?trxid=${transaction.id}&resultid=${resultId}`,
        'application/json',
      );
      expect(unknown.status).toBe(404);
      await expect(unknown.json()).resolves.toMatchObject({ code: 'transaction_unknown' });
    }
  });
});
